// The run's report: what was offered and answered, latency, what the store (or CloudWatch)
// measured, and the sizing recommendation. The JSON file is this object as it stands.
import { peakRate, type Profile, type Spacing } from "./arrivals";
import type { CloudWatchMeasurement } from "./cloudWatch";
import { redactHeaders } from "./headers";
import type { DynamoDbPrices } from "../aws/prices";
import type { ProposalMix, RequestKind } from "./proposals";
import { itemAssumptions } from "./itemSizing";
import type { FunctionDuration, LatencySummary, RunResult, SendLagSummary } from "./run";
import { pulumiCommands, size, type Sizing } from "./sizing";
import type { StoreMeasurement } from "./storeProbe";
import { statusClasses, type Second, type StatusClass } from "./timeline";

export interface ReportTarget {
  readonly kind: "local stack" | "url";
  readonly url: string;
  /** Enforced capacity of the local store, as it stood for the run. */
  readonly capacity?: string;
  /** The same as numbers, when a limit was enforced. */
  readonly enforced?: { readonly writeCapacity: number; readonly readCapacity: number };
}

export interface SizingOptions {
  readonly targetRate?: number;
  readonly steadyRate?: number;
  readonly targetUtilization: number;
  readonly spikeRate?: number;
  readonly accountConcurrencyLimit: number;
  readonly prices: DynamoDbPrices;
  readonly stack?: string;
}

export interface Recommendation extends Sizing {
  /** Throttling in the run: store calls refused for capacity, or, not measured, 429 and 503 answers. */
  readonly throttledRequests: number;
  /** What throttledRequests counts, as the summary and the HTML report name it. */
  readonly throttledCounts: "store calls" | "429 and 503 answers";
  readonly consumedWriteCapacityUnits: number;
  readonly consumedReadCapacityUnits: number;
  /**
   * Where the units per request come from: measured by the local store or CloudWatch,
   * estimated from the items of the proposals sent, or assumed.
   */
  readonly measuredBy: "local store" | "CloudWatch" | "item sizes" | "assumed";
  /** Settings to apply, only where the tool measured what they rest on. */
  readonly pulumiCommands: readonly string[];
  /** Why there are no commands to apply, when there are none. */
  readonly notApplyReady?: string;
}

export interface Report {
  readonly target: ReportTarget;
  readonly run: {
    readonly profile: Profile;
    readonly spacing: Spacing;
    readonly durationSeconds: number;
    readonly maxInFlight: number;
    readonly seed: number;
    readonly mix: ProposalMix;
    readonly startedAt: string;
    readonly endedAt: string;
    /** Seconds from the start to an early stop (Ctrl-C); absent when the run went its full length. */
    readonly stoppedAfterSeconds?: number;
    /** Extra headers sent with every request, values redacted. */
    readonly headers: Readonly<Record<string, string>>;
  };
  readonly requests: {
    readonly planned: number;
    /** Requests sent: fewer than planned if the run was stopped early. */
    readonly sent: number;
    /** The requests sent, by kind. */
    readonly byKind: Readonly<Record<RequestKind, number>>;
    readonly byStatus: Readonly<Record<StatusClass, number>>;
    readonly byCode: Readonly<Record<string, number>>;
    /** Answers API Gateway gave itself (401, 403, 429), before the function ran. */
    readonly refusedAtGateway: number;
    readonly heldByCap: number;
    readonly offeredRate: number;
    readonly achievedRate: number;
  };
  readonly latencyMs: LatencySummary;
  /** How late the requests were sent against their schedule. */
  readonly sendLagMs: SendLagSummary;
  /** The local function's own Duration, when it was watched. */
  readonly functionDurationMs?: FunctionDuration;
  /** Write units the sent requests ask for by their items' sizes, for a target whose store was out of sight. */
  readonly itemEstimate?: { readonly writeUnits: number; readonly requests: number; readonly assumes: string };
  readonly timeline: readonly Readonly<Second>[];
  readonly store?: StoreMeasurement;
  readonly cloudWatch?: CloudWatchMeasurement;
  readonly recommendation: Recommendation;
}

export interface ReportInput {
  readonly target: ReportTarget;
  /** What the run was asked to do; its start, end and any early stop come from the result. */
  readonly run: Omit<Report["run"], "headers" | "startedAt" | "endedAt" | "stoppedAfterSeconds">;
  /** Extra headers as sent; the report keeps their names only. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly result: RunResult;
  readonly cloudWatch?: CloudWatchMeasurement;
  readonly sizing: SizingOptions;
}

/** Send lag p99 from which the report warns that the generator fell behind its schedule. */
const sendLagWarningMs = 20;

export function buildReport(input: ReportInput): Report {
  const { result, run } = input;
  const byStatus = Object.fromEntries(statusClasses.map((c) => [c, result.timeline.totalStatus(c)])) as Record<StatusClass, number>;
  // Requests that reached the function, its own refusals included (at no cost): neither a
  // failed connection nor API Gateway's refusals (a bad token or API key, throttling) did.
  const served = result.latency.count - byStatus.failed - result.refusedAtGateway;
  const measured = measuredUnits(result, input.cloudWatch, byStatus);
  // Proposals were sent but the table saw no write: they were refused (at the gateway or by
  // the function), went to the wrong URL, or CloudWatch has no datapoints yet. Sizing from 0
  // units would recommend the minimum, so the units are assumed as for an unmeasured target.
  const noWrites =
    (measured.by === "local store" || measured.by === "CloudWatch") && result.byKind.new > 0 && measured.sizingWriteUnits === 0;
  const assumed = measured.by === "assumed" || served === 0 || noWrites;
  const targetRate = input.sizing.targetRate ?? peakRate(run.profile);
  const duration = functionDuration(result, input.cloudWatch);
  const sizing = size({
    targetRate,
    steadyRate: input.sizing.steadyRate ?? targetRate,
    targetUtilization: input.sizing.targetUtilization,
    writeUnitsPerRequest: assumed ? 1 : round3(measured.sizingWriteUnits / (measured.perRequests ?? served)),
    readUnitsPerRequest: assumed ? 0 : round3(measured.readUnits / served),
    spikeRate: input.sizing.spikeRate ?? targetRate * 2,
    hottestKeyWriteUnitsPerSecond: result.store?.hottestKeyWriteUnitsPerSecond ?? 0,
    durationMs: duration.ms,
    durationBasis: duration.basis,
    accountConcurrencyLimit: input.sizing.accountConcurrencyLimit,
    prices: input.sizing.prices,
  });
  const warnings = [...sizing.warnings];
  if (measured.by === "assumed")
    warnings.push(
      "no capacity measurement for this target: assumed 1 WCU per request (pass --stack, --table and --function to read CloudWatch)",
    );
  const codes = Object.entries(result.statusCodes)
    .map(([code, n]) => `${code}: ${n}`)
    .join(", ");
  if (noWrites) warnings.push(`no write reached the table (answers ${codes}); assumed 1 WCU per request`);
  else if (served === 0) warnings.push("no request reached the function; units per request could not be measured");
  const stopped = result.stoppedAfterSeconds;
  if (stopped !== undefined)
    warnings.push(
      `stopped early, after ${stopped} s of ${run.durationSeconds} s: ${result.sent} of ${result.planned} planned requests sent, and every figure covers those alone`,
    );
  const lag = result.sendLag;
  if (lag.p99Ms >= sendLagWarningMs)
    warnings.push(
      `the generator fell behind its schedule: send lag p99 ${lag.p99Ms} ms, max ${lag.maxMs} ms${result.heldByCap ? ` (${result.heldByCap} requests waited for the in-flight cap)` : ""}; ` +
        "latency counts from the intended send time and includes that lag, so part of it may be this machine's, not the target's",
    );
  // Requests were offered until the run ended or was stopped; answers (not failed connections)
  // are counted over that time, or over its drain when that took longer.
  const offeredSeconds = stopped ?? run.durationSeconds;
  const answered = result.latency.count - byStatus.failed;
  const elapsedSeconds = Math.max(offeredSeconds, (result.endedAt.getTime() - result.startedAt.getTime()) / 1000);
  const notApplyReady = assumed
    ? "the write units per request were not measured"
    : measured.by === "item sizes"
      ? "the write units per request are estimated from item sizes, not measured, and the function's Duration is unknown; read CloudWatch (--stack, --table, --function) for settings to apply"
      : sizing.beyondOneTable
        ? "the target needs more capacity than one table's setting allows (see the warnings)"
        : undefined;
  return {
    target: input.target,
    run: {
      // By name: a caller's run object may carry more (the options it ran with), which the report does not define.
      profile: run.profile,
      spacing: run.spacing,
      durationSeconds: run.durationSeconds,
      maxInFlight: run.maxInFlight,
      seed: run.seed,
      mix: run.mix,
      startedAt: result.startedAt.toISOString(),
      endedAt: result.endedAt.toISOString(),
      ...(stopped === undefined ? {} : { stoppedAfterSeconds: stopped }),
      headers: redactHeaders(input.headers ?? {}),
    },
    requests: {
      planned: result.planned,
      sent: result.sent,
      byKind: result.byKind,
      byStatus,
      byCode: result.statusCodes,
      refusedAtGateway: result.refusedAtGateway,
      heldByCap: result.heldByCap,
      offeredRate: offeredSeconds > 0 ? round3(result.sent / offeredSeconds) : 0,
      achievedRate: round3(answered / elapsedSeconds),
    },
    latencyMs: result.latency,
    sendLagMs: result.sendLag,
    ...(result.functionDuration ? { functionDurationMs: result.functionDuration } : {}),
    ...(result.itemEstimate ? { itemEstimate: { ...result.itemEstimate, assumes: itemAssumptions } } : {}),
    timeline: result.timeline.all,
    ...(result.store ? { store: result.store } : {}),
    ...(input.cloudWatch ? { cloudWatch: input.cloudWatch } : {}),
    recommendation: {
      ...sizing,
      warnings,
      throttledRequests: measured.throttled,
      throttledCounts: measured.by === "local store" || measured.by === "CloudWatch" ? "store calls" : "429 and 503 answers",
      consumedWriteCapacityUnits: measured.writeUnits,
      consumedReadCapacityUnits: measured.readUnits,
      measuredBy: assumed ? "assumed" : measured.by,
      pulumiCommands: notApplyReady ? [] : pulumiCommands(sizing, input.sizing.stack),
      ...(notApplyReady ? { notApplyReady } : {}),
    },
  };
}

/**
 * The function's time per invocation to size concurrency with: its own Duration, less what it
 * spent waiting for table capacity, which the recommended capacity removes.
 */
function functionDuration(result: RunResult, cloudWatch: CloudWatchMeasurement | undefined): { ms: number; basis: string } {
  const own = result.functionDuration;
  if (own) {
    const wait = (result.store?.capacityWaitMs ?? 0) / own.invocations;
    const ms = round3(Math.max(0, own.meanMs - wait));
    return {
      ms,
      basis:
        wait > 0
          ? `mean Duration ${own.meanMs} ms of ${own.invocations} invocations, less ${round3(wait)} ms waiting for capacity`
          : `mean Duration of ${own.invocations} invocations`,
    };
  }
  if (cloudWatch?.lambdaDurationAverageMs !== undefined) {
    const throttled = cloudWatch.writeThrottleEvents + cloudWatch.readThrottleEvents > 0;
    return {
      ms: round3(cloudWatch.lambdaDurationAverageMs),
      basis: `CloudWatch Duration, average${throttled ? "; includes waits for throttled writes, so an upper bound" : ""}`,
    };
  }
  return {
    ms: result.latency.meanMs,
    basis: "mean latency from intended send: the function's Duration was not measured, so an upper bound",
  };
}

/** The recommendation as label and value rows, as the summary and the HTML report show it. */
export function recommendationRows(r: Recommendation): readonly (readonly [string, string])[] {
  // Seen from outside, the table's consumption and its hottest key were not measured: left out, not shown as 0.
  const storeSeen = r.measuredBy === "local store" || r.measuredBy === "CloudWatch";
  const rows: (readonly [string, string])[] = [
    ["write units per request", String(r.writeUnitsPerRequest)],
    ["read units per request", String(r.readUnitsPerRequest)],
    [
      "write capacity (WCU)",
      r.beyondOneTable && r.beyondOneTable.writeUnitsNeeded > r.writeCapacityUnits
        ? `${r.beyondOneTable.writeUnitsNeeded} needed; one table takes at most ${r.writeCapacityUnits}`
        : String(r.writeCapacityUnits),
    ],
    [
      "read capacity (RCU)",
      r.beyondOneTable && r.beyondOneTable.readUnitsNeeded > r.readCapacityUnits
        ? `${r.beyondOneTable.readUnitsNeeded} needed; one table takes at most ${r.readCapacityUnits}`
        : String(r.readCapacityUnits),
    ],
    [
      "auto scaling",
      `${r.autoScaling.enabled ? "on" : "off"}: writes ${r.autoScaling.write.minCapacity}–${r.autoScaling.write.maxCapacity} WCU, reads ${r.autoScaling.read.minCapacity}–${r.autoScaling.read.maxCapacity} RCU, target ${r.autoScaling.targetUtilizationPercent} %`,
    ],
    [
      "hottest partition key",
      `${r.partitionKey.hottestKeyWriteUnitsPerSecond} WCU/s of ${r.partitionKey.writeUnitsPerSecondLimit} per key (${r.partitionKey.readUnitsPerSecondLimit} RCU)`,
    ],
    [
      "burst credit",
      `${r.burst.creditUnits} WCU; full after ${r.burst.secondsToFill === null ? "never (no spare capacity)" : `${Math.round(r.burst.secondsToFill)} s at the steady rate`}`,
    ],
    [
      `spike to ${r.burst.spikeRate}/s`,
      r.burst.rideSeconds === null
        ? "within provisioned capacity"
        : `rides ${Math.round(r.burst.rideSeconds)} s on full burst credit (best effort)`,
    ],
    [
      "monthly cost, provisioned",
      `$${r.monthlyCostUsd.provisionedAtPeak} at peak, $${r.monthlyCostUsd.provisionedAutoScaled} auto scaled to the steady rate`,
    ],
    ["monthly cost, on-demand", `$${r.monthlyCostUsd.onDemand} at the steady rate (prices as of ${r.monthlyCostUsd.pricesAsOf})`],
    [
      "Lambda concurrency",
      `${r.lambda.concurrencyNeeded} (rate × ${r.lambda.durationMs} ms: ${r.lambda.durationBasis}) of ${r.lambda.accountLimit} account limit`,
    ],
    ["API stage throttle", `rate ${r.apiThrottle.rateLimit}/s, burst ${r.apiThrottle.burstLimit}`],
    [`throttled ${r.throttledCounts}`, String(r.throttledRequests)],
    ["consumed WCU / RCU", `${r.consumedWriteCapacityUnits} / ${r.consumedReadCapacityUnits}`],
  ];
  return storeSeen ? rows : rows.filter(([label]) => label !== "consumed WCU / RCU" && label !== "hottest partition key");
}

/** The run's load in words, as the summary and the HTML report say it. */
export function profileText(run: Pick<Report["run"], "profile" | "spacing" | "durationSeconds">): string {
  const p = run.profile;
  const load =
    p.kind === "constant"
      ? `a constant ${p.rate} requests/s`
      : p.kind === "ramp"
        ? `a ramp from ${p.from} to ${p.to} requests/s`
        : `steps of ${p.rates.join(", ")} requests/s, each for ${round3(run.durationSeconds / p.rates.length)} s`;
  const arrivals = run.spacing === "even" ? "evenly spaced arrivals" : "Poisson arrivals (random gaps, as independent callers send)";
  return `${load} for ${run.durationSeconds} s, ${arrivals}`;
}

/** What the monthly costs cover, and what they leave out. */
export const costScope =
  "Monthly costs are the table's read and write throughput alone: storage, streams, backups, data transfer, and the Lambda, API Gateway and CloudWatch bills are left out.";

/** How many requests the run sent, as the summary and the HTML report say it. */
export function sentText(requests: Report["requests"]): string {
  return requests.sent === requests.planned ? `${requests.planned} planned` : `${requests.sent} sent of ${requests.planned} planned`;
}

/** What the answers line adds to the status counts, as the summary and the HTML report say it. */
export function answerNotes(requests: Report["requests"]): string[] {
  return [
    ...(requests.refusedAtGateway ? [`refused by API Gateway: ${requests.refusedAtGateway}`] : []),
    ...(requests.heldByCap ? [`held by the in-flight cap: ${requests.heldByCap}`] : []),
  ];
}

/** Where the capacity units per request came from, as the summary and the HTML report say it. */
export function capacitySource(by: Recommendation["measuredBy"]): string {
  if (by === "assumed") return "capacity not measured: 1 WCU per request assumed";
  if (by === "item sizes") return "capacity estimated from the item sizes of the proposals sent, not measured";
  return `capacity measured by ${by === "local store" ? "the local store" : by}`;
}

interface Measured {
  readonly by: Recommendation["measuredBy"];
  readonly writeUnits: number;
  readonly readUnits: number;
  /** Write units to size with: what the run asked for, by DynamoDB's rules where known. */
  readonly sizingWriteUnits: number;
  /** Requests sizingWriteUnits covers, when not those that reached the function. */
  readonly perRequests?: number;
  readonly throttled: number;
}

function measuredUnits(result: RunResult, cloudWatch: CloudWatchMeasurement | undefined, byStatus: Record<StatusClass, number>): Measured {
  const store = result.store;
  if (store) {
    return {
      by: "local store",
      writeUnits: store.consumedWriteUnits,
      readUnits: store.consumedReadUnits,
      sizingWriteUnits: store.demandedWriteUnits,
      throttled: store.writeThrottles + store.readThrottles,
    };
  }
  if (cloudWatch) {
    return {
      by: "CloudWatch",
      writeUnits: cloudWatch.consumedWriteUnits,
      readUnits: cloudWatch.consumedReadUnits,
      sizingWriteUnits: cloudWatch.consumedWriteUnits,
      throttled: cloudWatch.writeThrottleEvents + cloudWatch.readThrottleEvents,
    };
  }
  // Seen from outside, throttling shows only as 429s and 503s.
  const throttled = byStatus["429"] + byStatus["503"];
  if (result.itemEstimate && result.itemEstimate.requests > 0) {
    return {
      by: "item sizes",
      writeUnits: 0,
      readUnits: 0,
      sizingWriteUnits: result.itemEstimate.writeUnits,
      perRequests: result.itemEstimate.requests,
      throttled,
    };
  }
  return { by: "assumed", writeUnits: 0, readUnits: 0, sizingWriteUnits: 0, throttled };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
