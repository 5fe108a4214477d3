// Per-second account of a run: what was offered, what came back in each status class, and
// what the store did (throttles, SDK retries, capacity consumed), on one time axis.

export const statusClasses = ["2xx", "4xx", "429", "5xx", "503", "failed"] as const;
export type StatusClass = (typeof statusClasses)[number];

/** 429 and 503 are classes of their own: they are the throttling and store-unavailable answers. */
export function statusClass(status: number | undefined): StatusClass {
  if (status === undefined) return "failed";
  if (status === 429 || status === 503) return status === 429 ? "429" : "503";
  if (status >= 200 && status < 300) return "2xx";
  if (status >= 400 && status < 500) return "4xx";
  if (status >= 500) return "5xx";
  return "failed";
}

export interface Second {
  readonly second: number;
  /** Requests scheduled to be sent in this second. */
  offered: number;
  /** Answers received in this second. */
  completed: number;
  readonly status: Record<StatusClass, number>;
  /** Store calls refused for lack of capacity (ProvisionedThroughputExceededException). */
  throttles: number;
  /** Store calls that were an SDK's second or later attempt. */
  sdkRetries: number;
  consumedWriteUnits: number;
  consumedReadUnits: number;
  /** Write units asked for by first attempts (see StoreMeasurement.demandedWriteUnits). */
  demandedWriteUnits: number;
  /** Latency from intended send of the answers in this second: their sum (for the mean) and the slowest. */
  latencySumMs: number;
  latencyMaxMs: number;
}

export class Timeline {
  private readonly seconds: Second[] = [];

  /** `ms` is time from the run's start; events before the start count in second 0. */
  at(ms: number): Second {
    const index = Math.max(0, Math.floor(ms / 1000));
    while (this.seconds.length <= index) {
      this.seconds.push({
        second: this.seconds.length,
        offered: 0,
        completed: 0,
        status: Object.fromEntries(statusClasses.map((c) => [c, 0])) as Record<StatusClass, number>,
        throttles: 0,
        sdkRetries: 0,
        consumedWriteUnits: 0,
        consumedReadUnits: 0,
        demandedWriteUnits: 0,
        latencySumMs: 0,
        latencyMaxMs: 0,
      });
    }
    return this.seconds[index]!;
  }

  get all(): readonly Readonly<Second>[] {
    return this.seconds;
  }

  total<K extends "offered" | "completed" | "throttles" | "sdkRetries" | "consumedWriteUnits" | "consumedReadUnits" | "demandedWriteUnits">(
    key: K,
  ): number {
    return this.seconds.reduce((sum, s) => sum + s[key], 0);
  }

  totalStatus(c: StatusClass): number {
    return this.seconds.reduce((sum, s) => sum + s.status[c], 0);
  }
}
