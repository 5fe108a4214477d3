// Metrics CloudWatch derives from the function's log group: the project's metric filters
// (from dashboards/, evaluated with their own pattern evaluator) on platform.report records,
// and the handler's Embedded Metric Format output.
import { compileFilter, parseEvent } from "../filterPattern";
import type { MetricFilterDefinition } from "../../../dashboards/metricFilters";
import type { LogSink } from "../../lambda/runtime";
import type { MetricStore } from "../metricStore";
import { emfDatapoints } from "./emf";

export function functionLogRecorder(store: MetricStore, functionName: string, filters: readonly MetricFilterDefinition[]): LogSink {
  const compiled = filters.map((filter) => ({ filter, valueOf: compileFilter(filter) }));
  return (line, meta) => {
    if (meta.functionName !== functionName) return;
    const event = parseEvent(line);
    if (event !== undefined) {
      for (const { filter, valueOf: read } of compiled) {
        const value = read(event);
        // Metric filters on this pattern publish no dimensions (see dashboards/metricFilters.ts).
        if (value !== undefined)
          store.put({ namespace: filter.namespace, metricName: filter.metricName, dimensions: {}, unit: filter.unit, value });
      }
    }
    for (const point of emfDatapoints(line)) store.put(point);
  };
}
