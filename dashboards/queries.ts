// A query is one line of a graph or one input of an alarm: either a metric with its statistic
// and period, or metric math over other queries of the same widget or alarm.
import type { Statistic } from "../aws/cloudwatch/statistics";

export type { Statistic };

/** Every metric is read at one-minute resolution, the alarms' evaluation period. */
export const periodSeconds = 60;

/**
 * How units name one period, for the counts a period holds: "min" and "minute" as deployed;
 * a shorter period (the local stack's demo speed) by its seconds, so a count per 5 s is never
 * read as a count per minute.
 */
export function periodName(seconds: number = periodSeconds): { readonly short: string; readonly long: string } {
  return seconds === 60 ? { short: "min", long: "minute" } : { short: `${seconds} s`, long: `${seconds} s` };
}

export interface MetricQuery<N = string> {
  /** Lower-case-first id, unique within a widget or alarm; metric math refers to it. */
  readonly id: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, N | string>>;
  readonly stat: Statistic;
  readonly period: number;
  readonly label: string;
}

export interface MathQuery {
  readonly id: string;
  readonly expression: string;
  readonly label: string;
}

export type Query<N = string> = MetricQuery<N> | MathQuery;

export function isMath<N>(q: Query<N>): q is MathQuery {
  return "expression" in q;
}

export function metric<N>(
  id: string,
  namespace: string,
  metricName: string,
  dimensions: Readonly<Record<string, N | string>>,
  stat: Statistic,
  label: string,
): MetricQuery<N> {
  return { id, namespace, metricName, dimensions, stat, period: periodSeconds, label };
}

export function math(id: string, expression: string, label: string): MathQuery {
  return { id, expression, label };
}

/**
 * A count published only when its event happens, with 0 for every quiet period: the raw count
 * (to hide on a graph) and the filled series. Alarms on AWS/DynamoDB metrics ignore missing
 * data whatever treatment they are given (PutMetricAlarm, TreatMissingData), so without the 0s
 * such an alarm would hold ALARM after a burst until the next event.
 */
export function zeroFilled<N>(count: MetricQuery<N>): readonly [MetricQuery<N>, MathQuery] {
  return [count, math(`${count.id}Filled`, `FILL(${count.id}, 0)`, count.label)];
}

/** Ids a metric math expression refers to (identifiers that start lower-case, not functions). */
export function referencedIds(expression: string): readonly string[] {
  const withoutStrings = expression.replace(/"[^"]*"|'[^']*'/g, "");
  const ids = withoutStrings.match(/\b[a-z][A-Za-z0-9_]*\b(?!\s*\()/g) ?? [];
  return [...new Set(ids)];
}
