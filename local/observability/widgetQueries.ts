// Reads a metric widget of a dashboard body back into queries, from the metric array form
// CloudWatch receives (`[namespace, name, dim, value, …, {options}]` or `[{expression, …}]`),
// so the ops page charts exactly what the deployed dashboard would.
import type { Query, Statistic } from "../../dashboards/queries";
import { periodSeconds, type MetricQuery } from "../../dashboards/queries";
import type { MetricArrayEntry, Widget } from "../../dashboards/widgets";

export interface ChartedLine {
  readonly query: Query;
  /** False for inputs of metric math that are not drawn. */
  readonly visible: boolean;
  readonly yAxis: "left" | "right";
}

export function widgetLines(widget: Widget): readonly ChartedLine[] {
  const entries = (widget.properties["metrics"] ?? []) as readonly MetricArrayEntry[];
  return entries.map((entry) => {
    const options = entry[entry.length - 1] as Readonly<Record<string, unknown>>;
    const id = String(options["id"]);
    const label = String(options["label"] ?? id);
    const rendering = {
      visible: options["visible"] !== false,
      yAxis: options["yAxis"] === "right" ? ("right" as const) : ("left" as const),
    };
    if (typeof options["expression"] === "string") return { query: { id, expression: options["expression"], label }, ...rendering };
    const [namespace, metricName, ...dims] = entry.slice(0, -1) as readonly string[];
    const dimensions: Record<string, string> = {};
    for (let i = 0; i + 1 < dims.length; i += 2) dimensions[dims[i] as string] = dims[i + 1] as string;
    const query: MetricQuery = {
      id,
      namespace: namespace as string,
      metricName: metricName as string,
      dimensions,
      stat: String(options["stat"] ?? "Average") as Statistic,
      period: Number(options["period"] ?? periodSeconds),
      label,
    };
    return { query, ...rendering };
  });
}
