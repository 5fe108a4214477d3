// The run's report: what was offered and answered, latency, what the store (or CloudWatch)
// measured, and the sizing recommendation. The JSON file is this object as it stands.
import { peakRate, type Profile, type Spacing } from "./arrivals";
import type { CloudWatchMeasurement } from "./cloudWatch";
import { redactHeaders } from "./headers";
import type { DynamoDbPrices } from "../aws/prices";
import type { ProposalMix, RequestKind } from "./proposals";
import type { LatencySummary, RunResult } from "./run";
import { pulumiCommands, size, type Sizing } from "./sizing";
import type { StoreMeasurement } from "./storeProbe";
import { statusClasses, type Second, type StatusClass } from "./timeline";

export interface ReportTarget {
  readonly kind: "local stack" | "url";
  readonly url: string;
  /** Enforced capacity of the local store, as it stood for the run. */
  readonly capacity?: string;
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
  /** Where the units per request come from: measured by the local store or CloudWatch, or assumed. */
  readonly measuredBy: "local store" | "CloudWatch" | "assumed";
  readonly pulumiCommands: readonly string[];
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

export function buildReport(input: ReportInput): Report {
  const { result, run } = input;
  const byStatus = Object.fromEntries(statusClasses.map((c) => [c, result.timeline.totalStatus(c)])) as Record<StatusClass, number>;
  // Requests that reached the function, its own refusals included (at no cost): neither a
  // failed connection nor API Gateway's refusals (a bad token or API key, throttling) did.
  const served = result.latency.count - byStatus.failed - result.refusedAtGateway;
  const measured = measuredUnits(result.store, input.cloudWatch, byStatus);
  // Proposals were sent but the table saw no write: they were refused (at the gateway or by
  // the function), went to the wrong URL, or CloudWatch has no datapoints yet. Sizing from 0
  // units would recommend the minimum, so the units are assumed as for an unmeasured target.
  const noWrites = measured.by !== "assumed" && result.byKind.new > 0 && measured.sizingWriteUnits === 0;
  const assumed = measured.by === "assumed" || served === 0 || noWrites;
  const targetRate = input.sizing.targetRate ?? peakRate(run.profile);
  const sizing = size({
    targetRate,
    steadyRate: input.sizing.steadyRate ?? targetRate,
    targetUtilization: input.sizing.targetUtilization,
    writeUnitsPerRequest: assumed ? 1 : round3(measured.sizingWriteUnits / served),
    readUnitsPerRequest: assumed ? 0 : round3(measured.readUnits / served),
    spikeRate: input.sizing.spikeRate ?? targetRate * 2,
    hottestKeyWriteUnitsPerSecond: result.store?.hottestKeyWriteUnitsPerSecond ?? 0,
    p95DurationMs: input.cloudWatch?.lambdaDurationP95Ms ?? result.lambdaDurationP95Ms ?? result.successP95Ms,
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
  // Requests were offered until the run ended or was stopped; answers (not failed connections)
  // are counted over that time, or over its drain when that took longer.
  const offeredSeconds = stopped ?? run.durationSeconds;
  const answered = result.latency.count - byStatus.failed;
  const elapsedSeconds = Math.max(offeredSeconds, (result.endedAt.getTime() - result.startedAt.getTime()) / 1000);
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
    timeline: result.timeline.all,
    ...(result.store ? { store: result.store } : {}),
    ...(input.cloudWatch ? { cloudWatch: input.cloudWatch } : {}),
    recommendation: {
      ...sizing,
      warnings,
      throttledRequests: measured.throttled,
      throttledCounts: measured.by === "assumed" ? "429 and 503 answers" : "store calls",
      consumedWriteCapacityUnits: measured.writeUnits,
      consumedReadCapacityUnits: measured.readUnits,
      measuredBy: assumed ? "assumed" : measured.by,
      pulumiCommands: pulumiCommands(sizing, input.sizing.stack),
    },
  };
}

/** The recommendation as label and value rows, as the summary and the HTML report show it. */
export function recommendationRows(r: Recommendation): readonly (readonly [string, string])[] {
  return [
    ["write units per request", String(r.writeUnitsPerRequest)],
    ["read units per request", String(r.readUnitsPerRequest)],
    ["write capacity (WCU)", String(r.writeCapacityUnits)],
    ["read capacity (RCU)", String(r.readCapacityUnits)],
    [
      "auto scaling",
      `${r.autoScaling.enabled ? "on" : "off"}: min ${r.autoScaling.minCapacity}, max ${r.autoScaling.maxCapacity}, target ${r.autoScaling.targetUtilizationPercent} %`,
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
      `${r.lambda.concurrencyNeeded} (rate × p95 ${r.lambda.p95DurationMs} ms) of ${r.lambda.accountLimit} account limit`,
    ],
    ["API stage throttle", `rate ${r.apiThrottle.rateLimit}/s, burst ${r.apiThrottle.burstLimit}`],
    [`throttled ${r.throttledCounts}`, String(r.throttledRequests)],
    ["consumed WCU / RCU", `${r.consumedWriteCapacityUnits} / ${r.consumedReadCapacityUnits}`],
  ];
}

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
  return by === "assumed"
    ? "capacity not measured: 1 WCU per request assumed"
    : `capacity measured by ${by === "local store" ? "the local store" : by}`;
}

interface Measured {
  readonly by: Recommendation["measuredBy"];
  readonly writeUnits: number;
  readonly readUnits: number;
  /** Write units to size with: what the run asked for, by DynamoDB's rules where known. */
  readonly sizingWriteUnits: number;
  readonly throttled: number;
}

function measuredUnits(
  store: StoreMeasurement | undefined,
  cloudWatch: CloudWatchMeasurement | undefined,
  byStatus: Record<StatusClass, number>,
): Measured {
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
  return { by: "assumed", writeUnits: 0, readUnits: 0, sizingWriteUnits: 0, throttled: byStatus["429"] + byStatus["503"] };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
