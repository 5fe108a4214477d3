// Metric filters that turn the function's JSON `platform.report` log records into metrics.
//
// Lambda writes one platform.report per invocation only when the function's log format is JSON;
// in the text format the same facts arrive as a `REPORT RequestId: …` line that these JSON
// patterns do not match. The record (Lambda Telemetry API schema) looks like
//   {"time": "…", "type": "platform.report",
//    "record": {"requestId": "…", "status": "success",
//               "metrics": {"durationMs": 15.9, "billedDurationMs": 16, "memorySizeMB": 128,
//                           "maxMemoryUsedMB": 68, "initDurationMs": 180.2}}}
// with initDurationMs only on the first invocation of an execution environment.
//
// Metric filter dimensions can only take their values from fields of the log event, and the
// record names no function, so a constant FunctionName dimension is impossible
// (aws-cloudformation/aws-cloudformation-resource-providers-logs#108). The stack name goes into
// the namespace instead, so two stacks in one account never mix their numbers.
import { reportMetrics, stackNamespace } from "../config/metrics";
import { metricFilterName } from "../config/names";
import type { ObservedStack } from "./observedStack";

export const platformReportPattern = '{ $.type = "platform.report" }';

type ReportMetricKey = keyof typeof reportMetrics;

export interface MetricFilterDefinition {
  readonly key: ReportMetricKey;
  /** Name of the metric filter resource on the log group. */
  readonly filterName: string;
  readonly pattern: string;
  /** JSON selector of the published value. */
  readonly valueSelector: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly unit: string;
}

export function metricFilterDefinitions(target: Pick<ObservedStack<unknown>, "project" | "stack">): readonly MetricFilterDefinition[] {
  return (Object.keys(reportMetrics) as ReportMetricKey[]).map((key) => {
    const m = reportMetrics[key];
    return {
      key,
      filterName: metricFilterName(target, m.name),
      pattern: platformReportPattern,
      valueSelector: `$.record.metrics.${m.field}`,
      namespace: stackNamespace(target.stack),
      metricName: m.name,
      unit: m.unit,
    };
  });
}
