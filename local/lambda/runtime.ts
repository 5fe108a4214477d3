// How the local API reaches the handler: the shape of a Lambda invocation, its failures as
// Lambda reports them, and the function's log stream as CloudWatch Logs would receive it.
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";

export interface FunctionSettings {
  readonly functionName: string;
  readonly memorySize: number;
  /** Seconds, as Lambda's timeout is configured. */
  readonly timeout: number;
}

/** Where a log line came from: the function and the execution environment's log stream. */
interface LogLineMeta {
  readonly functionName: string;
  /** One stream per execution environment, named as Lambda names them (`2025/01/31/[$LATEST]…`). */
  readonly logStream: string;
  /** When the line reached the log (ms since the epoch): CloudWatch's ingestion timestamp. */
  readonly time: number;
}

/**
 * Receives every line of the function's log: the handler's stdout and stderr (Powertools JSON,
 * EMF) and the platform records (`platform.initStart`, `platform.start`, `platform.report`) in
 * Lambda's JSON log format. Within a stream an invocation's lines come between its
 * platform.start and its platform.report (stdout and stderr lines may interleave loosely).
 */
export type LogSink = (line: string, meta: LogLineMeta) => void;

/** How an invocation ended, as AWS/Lambda metrics count it. */
type InvocationOutcome = "success" | "error" | "timeout" | "throttled";

/** One invocation as Lambda's own metrics see it (Invocations, Errors, Throttles, Duration, ConcurrentExecutions). */
export interface InvocationRecord {
  readonly functionName: string;
  readonly outcome: InvocationOutcome;
  /** Wall-clock time the invocation arrived (ms since the epoch). */
  readonly startedAt: number;
  /** Handler duration in ms (platform.report's durationMs); 0 when throttled. */
  readonly durationMs: number;
  readonly coldStart: boolean;
  /** Invocations in flight when this one arrived, itself included (throttled ones excluded). */
  readonly concurrentExecutions: number;
}

export type InvocationObserver = (record: InvocationRecord) => void;

export interface LambdaRuntime {
  /** Invokes the function; rejects with one of the Lambda errors below when it does not answer. */
  invoke(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult>;
  /** Subscribes to the function's log lines; returns the unsubscribe. */
  onLog(sink: LogSink): () => void;
  /** Observes each invocation once it ends (or is refused); returns the unsubscribe. */
  onInvocation(observer: InvocationObserver): () => void;
  close(): Promise<void>;
}

/** The invocation was refused: reserved (or account) concurrency is used up. Lambda answers 429. */
export class LambdaThrottledError extends Error {
  readonly errorType = "TooManyRequestsException";
  constructor(readonly concurrencyLimit: number) {
    super(`Rate Exceeded: concurrency limit ${concurrencyLimit} reached`);
    this.name = "LambdaThrottledError";
  }
}

/** The handler ran past the function's timeout; its execution environment was discarded. */
export class LambdaTimeoutError extends Error {
  readonly errorType = "Sandbox.Timedout";
  constructor(readonly timeoutSeconds: number) {
    super(`Task timed out after ${timeoutSeconds.toFixed(2)} seconds`);
    this.name = "LambdaTimeoutError";
  }
}

/** The function failed: the handler threw, its module did not load, or its environment crashed. */
export class LambdaFunctionError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = "LambdaFunctionError";
  }
}
