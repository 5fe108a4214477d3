// The open-loop driver: sends each request at its scheduled time whatever earlier requests
// are doing, up to a cap on requests in flight, and measures latency from the INTENDED send
// time. A request held back by the cap or a late timer still counts its wait, which is the
// difference from a closed-loop tool that only times requests it managed to send.
import { build, type Histogram } from "hdr-histogram-js";

/** Sends request `index`; resolves to its answer, rejects when it got none. */
type Send<A> = (index: number) => Promise<A>;

export interface RequestResult<A = unknown> {
  readonly index: number;
  /** Milliseconds from the run's start. */
  readonly intendedMs: number;
  readonly sentMs: number;
  readonly doneMs: number;
  /** What send resolved to; undefined when the request failed without an answer. */
  readonly answer: A | undefined;
}

export interface DriverOptions<A> {
  /** Intended send times in ms from the start, ascending (see arrivals.ts). */
  readonly times: readonly number[];
  readonly maxInFlight: number;
  readonly send: Send<A>;
  readonly onResult?: (result: RequestResult<A>) => void;
  /** Ends the run early: nothing more is sent, and the driver resolves once what is in flight is answered. */
  readonly stop?: AbortSignal;
}

export interface DriverResult {
  /** Milliseconds from start to the last answer. */
  readonly elapsedMs: number;
  /** Latency from the intended send time, in microseconds. */
  readonly latency: Histogram;
  /** How late each request was sent against its schedule (timer lateness, the in-flight cap), in microseconds. */
  readonly sendLag: Histogram;
  /** Requests that found the in-flight cap full at their intended time. */
  readonly heldByCap: number;
  /** Requests sent: all of them, unless the run was stopped. */
  readonly sent: number;
  /** Milliseconds from start to the stop, if the run was stopped before everything was sent. */
  readonly stoppedAtMs?: number;
}

export function newLatencyHistogram(): Histogram {
  // Microseconds, 1 µs to 10 minutes at 3 significant digits.
  return build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 });
}

/** Records `ms` in a histogram made by newLatencyHistogram (microseconds, at least 1). */
export function recordLatencyMs(histogram: Histogram, ms: number): void {
  histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
}

/**
 * A percentile of a histogram made by newLatencyHistogram, in ms. The histogram answers with
 * the upper edge of a value's bucket, which can lie above the largest value recorded; no
 * percentile is reported above the exact maximum.
 */
export function percentileMs(histogram: Histogram, percentile: number): number {
  if (histogram.totalCount === 0) return 0;
  return Math.min(histogram.getValueAtPercentile(percentile), histogram.maxValue) / 1000;
}

export function drive<A>(options: DriverOptions<A>): Promise<DriverResult> {
  const { times, maxInFlight, send } = options;
  if (!(maxInFlight >= 1)) throw new RangeError(`maxInFlight must be at least 1, got ${maxInFlight}`);
  const latency = newLatencyHistogram();
  const sendLag = newLatencyHistogram();
  const origin = performance.now();
  const clock = (): number => performance.now() - origin;
  let next = 0;
  let inFlight = 0;
  let heldByCap = 0;
  let countedHeld = 0;
  let timer: NodeJS.Timeout | undefined;
  let lastDone = 0;
  // Requests from `end` on are never sent: all of them, or those still due when the run stopped.
  let end = times.length;
  let stoppedAtMs: number | undefined;

  return new Promise((resolve) => {
    const finishIfDone = (): void => {
      if (next === end && inFlight === 0) {
        options.stop?.removeEventListener("abort", onStop);
        resolve({ elapsedMs: lastDone, latency, sendLag, heldByCap, sent: next, ...(stoppedAtMs === undefined ? {} : { stoppedAtMs }) });
      }
    };
    const onStop = (): void => {
      if (next < end) {
        end = next;
        stoppedAtMs = clock();
      }
      pump();
    };

    const fire = (index: number, sentMs: number): void => {
      inFlight++;
      const intendedMs = times[index]!;
      // Lag 0 records as the histogram's floor of 1 µs: too small to matter.
      recordLatencyMs(sendLag, sentMs - intendedMs);
      const settle = (answer: A | undefined): void => {
        inFlight--;
        const doneMs = clock();
        lastDone = doneMs;
        recordLatencyMs(latency, doneMs - intendedMs);
        options.onResult?.({ index, intendedMs, sentMs, doneMs, answer });
        pump();
      };
      send(index).then(settle, () => settle(undefined));
    };

    const pump = (): void => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      const now = clock();
      while (next < end && times[next]! <= now && inFlight < maxInFlight) fire(next++, now);
      if (next < end && inFlight >= maxInFlight) {
        // Everything already due waits for a free slot; count each such request once.
        let due = Math.max(next, countedHeld);
        while (due < end && times[due]! <= now) due++;
        heldByCap += due - Math.max(next, countedHeld);
        countedHeld = due;
      }
      if (next < end && inFlight < maxInFlight) timer = setTimeout(pump, times[next]! - now);
      finishIfDone();
    };

    options.stop?.addEventListener("abort", onStop, { once: true });
    if (options.stop?.aborted) onStop();
    else pump();
  });
}
