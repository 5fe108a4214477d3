// When to wake someone: every alarm of a stack, on by default, with its threshold from the stack
// settings, its M-of-N evaluation over 60 s periods, how it treats missing data and why, and
// what to check first. The composite "service unhealthy" alarm is the one that pages; the
// alarms it is made of notify through it, the sizing warnings notify on their own.
import { stackMetrics } from "./metricFactory";
import { alarmName } from "../config/names";
import { concurrencyLimit } from "../config/settings";
import type { ObservedStack } from "./observedStack";
import { periodName, zeroFilled, type MetricQuery, type Query } from "./queries";

type Comparison = "GreaterThanOrEqualToThreshold" | "GreaterThanThreshold";
export type MissingData = "notBreaching" | "breaching" | "ignore" | "missing";

export interface AlarmDefinition<N = string> {
  /** Short name of what is watched; the alarm is named `<project>-<stack>-<key>`. */
  readonly key: string;
  readonly name: string;
  /** The metrics (and metric math) the alarm reads; exactly as charted on the dashboard. */
  readonly queries: readonly Query<N>[];
  /** Id of the query compared with the threshold. */
  readonly evaluates: string;
  readonly comparison: Comparison;
  readonly threshold: number;
  /** The threshold as a person reads it, e.g. "≥ 5 % of requests". */
  readonly thresholdText: string;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: MissingData;
  readonly missingDataReason: string;
  /** What the alarm means. */
  readonly meaning: string;
  /** What to check first when it fires. */
  readonly checkFirst: string;
  /** Part of the paging composite (true) or a warning that notifies on its own (false). */
  readonly pages: boolean;
}

export interface CompositeAlarmDefinition {
  readonly key: string;
  readonly name: string;
  readonly rule: string;
  readonly meaning: string;
  readonly checkFirst: string;
}

const quietMeansHealthy = "no traffic means nothing failed, so silence must not raise or hold the alarm";
const filledNote = " (the count is filled with 0, as alarms on AWS/DynamoDB metrics ignore missing data whatever is set)";
const quietSaysNothing = "a quiet minute says nothing about sizing, so the alarm keeps its state instead of flapping to OK between bursts";

/** `periodSeconds`: what one evaluation period covers, which count thresholds name (60 as deployed). */
export function alarmDefinitions<N>(target: ObservedStack<N>, periodSeconds?: number): readonly AlarmDefinition<N>[] {
  const s = target.settings;
  const per = periodName(periodSeconds).long;
  const m = stackMetrics(target);
  const mOfN = { evaluationPeriods: s.alarmEvaluationPeriods, datapointsToAlarm: s.alarmDatapointsToAlarm };
  const alarm = (
    key: string,
    queries: readonly Query<N>[],
    threshold: number,
    thresholdText: string,
    rest: Pick<AlarmDefinition<N>, "treatMissingData" | "missingDataReason" | "meaning" | "checkFirst" | "pages">,
  ): AlarmDefinition<N> => ({
    key,
    name: alarmName(target, key),
    queries,
    evaluates: (queries[queries.length - 1] as Query<N>).id,
    comparison: "GreaterThanOrEqualToThreshold",
    threshold,
    thresholdText,
    ...mOfN,
    ...rest,
  });

  // Counts DynamoDB publishes only when the event happens, read filled with 0 (zeroFilled).
  const dynamoCountAlarm = (
    key: string,
    count: MetricQuery<N>,
    threshold: number,
    events: string,
    rest: Pick<AlarmDefinition<N>, "meaning" | "checkFirst" | "pages">,
  ) =>
    alarm(key, zeroFilled(count), threshold, `≥ ${threshold} per ${per}`, {
      treatMissingData: "notBreaching",
      missingDataReason: `DynamoDB publishes ${events} only when they happen; silence means none${filledNote}`,
      ...rest,
    });

  const timeoutMs = s.timeout * 1000;
  const limit = concurrencyLimit(s);
  const alarms: AlarmDefinition<N>[] = [
    alarm(
      "api-5xx-rate",
      [m.api.requests, m.api.serverErrors, m.api.serverErrorRate],
      s.api5xxRatePercent,
      `≥ ${s.api5xxRatePercent} % of requests`,
      {
        treatMissingData: "notBreaching",
        missingDataReason: quietMeansHealthy,
        meaning: "Callers get server errors: the function failed, timed out or was throttled, or API Gateway could not reach it.",
        checkFirst: "Lambda errors and throttles rows, then the latest-errors log widget (correlation_id leads to the request).",
        pages: true,
      },
    ),
    alarm("api-latency-p90", [m.api.latency("p90")], s.apiLatencyP90Ms, `p90 ≥ ${s.apiLatencyP90Ms} ms`, {
      treatMissingData: "notBreaching",
      missingDataReason: quietMeansHealthy,
      meaning: "One request in ten takes longer than the latency target.",
      checkFirst: "Latency vs IntegrationLatency (gap = API Gateway), then Lambda duration and cold starts, then PutItem latency.",
      pages: true,
    }),
    alarm("lambda-errors", [m.lambda.errors], s.lambdaErrors, `≥ ${s.lambdaErrors} per ${per}`, {
      treatMissingData: "notBreaching",
      missingDataReason: quietMeansHealthy,
      meaning: "Invocations failed outright (unhandled error, timeout or out of memory); rejected proposals are not errors.",
      checkFirst: "Latest-errors log widget; duration vs timeout and memory rows for timeouts and out-of-memory kills.",
      pages: true,
    }),
    alarm("lambda-throttles", [m.lambda.throttles], s.lambdaThrottles, `≥ ${s.lambdaThrottles} per ${per}`, {
      treatMissingData: "notBreaching",
      missingDataReason: quietMeansHealthy,
      meaning: "Lambda refused invocations: the function hit its concurrency limit; callers see 5XX.",
      checkFirst: "Concurrent executions vs limit; raise reservedConcurrency or the account quota, or lower the API stage rate limit.",
      pages: true,
    }),
    alarm(
      "lambda-duration-near-timeout",
      [m.lambda.durationP90],
      Math.round((timeoutMs * s.durationTimeoutPercent) / 100),
      `p90 ≥ ${s.durationTimeoutPercent} % of the ${s.timeout} s timeout`,
      {
        treatMissingData: "ignore",
        missingDataReason: quietSaysNothing,
        meaning: "Invocations run close to the timeout; the next slow dependency turns them into errors.",
        checkFirst: "PutItem latency and throttles, init duration; raise memory (more CPU) or the timeout.",
        pages: false,
      },
    ),
    alarm(
      "lambda-memory-utilization",
      [m.report.maxMemoryUsed, m.report.memorySize, m.report.memoryUtilization],
      s.memoryUtilizationPercent,
      `≥ ${s.memoryUtilizationPercent} % of configured memory`,
      {
        treatMissingData: "ignore",
        missingDataReason: quietSaysNothing,
        meaning: "The function uses most of its memory; at 100 % Lambda kills the invocation.",
        checkFirst: "Memory row (max used vs size); raise memorySize, then look for what grows per invocation.",
        pages: false,
      },
    ),
    alarm(
      "lambda-concurrency",
      [m.lambda.concurrentExecutions],
      Math.max(1, Math.ceil((limit * s.concurrencyUtilizationPercent) / 100)),
      `≥ ${s.concurrencyUtilizationPercent} % of ${limit} concurrent executions`,
      {
        treatMissingData: "notBreaching",
        missingDataReason: quietMeansHealthy,
        meaning: "Concurrency approaches the limit; beyond it invocations are throttled.",
        checkFirst: "Requests and duration: more traffic or slower invocations? Raise the reservation or quota before throttles start.",
        pages: false,
      },
    ),
    dynamoCountAlarm("dynamodb-write-throttles", m.dynamo.writeThrottleEvents, s.dynamoThrottleEvents, "throttle events", {
      meaning: "Appends to the event store are throttled; proposals fail or retry.",
      checkFirst: "Write capacity consumed vs provisioned; raise writeCapacity or enable autoScaling (see load-test sizing).",
      pages: true,
    }),
    dynamoCountAlarm("dynamodb-read-throttles", m.dynamo.readThrottleEvents, s.dynamoThrottleEvents, "throttle events", {
      meaning: "Reads of the event store are throttled (projections, replays); proposing does not read.",
      checkFirst: "Read capacity consumed vs provisioned; raise readCapacity or enable autoScaling.",
      pages: false,
    }),
    dynamoCountAlarm("dynamodb-system-errors", m.dynamo.systemErrors, s.dynamoSystemErrors, "system errors", {
      meaning: "DynamoDB itself failed appends (HTTP 500); the service is degraded on AWS's side.",
      checkFirst: "AWS Health Dashboard for DynamoDB in the region; the SDK retries, so watch the API 5XX rate.",
      pages: true,
    }),
  ];
  if (s.billingMode === "PROVISIONED") {
    // Sizing warnings: one threshold and missing-data treatment for writes and reads.
    const capacityAlarm = (key: string, queries: readonly Query<N>[], unit: "WCU" | "RCU", meaning: string, checkFirst: string) =>
      alarm(key, queries, s.capacityUtilizationPercent, `≥ ${s.capacityUtilizationPercent} % of provisioned ${unit}`, {
        treatMissingData: "ignore",
        missingDataReason: quietSaysNothing,
        meaning,
        checkFirst,
        pages: false,
      });
    alarms.push(
      capacityAlarm(
        "dynamodb-write-capacity",
        [m.dynamo.consumedWrite, m.dynamo.provisionedWrite, m.dynamo.writeUtilization],
        "WCU",
        "Writes use most of the provisioned capacity: the sizing signal, before throttling starts.",
        "Requests trend and WCU per request; raise writeCapacity (or the auto scaling maximum).",
      ),
      capacityAlarm(
        "dynamodb-read-capacity",
        [m.dynamo.consumedRead, m.dynamo.provisionedRead, m.dynamo.readUtilization],
        "RCU",
        "Reads use most of the provisioned capacity: the sizing signal, before throttling starts.",
        "Which reader grew (projections, replays); raise readCapacity (or the auto scaling maximum).",
      ),
    );
  }
  return alarms;
}

export function serviceUnhealthyAlarm(
  target: Pick<ObservedStack<unknown>, "project" | "stack">,
  alarms: readonly Pick<AlarmDefinition<unknown>, "name" | "pages">[],
): CompositeAlarmDefinition {
  const key = "service-unhealthy";
  return {
    key,
    name: alarmName(target, key),
    rule: alarms
      .filter((a) => a.pages)
      .map((a) => `ALARM("${a.name}")`)
      .join(" OR "),
    meaning: "Callers are affected: server errors, slow responses, failed or throttled invocations, or a failing event store.",
    checkFirst: "The alarm-status widget shows which member fired; follow that alarm's first check.",
  };
}
