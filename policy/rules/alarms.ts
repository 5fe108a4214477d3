// Alarms that reach someone, with values CloudWatch accepts, watching every function.
import { isAlarmPeriod, maxAlarmEvaluationSeconds, maxCompositeAlarmRuleLength, metricQueryId } from "../../aws/cloudWatchLimits";
import { awsNamespaces, reportMetrics } from "../../config/metrics";
import { awsDimensions, lambdaMetrics } from "../../dashboards/awsMetrics";
import {
  ofType,
  text,
  types,
  violation,
  type ProjectPolicy,
  type StackResource,
  type StackUnderPolicy,
  type Violation,
} from "../projectPolicy";

interface MetricQuery {
  readonly id?: string;
  readonly expression?: string;
  readonly returnData?: boolean;
  readonly metric?: {
    readonly namespace?: string;
    readonly metricName?: string;
    readonly period?: number;
    readonly dimensions?: Record<string, string>;
  };
}

const queriesOf = (a: StackResource): readonly MetricQuery[] => (a.props.metricQueries ?? []) as MetricQuery[];
const actionsOf = (r: StackResource): readonly unknown[] => (Array.isArray(r.props.alarmActions) ? r.props.alarmActions : []);
const notifies = (r: StackResource): boolean => r.props.actionsEnabled !== false && actionsOf(r).length > 0;

/** Names of the alarms a composite rule reads: ALARM("name"), OK(name), ... */
function ruleAlarmNames(rule: string): string[] {
  return [...rule.matchAll(/\b(?:ALARM|OK|INSUFFICIENT_DATA)\(\s*"?([^")]+?)"?\s*\)/g)].map((m) => m[1]!);
}

export const alarmsNotify: ProjectPolicy = {
  name: "alarms-notify",
  description: "Every alarm notifies: itself, or through a composite alarm that notifies.",
  check: (stack) => {
    const composites = ofType(stack, types.compositeAlarm);
    const notifyingMembers = new Set(
      composites.filter(notifies).flatMap((c) => (text(c.props.alarmRule) === undefined ? [] : ruleAlarmNames(String(c.props.alarmRule)))),
    );
    return [...ofType(stack, types.alarm), ...composites].flatMap((a): Violation[] => {
      const name = text(a.props.name) ?? text(a.props.alarmName);
      if (notifies(a) || (name !== undefined && notifyingMembers.has(name))) return [];
      return [violation(a, "notifies no one, neither itself nor through a notifying composite alarm")];
    });
  },
};

function metricAlarmProblems(a: StackResource): string[] {
  const problems: string[] = [];
  const evaluationPeriods = Number(a.props.evaluationPeriods);
  const datapoints = a.props.datapointsToAlarm === undefined ? evaluationPeriods : Number(a.props.datapointsToAlarm);
  if (!(datapoints >= 1 && datapoints <= evaluationPeriods))
    problems.push(`datapointsToAlarm ${datapoints} is not between 1 and evaluationPeriods (${evaluationPeriods})`);
  const queries = queriesOf(a);
  const periods = queries.length > 0 ? queries.flatMap((q) => (q.metric ? [Number(q.metric.period)] : [])) : [Number(a.props.period)];
  for (const period of periods) {
    if (!isAlarmPeriod(period)) problems.push(`period ${period} s is not 10, 20, 30 or a multiple of 60`);
    else if (period * evaluationPeriods > maxAlarmEvaluationSeconds(period))
      problems.push(
        `evaluates ${evaluationPeriods} × ${period} s, more than the ${maxAlarmEvaluationSeconds(period)} s an alarm may look back`,
      );
  }
  if (queries.length > 0) {
    for (const q of queries)
      if (!metricQueryId.test(String(q.id))) problems.push(`metric query id ${JSON.stringify(q.id)} is not ${metricQueryId}`);
    const returned = queries.filter((q) => q.returnData === true).length;
    if (returned !== 1) problems.push(`returns ${returned} series; an alarm compares exactly one with its threshold`);
  }
  return problems;
}

function compositeProblems(c: StackResource, stack: StackUnderPolicy): string[] {
  const rule = text(c.props.alarmRule);
  if (rule === undefined) return [];
  const problems: string[] = [];
  if (rule.length > maxCompositeAlarmRuleLength)
    problems.push(`rule of ${rule.length} characters, more than ${maxCompositeAlarmRuleLength}`);
  const known = new Set(
    [...ofType(stack, types.alarm), ...ofType(stack, types.compositeAlarm)].map((a) => text(a.props.name) ?? text(a.props.alarmName)),
  );
  const members = ruleAlarmNames(rule);
  if (members.length === 0) problems.push("rule names no alarm");
  for (const name of members) if (!known.has(name)) problems.push(`rule reads ${name}, no alarm of this stack`);
  return problems;
}

export const alarmValues: ProjectPolicy = {
  name: "alarm-values",
  description:
    "Alarm values CloudWatch accepts: periods of 10, 20, 30 s or a multiple of 60, at most a day evaluated (a week for periods of an hour or more), datapoints within the evaluation periods, metric-math ids, one returned series; composite rules within 10240 characters and reading alarms of the stack.",
  check: (stack) => [
    ...ofType(stack, types.alarm).flatMap((a) => metricAlarmProblems(a).map((p) => violation(a, p))),
    ...ofType(stack, types.compositeAlarm).flatMap((c) => compositeProblems(c, stack).map((p) => violation(c, p))),
  ],
};

/** The metrics an alarm reads, in the classic form or as its metric queries. */
function alarmMetrics(a: StackResource): { namespace?: string; metricName?: string; dimensions: Record<string, string> }[] {
  const classic =
    a.props.metricName === undefined
      ? []
      : [
          {
            namespace: text(a.props.namespace),
            metricName: text(a.props.metricName),
            dimensions: (a.props.dimensions ?? {}) as Record<string, string>,
          },
        ];
  return [...classic, ...queriesOf(a).flatMap((q) => (q.metric ? [{ ...q.metric, dimensions: q.metric.dimensions ?? {} }] : []))];
}

export const functionAlarms: ProjectPolicy = {
  name: "function-alarms",
  description: "Every function has alarms on its errors, throttles, duration and memory used.",
  check: (stack) => {
    const watched = ofType(stack, types.alarm).flatMap(alarmMetrics);
    return ofType(stack, types.function).flatMap((fn): Violation[] => {
      const name = text(fn.props.name);
      if (name === undefined) return [];
      const problems: Violation[] = [];
      const own = watched.filter((m) => m.namespace === awsNamespaces.lambda && m.dimensions[awsDimensions.functionName] === name);
      for (const metric of [lambdaMetrics.errors, lambdaMetrics.throttles, lambdaMetrics.duration])
        if (!own.some((m) => m.metricName === metric)) problems.push(violation(fn, `no alarm on ${metric}`));
      // Memory is known only from the platform.report records, through a metric filter on its log group.
      const memory = ofType(stack, types.metricFilter)
        .filter((f) => f.props.logGroupName === `/aws/lambda/${name}`)
        .map((f) => f.props.metricTransformation as { name?: string; namespace?: string })
        .filter((m) => m.name === reportMetrics.maxMemoryUsed.name);
      if (!memory.some((m) => watched.some((a) => a.namespace === m.namespace && a.metricName === m.name)))
        problems.push(violation(fn, "no alarm on memory used"));
      return problems;
    });
  },
};
