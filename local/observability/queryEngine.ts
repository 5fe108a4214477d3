// Resolves the queries of one widget or alarm (metrics and the metric math over them) against
// the local metric store, the way GetMetricData answers them: one series per id.
import { isMath, type Query } from "../../dashboards/queries";
import { evaluateMath, UnsupportedMathError } from "./metricMath";
import type { MetricStore, PeriodValue, TimeRange } from "./metricStore";

export type QueryResult =
  | { readonly id: string; readonly points: readonly PeriodValue[] }
  | { readonly id: string; readonly error: string };

export function resolveQueries(store: MetricStore, queries: readonly Query[], range: TimeRange): ReadonlyMap<string, QueryResult> {
  const byId = new Map(queries.map((q) => [q.id, q]));
  const results = new Map<string, QueryResult>();
  const resolving = new Set<string>();

  const resolve = (id: string): readonly PeriodValue[] => {
    const done = results.get(id);
    if (done) {
      if ("error" in done) throw new UnsupportedMathError(id, `a reference to ${id} (${done.error})`);
      return done.points;
    }
    const q = byId.get(id);
    if (!q) throw new UnsupportedMathError(id, `an unknown id ${id}`);
    if (resolving.has(id)) throw new UnsupportedMathError(id, `a cycle through ${id}`);
    resolving.add(id);
    try {
      const points = isMath(q) ? mathPoints(q.expression) : store.query(q, q.stat, range);
      results.set(id, { id, points });
      return points;
    } finally {
      resolving.delete(id);
    }
  };

  const periods = store.periodStarts(range);
  const mathPoints = (expression: string): readonly PeriodValue[] => {
    const value = evaluateMath(expression, { series: resolve, periodSeconds: () => store.periodSeconds, periods: () => periods });
    return value.kind === "series" ? value.points : periods.map((timestamp) => ({ timestamp, value: value.value }));
  };

  for (const q of queries) {
    if (results.has(q.id)) continue;
    try {
      resolve(q.id);
    } catch (err) {
      if (!(err instanceof UnsupportedMathError)) throw err;
      results.set(q.id, { id: q.id, error: err.message });
    }
  }
  return results;
}
