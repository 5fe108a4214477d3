// How CloudWatch decides a metric alarm's state from its last N periods (reference: CloudWatch
// "Evaluating an alarm" and "Configuring how CloudWatch alarms treat missing data"):
//   - a datapoint breaches when it compares with the threshold as the alarm says;
//   - ALARM when at least M (datapointsToAlarm) of the N periods breach, else OK;
//   - a missing period counts as breaching (`breaching`) or not (`notBreaching`); with
//     `missing` and `ignore` only the periods that have data count, and when none has,
//     `missing` goes to INSUFFICIENT_DATA and `ignore` keeps the current state;
//   - alarms on AWS/DynamoDB metrics ignore missing data, whatever is configured (PutMetricAlarm,
//     TreatMissingData); the stack's DynamoDB count alarms fill their gaps with 0 instead.
// CloudWatch may look back further than N periods when some are missing; this evaluator keeps
// to the N periods, which differs only while data is sparse.
import type { AlarmDefinition, MissingData } from "../../dashboards/alarms";
import { awsNamespaces } from "../../config/metrics";
import { isMath } from "../../dashboards/queries";

export type AlarmState = "OK" | "ALARM" | "INSUFFICIENT_DATA";

export type AlarmRule = Pick<AlarmDefinition, "comparison" | "threshold" | "datapointsToAlarm" | "evaluationPeriods" | "treatMissingData">;

export interface Verdict {
  readonly state: AlarmState;
  readonly reason: string;
}

function breaches(rule: Pick<AlarmRule, "comparison" | "threshold">, value: number): boolean {
  return rule.comparison === "GreaterThanOrEqualToThreshold" ? value >= rule.threshold : value > rule.threshold;
}

/** The missing-data treatment CloudWatch actually applies to an alarm. */
export function effectiveMissingData(definition: Pick<AlarmDefinition, "queries" | "treatMissingData">): MissingData {
  const onDynamo = definition.queries.some((q) => !isMath(q) && q.namespace === awsNamespaces.dynamoDb);
  return onDynamo ? "ignore" : definition.treatMissingData;
}

/**
 * The state after evaluating `window`: the values of the last N periods, oldest first,
 * undefined where a period has no datapoint.
 */
export function evaluateWindow(rule: AlarmRule, window: readonly (number | undefined)[], current: AlarmState): Verdict {
  const m = rule.datapointsToAlarm;
  const shown = window.map((v) => (v === undefined ? "-" : formatValue(v))).join(", ");
  const present = window.filter((v): v is number => v !== undefined);
  let breaching: number;
  if (rule.treatMissingData === "breaching" || rule.treatMissingData === "notBreaching") {
    const missingCounts = rule.treatMissingData === "breaching" ? window.length - present.length : 0;
    breaching = present.filter((v) => breaches(rule, v)).length + missingCounts;
  } else {
    if (present.length === 0) {
      return rule.treatMissingData === "missing"
        ? { state: "INSUFFICIENT_DATA", reason: `no datapoints in the last ${window.length} periods` }
        : { state: current, reason: `no datapoints in the last ${window.length} periods; state kept (missing data ignored)` };
    }
    breaching = present.filter((v) => breaches(rule, v)).length;
  }
  const state: AlarmState = breaching >= m ? "ALARM" : "OK";
  return { state, reason: `${breaching} of ${window.length} periods breached (alarm at ${m}): [${shown}]` };
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

/** Names of the alarms a composite rule of the form `ALARM("a") OR ALARM("b")` refers to. */
export function compositeMembers(rule: string): readonly string[] {
  const terms = rule.split(/\s+OR\s+/);
  return terms.map((term) => {
    const m = /^ALARM\("([^"]+)"\)$/.exec(term.trim());
    if (!m) throw new Error(`composite rule form not supported locally: ${term}`);
    return m[1] as string;
  });
}

/**
 * A composite of OR-ed ALARM() terms: ALARM when any member is in ALARM; INSUFFICIENT_DATA
 * while no member has left INSUFFICIENT_DATA (nothing is known yet); OK otherwise.
 */
export function evaluateComposite(members: readonly string[], states: ReadonlyMap<string, AlarmState>): Verdict {
  const firing = members.filter((name) => states.get(name) === "ALARM");
  if (firing.length > 0) return { state: "ALARM", reason: `in ALARM: ${firing.join(", ")}` };
  if (members.every((name) => (states.get(name) ?? "INSUFFICIENT_DATA") === "INSUFFICIENT_DATA")) {
    return { state: "INSUFFICIENT_DATA", reason: "no member alarm has data yet" };
  }
  return { state: "OK", reason: "no member alarm is in ALARM" };
}
