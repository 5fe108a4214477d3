// The local CloudWatch: raw datapoints under the namespaces, names, dimensions and units AWS
// uses, and per-period statistics over them. As in CloudWatch, a metric is identified by its
// namespace, name and exact set of dimensions, and a period with no datapoint has no value.
import type { Statistic } from "../../dashboards/queries";
import { statistic } from "../../aws/cloudwatch/statistics";
import { dashboardWindowHours } from "../../dashboards/dashboardBody";

import type { WallClock } from "../clock";

export interface MetricIdentity {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

export interface Datapoint extends MetricIdentity {
  readonly unit: string;
  readonly value: number;
  /** Defaults to the store's clock. */
  readonly timestamp?: number;
}

/** One period's value; `timestamp` is the period's start, as CloudWatch labels it. */
export interface PeriodValue {
  readonly timestamp: number;
  readonly value: number;
}

export interface TimeRange {
  /** Inclusive, rounded down to a period boundary. */
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

export interface MetricStoreOptions {
  /** Seconds per period: 60 as in the deployed alarms, less for demos. */
  readonly periodSeconds: number;
  readonly clock?: WallClock;
  /** How long datapoints are kept; the dashboard's three hours by default. */
  readonly retentionMs?: number;
}

interface Series {
  readonly identity: MetricIdentity;
  readonly unit: string;
  readonly times: number[];
  readonly values: number[];
}

export class MetricStore {
  readonly periodMs: number;
  readonly clock: WallClock;
  private readonly retentionMs: number;
  private readonly series = new Map<string, Series>();

  constructor(options: MetricStoreOptions) {
    if (!(options.periodSeconds > 0)) throw new RangeError(`period must be positive, got ${options.periodSeconds}`);
    this.periodMs = options.periodSeconds * 1000;
    this.clock = options.clock ?? Date.now;
    this.retentionMs = options.retentionMs ?? dashboardWindowHours * 60 * 60 * 1000;
  }

  get periodSeconds(): number {
    return this.periodMs / 1000;
  }

  put(point: Datapoint): void {
    if (!Number.isFinite(point.value)) return;
    const key = keyOf(point);
    let s = this.series.get(key);
    if (!s) {
      s = {
        identity: { namespace: point.namespace, metricName: point.metricName, dimensions: { ...point.dimensions } },
        unit: point.unit,
        times: [],
        values: [],
      };
      this.series.set(key, s);
    }
    s.times.push(point.timestamp ?? this.clock());
    s.values.push(point.value);
    this.prune(s);
  }

  /** Every metric with at least one datapoint kept. */
  metrics(): readonly (MetricIdentity & { readonly unit: string })[] {
    return [...this.series.values()].map((s) => ({ ...s.identity, unit: s.unit }));
  }

  /** The statistic of every period of `range` that has datapoints, oldest first. */
  query(metric: MetricIdentity, stat: Statistic, range: TimeRange): readonly PeriodValue[] {
    const s = this.series.get(keyOf(metric));
    if (!s) return [];
    const buckets = new Map<number, number[]>();
    const start = this.periodStart(range.start);
    s.times.forEach((t, i) => {
      if (t < start || t >= range.end) return;
      const bucket = this.periodStart(t);
      let samples = buckets.get(bucket);
      if (!samples) buckets.set(bucket, (samples = []));
      samples.push(s.values[i] as number);
    });
    return [...buckets.entries()]
      .sort(([a], [b]) => a - b)
      .flatMap(([timestamp, samples]) => {
        const value = statistic(samples, stat);
        return value === undefined ? [] : [{ timestamp, value }];
      });
  }

  periodStart(t: number): number {
    return Math.floor(t / this.periodMs) * this.periodMs;
  }

  /** The start of every period of `range`, oldest first. */
  periodStarts(range: TimeRange): number[] {
    const starts: number[] = [];
    for (let t = this.periodStart(range.start); t < range.end; t += this.periodMs) starts.push(t);
    return starts;
  }

  /** The last `periods` complete periods before `now`. */
  lastPeriods(periods: number, now = this.clock()): TimeRange {
    const end = this.periodStart(now);
    return { start: end - periods * this.periodMs, end };
  }

  private prune(s: Series): void {
    const oldest = this.clock() - this.retentionMs;
    let drop = 0;
    while (drop < s.times.length && (s.times[drop] as number) < oldest) drop++;
    if (drop > 0) {
      s.times.splice(0, drop);
      s.values.splice(0, drop);
    }
  }
}

function keyOf(m: MetricIdentity): string {
  const dims = Object.entries(m.dimensions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([m.namespace, m.metricName, dims]);
}
