// Stacks to build dashboards and alarms for, and helpers that read a rendered dashboard body.
import { defaultRegion, eventsTableName, projectName, proposeFunctionName } from "../../config/names";
import { objectSource, resolveSettings } from "../../config/settings";
import type { SettingValue } from "../../config/spec";
import type { ObservedStack } from "../../dashboards/observedStack";
import { observedLocalStack } from "../../local/observability/observedLocalStack";
import type { DashboardBody, MetricArrayEntry, Widget } from "../../dashboards/widgets";

export const region = defaultRegion;

/** A stack with this config, its resources named as the Pulumi program names them. */
export function observedStack(stack = "dev", config: Readonly<Record<string, SettingValue>> = {}): ObservedStack {
  const target = { project: projectName, stack };
  return observedLocalStack({
    ...target,
    settings: resolveSettings(stack, objectSource(config)),
    tableName: eventsTableName(target),
    functionName: proposeFunctionName(target),
  });
}

export function alarmArn(name: string): string {
  return `arn:aws:cloudwatch:${region}:123456789012:alarm:${name}`;
}

/** A chartable metric as the dashboard's JSON says it: identity, statistic and period. */
export interface ChartedMetric {
  readonly id: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly stat: string;
  readonly period: number;
}

export interface ChartedExpression {
  readonly id: string;
  readonly expression: string;
}

/** Splits one widget's `metrics` array into its metric entries and its math entries. */
export function chartedQueries(widget: Widget): { metrics: ChartedMetric[]; expressions: ChartedExpression[] } {
  const entries = (widget.properties.metrics ?? []) as MetricArrayEntry[];
  const metrics: ChartedMetric[] = [];
  const expressions: ChartedExpression[] = [];
  for (const entry of entries) {
    const options = entry[entry.length - 1] as Record<string, unknown>;
    if (typeof options.expression === "string") {
      expressions.push({ id: String(options.id), expression: options.expression });
      continue;
    }
    const [namespace, metricName, ...rest] = entry.slice(0, -1) as string[];
    const dimensions: Record<string, string> = {};
    for (let i = 0; i < rest.length; i += 2) dimensions[rest[i] as string] = rest[i + 1] as string;
    metrics.push({
      id: String(options.id),
      namespace: namespace as string,
      metricName: metricName as string,
      dimensions,
      stat: String(options.stat),
      period: Number(options.period),
    });
  }
  return { metrics, expressions };
}

export function metricWidgets(body: DashboardBody): Widget[] {
  return body.widgets.filter((w) => w.type === "metric");
}

/** The body as CloudWatch receives it: serialised JSON. */
export function asDeployed(body: DashboardBody): DashboardBody {
  return JSON.parse(JSON.stringify(body)) as DashboardBody;
}
