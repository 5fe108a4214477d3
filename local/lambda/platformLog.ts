// Lambda's platform records in its JSON log format: one JSON object a line with `time`, `type`
// and `record`, as CloudWatch Logs receives them for a function with LogFormat JSON. The shapes
// follow the Lambda Telemetry API event schema reference (docs.aws.amazon.com/lambda/latest/dg/
// telemetry-schema-reference.html): platform.initStart, platform.initReport (written here for
// a failed INIT only, the one that explains an invocation error nothing else logged),
// platform.start, platform.report.

/** Status of an invocation in platform.report (Telemetry API `Status`). */
export type ReportStatus = "success" | "error" | "failure" | "timeout";

interface ReportMetrics {
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly memorySizeMB: number;
  readonly maxMemoryUsedMB: number;
  /** Only on the invocation that started the environment (a cold start). */
  readonly initDurationMs?: number;
}

export interface PlatformReport {
  readonly requestId: string;
  readonly metrics: ReportMetrics;
  readonly status: ReportStatus;
  /** For `error` and `failure`: what failed, e.g. `Runtime.ExitError`. */
  readonly errorType?: string;
}

/**
 * Billed duration: per millisecond, rounded up (since December 2020), plus the INIT phase on a
 * cold start (on-demand INIT is billed since August 2025).
 */
export function billedDurationMs(durationMs: number, initDurationMs?: number): number {
  // From the durations as written, so the record's own numbers add up.
  return Math.ceil(ms(durationMs)) + (initDurationMs === undefined ? 0 : Math.ceil(ms(initDurationMs)));
}

/** Durations as Lambda writes them: milliseconds with two decimals. */
function ms(value: number): number {
  return Math.round(value * 100) / 100;
}

function line(type: string, record: object, time: Date): string {
  return JSON.stringify({ time: time.toISOString(), type, record });
}

export function initStartLine(functionName: string, time: Date = new Date()): string {
  return line("platform.initStart", { initializationType: "on-demand", phase: "init", functionName, functionVersion: "$LATEST" }, time);
}

/** How a failed INIT ended: the module threw, INIT ran past its limit, or the environment died. */
export type InitStatus = Exclude<ReportStatus, "success">;

export interface InitReport {
  readonly status: InitStatus;
  readonly errorType: string;
  readonly durationMs: number;
}

export function initReportLine(report: InitReport, time: Date = new Date()): string {
  return line(
    "platform.initReport",
    {
      initializationType: "on-demand",
      phase: "init",
      status: report.status,
      errorType: report.errorType,
      metrics: { durationMs: ms(report.durationMs) },
    },
    time,
  );
}

export function startLine(requestId: string, time: Date = new Date()): string {
  return line("platform.start", { requestId, version: "$LATEST" }, time);
}

export function reportLine(report: PlatformReport, time: Date = new Date()): string {
  const { metrics } = report;
  return line(
    "platform.report",
    {
      requestId: report.requestId,
      metrics: {
        durationMs: ms(metrics.durationMs),
        billedDurationMs: metrics.billedDurationMs,
        memorySizeMB: metrics.memorySizeMB,
        maxMemoryUsedMB: metrics.maxMemoryUsedMB,
        ...(metrics.initDurationMs === undefined ? {} : { initDurationMs: ms(metrics.initDurationMs) }),
      },
      status: report.status,
      ...(report.errorType ? { errorType: report.errorType } : {}),
    },
    time,
  );
}
