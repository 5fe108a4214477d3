// The stack's alarms evaluated locally, period by period, on the local metric store: the same
// definitions the Pulumi program deploys, with their states and a history of state changes.
import type { AlarmDefinition, CompositeAlarmDefinition } from "../../dashboards/alarms";
import {
  compositeMembers,
  effectiveMissingData,
  evaluateComposite,
  evaluateWindow,
  type AlarmState,
  type Verdict,
} from "./alarmEvaluation";
import type { MetricStore } from "./metricStore";
import { resolveQueries } from "./queryEngine";

export interface AlarmStatus {
  readonly name: string;
  readonly kind: "metric" | "composite";
  readonly state: AlarmState;
  readonly reason: string;
  readonly updatedAt: number;
  readonly thresholdText: string;
}

export interface StateChange {
  readonly timestamp: number;
  readonly name: string;
  readonly from: AlarmState;
  readonly to: AlarmState;
  readonly reason: string;
}

/** History entries kept: enough for a demo, bounded for a long-running `npm start`. */
const historyLimit = 500;

export class LocalAlarms {
  private readonly status = new Map<string, AlarmStatus>();
  private readonly changes: StateChange[] = [];
  private readonly members: readonly string[];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: MetricStore,
    readonly definitions: readonly AlarmDefinition[],
    readonly composite: CompositeAlarmDefinition,
  ) {
    this.members = compositeMembers(composite.rule);
    const now = store.clock();
    const initial = (name: string, kind: AlarmStatus["kind"], thresholdText: string): AlarmStatus => ({
      name,
      kind,
      state: "INSUFFICIENT_DATA",
      reason: "not evaluated yet",
      updatedAt: now,
      thresholdText,
    });
    for (const d of definitions) this.status.set(d.name, initial(d.name, "metric", d.thresholdText));
    this.status.set(composite.name, initial(composite.name, "composite", "any paging alarm in ALARM"));
  }

  /** Evaluates every alarm on the periods complete at `now`. */
  evaluate(now = this.store.clock()): void {
    for (const d of this.definitions) {
      const current = this.state(d.name);
      this.record(d.name, evaluateDefinition(this.store, d, current, now), now);
    }
    const states = new Map([...this.status.values()].map((s) => [s.name, s.state]));
    this.record(this.composite.name, evaluateComposite(this.members, states), now);
  }

  /** Evaluates once per period until stopped. */
  start(): void {
    this.stop();
    this.timer = setInterval(() => this.evaluate(), this.store.periodMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  state(name: string): AlarmState {
    const s = this.status.get(name);
    if (!s) throw new Error(`no alarm ${name}`);
    return s.state;
  }

  statuses(): readonly AlarmStatus[] {
    return [...this.status.values()];
  }

  /** State changes, newest first. */
  history(): readonly StateChange[] {
    return [...this.changes].reverse();
  }

  private record(name: string, verdict: Verdict, now: number): void {
    const before = this.status.get(name) as AlarmStatus;
    if (before.state !== verdict.state) {
      this.changes.push({ timestamp: now, name, from: before.state, to: verdict.state, reason: verdict.reason });
      if (this.changes.length > historyLimit) this.changes.shift();
    }
    this.status.set(name, {
      ...before,
      state: verdict.state,
      reason: verdict.reason,
      updatedAt: before.state !== verdict.state ? now : before.updatedAt,
    });
  }
}

/** One alarm's verdict on its last N complete periods. */
function evaluateDefinition(store: MetricStore, d: AlarmDefinition, current: AlarmState, now: number): Verdict {
  const range = store.lastPeriods(d.evaluationPeriods, now);
  const result = resolveQueries(store, d.queries, range).get(d.evaluates);
  if (!result || "error" in result) {
    return { state: "INSUFFICIENT_DATA", reason: result ? result.error : `no query ${d.evaluates}` };
  }
  const byPeriod = new Map(result.points.map((p) => [p.timestamp, p.value]));
  const window = store.periodStarts(range).map((t) => byPeriod.get(t));
  return evaluateWindow({ ...d, treatMissingData: effectiveMissingData(d) }, window, current);
}
