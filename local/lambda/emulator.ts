// Lambda on one machine: execution environments are worker threads that each load the deployed
// bundle with the function's own environment variables. An invocation with no idle environment
// starts one (a cold start, its INIT phase timed); warm invocations reuse idle ones. Reserved
// concurrency throttles, the timeout ends the environment, and every environment's stdout and
// stderr become its log stream, with Lambda's platform records, as CloudWatch Logs gets them.
//
// Subscribing (the local observability builds its metrics on these):
//   emulator.onLog((line, { functionName, logStream, time }) => …)   every log line
//   emulator.onInvocation((record) => …)   outcome, duration, cold start, concurrency of each
//                                           invocation, throttled ones included
// Both return the function that unsubscribes. Nothing is printed unless someone subscribes.
import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { concurrencyLimit } from "../../config/settings";
import { functionCode, type FunctionCode } from "./code";
import { lambdaEnvironment, type FunctionEnvironmentOptions } from "./environment";
import { ExecutionEnvironment, InitError, logStreamName } from "./executionEnvironment";
import { billedDurationMs, initReportLine, initStartLine, reportLine, startLine, type ReportStatus } from "./platformLog";
import { Subscribers } from "../subscribers";
import {
  LambdaFunctionError,
  LambdaThrottledError,
  LambdaTimeoutError,
  type InvocationObserver,
  type InvocationRecord,
  type LambdaRuntime,
  type LogSink,
} from "./runtime";

export interface LambdaEmulatorOptions extends FunctionEnvironmentOptions {
  /** Reserved concurrent executions; -1 reserves none, so the account's limit applies. */
  readonly reservedConcurrency: number;
  /** The account's concurrent executions per Region (the stack's accountConcurrencyLimit). */
  readonly accountConcurrencyLimit: number;
  /** Most environments (worker threads) at once; invocations past it wait for a free one. */
  readonly maxEnvironments?: number;
}

/**
 * Worker threads at most. Each holds a V8 isolate with the bundle loaded (tens of MB), so a
 * laptop cannot run the account limit's worth; past this, invocations queue for an environment
 * instead (latency, not errors) and still count as concurrent executions.
 */
const defaultMaxEnvironments = 32;

/** Lambda's limit on the INIT phase of an on-demand function. */
const initTimeoutMs = 10_000;

export async function startLambdaEmulator(options: LambdaEmulatorOptions): Promise<LambdaEmulator> {
  return new LambdaEmulator(await functionCode(), options);
}

interface Acquired {
  readonly environment: ExecutionEnvironment;
  /** Set on a cold start. */
  readonly initDurationMs?: number;
}

export class LambdaEmulator implements LambdaRuntime {
  readonly functionName: string;
  /** Concurrent executions past which invocations are throttled. */
  readonly concurrencyLimit: number;
  readonly maxEnvironments: number;
  /** The function's environment variables, as each execution environment gets them. */
  readonly variables: Readonly<Record<string, string>>;
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly busy = new Set<ExecutionEnvironment>();
  private starting = 0;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly logSinks = new Subscribers<Parameters<LogSink>>();
  private readonly observers = new Subscribers<Parameters<InvocationObserver>>();
  private closed = false;

  constructor(
    private readonly code: FunctionCode,
    private readonly options: LambdaEmulatorOptions,
  ) {
    this.functionName = options.functionName;
    this.concurrencyLimit = concurrencyLimit(options);
    this.maxEnvironments = Math.max(1, Math.min(this.concurrencyLimit, options.maxEnvironments ?? defaultMaxEnvironments));
    this.variables = lambdaEnvironment(options);
  }

  /** Execution environments alive now (idle or busy). */
  get environments(): number {
    return this.idle.length + this.busy.size;
  }

  onLog(sink: LogSink): () => void {
    return this.logSinks.add(sink);
  }

  onInvocation(observer: InvocationObserver): () => void {
    return this.observers.add(observer);
  }

  async invoke(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
    if (this.closed) throw new LambdaFunctionError("Runtime.Shutdown", "the function has been shut down");
    const startedAt = Date.now();
    if (this.inFlight >= this.concurrencyLimit) {
      this.record({ outcome: "throttled", startedAt, durationMs: 0, coldStart: false, concurrentExecutions: this.inFlight });
      throw new LambdaThrottledError(this.concurrencyLimit);
    }
    this.inFlight += 1;
    try {
      return await this.run(event, startedAt, this.inFlight);
    } finally {
      this.inFlight -= 1;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waiting.splice(0)) wake();
    const all = [...this.idle.splice(0), ...this.busy];
    this.busy.clear();
    await Promise.all(all.map((environment) => environment.terminate()));
  }

  private async run(event: APIGatewayProxyEvent, startedAt: number, concurrentExecutions: number): Promise<APIGatewayProxyResult> {
    const requestId = randomUUID();
    let acquired: Acquired;
    try {
      acquired = await this.acquire();
    } catch (err) {
      this.record({ outcome: "error", startedAt, durationMs: 0, coldStart: true, concurrentExecutions });
      if (err instanceof InitError) throw new LambdaFunctionError(err.failure.errorType, err.failure.errorMessage);
      throw err;
    }
    const { environment, initDurationMs } = acquired;
    const timeoutMs = this.options.timeout * 1000;
    this.log(startLine(requestId), environment.logStream);
    const began = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    const outcome = await Promise.race([environment.invoke(requestId, event, Date.now() + timeoutMs), timedOut]);
    clearTimeout(timer);
    // A timer may fire a fraction of a millisecond early by the performance clock; Lambda
    // reports a timed-out invocation as having run its whole timeout.
    const elapsedMs = performance.now() - began;
    const durationMs = outcome === "timeout" ? Math.max(elapsedMs, timeoutMs) : elapsedMs;

    let status: ReportStatus;
    let errorType: string | undefined;
    if (outcome === "timeout") {
      status = "timeout";
    } else if (outcome.kind === "result") {
      status = "success";
    } else {
      status = outcome.kind === "error" ? "error" : "failure";
      errorType = outcome.errorType;
    }
    this.log(
      reportLine({
        requestId,
        metrics: {
          durationMs,
          billedDurationMs: billedDurationMs(durationMs, initDurationMs),
          memorySizeMB: this.options.memorySize,
          maxMemoryUsedMB: environment.maxMemoryUsedMB,
          ...(initDurationMs === undefined ? {} : { initDurationMs }),
        },
        status,
        ...(errorType ? { errorType } : {}),
      }),
      environment.logStream,
    );
    this.record({
      outcome: status === "success" ? "success" : status === "timeout" ? "timeout" : "error",
      startedAt,
      durationMs,
      coldStart: initDurationMs !== undefined,
      concurrentExecutions,
    });

    // A timed-out or crashed environment is not reused: Lambda resets it, the next one starts cold.
    if (outcome === "timeout" || outcome.kind === "failure") await this.discard(environment);
    else this.release(environment);

    if (outcome === "timeout") throw new LambdaTimeoutError(this.options.timeout);
    if (outcome.kind === "result") return outcome.result;
    throw new LambdaFunctionError(outcome.errorType, outcome.errorMessage);
  }

  /** A warm idle environment, else a new one if the cap allows, else waits for either. */
  private async acquire(): Promise<Acquired> {
    for (;;) {
      if (this.closed) throw new LambdaFunctionError("Runtime.Shutdown", "the function has been shut down");
      const warm = this.idle.pop();
      if (warm?.isAlive) {
        this.busy.add(warm);
        return { environment: warm };
      }
      if (warm) continue;
      if (this.busy.size + this.starting < this.maxEnvironments) return this.coldStart();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private async coldStart(): Promise<Acquired> {
    this.starting += 1;
    const logStream = logStreamName();
    this.log(initStartLine(this.functionName), logStream);
    try {
      const started = await ExecutionEnvironment.start(
        {
          code: this.code,
          settings: this.options,
          variables: this.variables,
          logStream,
          onLine: (line, stream) => this.log(line, stream),
        },
        initTimeoutMs,
      );
      if (this.closed) {
        await started.environment.terminate();
        throw new LambdaFunctionError("Runtime.Shutdown", "the function has been shut down");
      }
      this.busy.add(started.environment);
      return started;
    } catch (err) {
      if (err instanceof InitError) {
        this.log(initReportLine({ status: err.status, errorType: err.failure.errorType, durationMs: err.durationMs }), logStream);
      }
      this.wakeOne();
      throw err;
    } finally {
      this.starting -= 1;
    }
  }

  private release(environment: ExecutionEnvironment): void {
    this.busy.delete(environment);
    if (this.closed) {
      void environment.terminate();
      return;
    }
    this.idle.push(environment);
    this.wakeOne();
  }

  private async discard(environment: ExecutionEnvironment): Promise<void> {
    this.busy.delete(environment);
    this.wakeOne();
    await environment.terminate();
  }

  private wakeOne(): void {
    this.waiting.shift()?.();
  }

  private log(line: string, logStream: string): void {
    this.logSinks.notify(line, { functionName: this.functionName, logStream, time: Date.now() });
  }

  private record(record: Omit<InvocationRecord, "functionName">): void {
    this.observers.notify({ functionName: this.functionName, ...record });
  }
}
