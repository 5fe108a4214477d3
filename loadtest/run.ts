// One load-test run: plan the arrivals and the requests, drive them open-loop at the target,
// and account for every answer (and, on the local stack, every store call) per second.
import { arrivalTimes, type Profile, type Spacing } from "./arrivals";
import { drive, newLatencyHistogram, percentileMs, recordLatencyMs } from "./driver";
import { httpTarget } from "./httpTarget";
import { plannedWriteUnits } from "./itemSizing";
import { jsonHeaders, ProposalGenerator, type PlannedRequest, type ProposalMix, type RequestKind } from "./proposals";
import { seededRandom } from "./random";
import { attachStoreProbe, type StoreMeasurement } from "./storeProbe";
import { statusClass, Timeline } from "./timeline";
import type { LocalDynamo } from "../local/dynamodb/server";
import type { LocalStack } from "../local/stack";
import { idempotencyKeyHeader } from "../handlers/http/idempotency";

export interface RunOptions {
  /** Full URL of POST /destination. */
  readonly url: string;
  readonly profile: Profile;
  readonly durationSeconds: number;
  readonly spacing: Spacing;
  readonly maxInFlight: number;
  readonly seed: number;
  readonly mix: ProposalMix;
  /** Sent with every request, warm-up included (credentials, usually). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Concurrent requests sent (twice) before the clock starts, so execution environments are
   * started outside the measurement. They are refused as invalid, so they write nothing and
   * consume no capacity.
   */
  readonly warmupRequests?: number;
  /** The local store behind the URL, when there is one to watch. */
  readonly store?: { readonly dynamo: LocalDynamo; readonly tableName: string };
  /** Price every planned request's item before the run (for a target whose store is out of sight). */
  readonly estimateItems?: boolean;
  /** The local function, whose invocation records give Lambda's own Duration. */
  readonly lambda?: Pick<LocalStack["lambda"], "onInvocation">;
  /** Called about four times a second while the run lasts. */
  readonly onProgress?: (progress: Progress) => void;
  /** Ends the run early (Ctrl-C): nothing more is sent, what is in flight is answered, and the result covers what was sent. */
  readonly stop?: AbortSignal;
}

export interface Progress {
  readonly elapsedMs: number;
  readonly durationMs: number;
  readonly planned: number;
  readonly completed: number;
  /** Answers per second over the last second. */
  readonly achievedRate: number;
  readonly errors: number;
  readonly throttles: number;
}

export interface LatencySummary {
  readonly count: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
}

/** How late requests were sent against their schedule, in ms. */
export interface SendLagSummary {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** The local function's own Duration (platform.report), over the invocations that returned. */
export interface FunctionDuration {
  readonly invocations: number;
  readonly meanMs: number;
  readonly p95Ms: number;
}

export interface RunResult {
  readonly startedAt: Date;
  readonly endedAt: Date;
  readonly planned: number;
  /** Requests sent: all planned, unless the run was stopped early. */
  readonly sent: number;
  /** Seconds from the start to an early stop; absent when the run went its full length. */
  readonly stoppedAfterSeconds?: number;
  /** The requests sent, by kind. */
  readonly byKind: Readonly<Record<RequestKind, number>>;
  readonly heldByCap: number;
  /** Answers per HTTP status code ("none" for requests that got no answer). */
  readonly statusCodes: Readonly<Record<string, number>>;
  /** Answers API Gateway gave itself, refusing the request before the function ran. */
  readonly refusedAtGateway: number;
  readonly latency: LatencySummary;
  readonly sendLag: SendLagSummary;
  /** The local function's Duration, when it was watched. */
  readonly functionDuration?: FunctionDuration;
  readonly timeline: Timeline;
  readonly store?: StoreMeasurement;
  /** Why the first request that got no answer failed (connection refused, timeout, …). */
  readonly firstFailure?: string;
  /** Write units the requests sent ask for, by their items' sizes (see itemSizing.ts). */
  readonly itemEstimate?: { readonly writeUnits: number; readonly requests: number };
}

export async function runLoad(options: RunOptions): Promise<RunResult> {
  const random = seededRandom(options.seed);
  const times = arrivalTimes(options.profile, options.durationSeconds, options.spacing, random);
  const generator = new ProposalGenerator(random, options.mix, `lt-${options.seed}-${Date.now().toString(36)}`);
  // Bodies, and the keys the run resends, are made before the clock starts, so they cost the
  // driver nothing.
  const requests: PlannedRequest[] = times.map(() => generator.next());
  const resentKeys = new Set(
    requests.flatMap((r) => (r.kind === "retry" && r.headers[idempotencyKeyHeader] ? [r.headers[idempotencyKeyHeader]] : [])),
  );
  const itemUnits = options.estimateItems ? plannedWriteUnits(requests, options.headers ?? {}) : undefined;
  let estimatedUnits = 0;
  let firstFailure: string | undefined;
  const byKind: Record<RequestKind, number> = { new: 0, retry: 0, invalid: 0 };
  const timeline = new Timeline();
  const target = httpTarget(options.url, options.maxInFlight);
  const extra = options.headers ?? {};
  for (let round = 0; round < (options.warmupRequests ? 2 : 0); round++) {
    await Promise.all(
      Array.from({ length: options.warmupRequests! }, () => target.send("{}", { ...extra, ...jsonHeaders }).catch(() => undefined)),
    );
  }
  const startedAt = Date.now();
  const probe = options.store
    ? attachStoreProbe(options.store.dynamo, options.store.tableName, timeline, startedAt, { resentKeys })
    : undefined;
  const ticker = options.onProgress ? setInterval(() => options.onProgress?.(progress()), 250) : undefined;
  let completed = 0;
  let errors = 0;
  let refusedAtGateway = 0;
  const statusCodes: Record<string, number> = {};
  const lambdaDuration = newLatencyHistogram();
  let lambdaDurationTotalMs = 0;
  const stopWatchingLambda = options.lambda?.onInvocation((record) => {
    if (record.outcome !== "success") return;
    recordLatencyMs(lambdaDuration, record.durationMs);
    lambdaDurationTotalMs += record.durationMs;
  });
  function progress(): Progress {
    const elapsedMs = Date.now() - startedAt;
    const last = timeline.at(Math.max(0, elapsedMs - 1000));
    return {
      elapsedMs,
      durationMs: options.durationSeconds * 1000,
      planned: times.length,
      completed,
      achievedRate: last.completed,
      errors,
      throttles: timeline.total("throttles") + timeline.totalStatus("429"),
    };
  }

  try {
    const result = await drive({
      times,
      maxInFlight: options.maxInFlight,
      stop: options.stop,
      send: (index) => {
        const request = requests[index]!;
        byKind[request.kind]++;
        estimatedUnits += itemUnits?.[index] ?? 0;
        timeline.at(times[index]!).offered++;
        return target.send(request.body, { ...extra, ...request.headers }).catch((err: unknown) => {
          firstFailure ??= failureText(err);
          throw err;
        });
      },
      onResult: (r) => {
        completed++;
        const code = String(r.answer?.status ?? "none");
        statusCodes[code] = (statusCodes[code] ?? 0) + 1;
        if (r.answer?.refusedAtGateway) refusedAtGateway++;
        const c = statusClass(r.answer?.status);
        if (c !== "2xx") errors++;
        const second = timeline.at(r.doneMs);
        second.completed++;
        second.status[c]++;
        if (r.answer) {
          const latencyMs = r.doneMs - r.intendedMs;
          second.latencySumMs += latencyMs;
          second.latencyMaxMs = Math.max(second.latencyMaxMs, Math.round(latencyMs * 1000) / 1000);
        }
      },
    });
    const h = result.latency;
    const ms = (us: number): number => Math.round(us) / 1000;
    const lag = result.sendLag;
    return {
      startedAt: new Date(startedAt),
      endedAt: new Date(startedAt + result.elapsedMs),
      planned: times.length,
      sent: result.sent,
      ...(result.stoppedAtMs === undefined ? {} : { stoppedAfterSeconds: Math.round(result.stoppedAtMs) / 1000 }),
      byKind,
      heldByCap: result.heldByCap,
      statusCodes,
      refusedAtGateway,
      latency: {
        count: h.totalCount,
        meanMs: ms(h.mean),
        p50Ms: percentileMs(h, 50),
        p90Ms: percentileMs(h, 90),
        p95Ms: percentileMs(h, 95),
        p99Ms: percentileMs(h, 99),
        p999Ms: percentileMs(h, 99.9),
        maxMs: ms(h.maxValue),
      },
      // A request sent on time records the histogram's floor of 1 µs.
      sendLag:
        lag.totalCount > 0
          ? { p50Ms: percentileMs(lag, 50), p99Ms: percentileMs(lag, 99), maxMs: ms(lag.maxValue) }
          : { p50Ms: 0, p99Ms: 0, maxMs: 0 },
      ...(lambdaDuration.totalCount > 0
        ? {
            functionDuration: {
              invocations: lambdaDuration.totalCount,
              meanMs: Math.round((lambdaDurationTotalMs / lambdaDuration.totalCount) * 1000) / 1000,
              p95Ms: percentileMs(lambdaDuration, 95),
            },
          }
        : {}),
      timeline,
      store: probe?.measurement(),
      ...(firstFailure === undefined ? {} : { firstFailure }),
      ...(itemUnits ? { itemEstimate: { writeUnits: Math.round(estimatedUnits * 1000) / 1000, requests: result.sent } } : {}),
    };
  } finally {
    if (ticker) clearInterval(ticker);
    stopWatchingLambda?.();
    probe?.detach();
    target.close();
  }
}

/** An error as one line: Node's connection errors carry their code (ECONNREFUSED) and address. */
function failureText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // A refused connection to several addresses (localhost: ::1 and 127.0.0.1) is an AggregateError with an empty message.
  const inner = err instanceof AggregateError && err.errors.length > 0 ? (err.errors[0] as Error) : err;
  return inner.message || (inner as NodeJS.ErrnoException).code || inner.name;
}
