// One execution environment: a worker thread with the function's own environment variables,
// its own module instance of the bundle and its own log stream. It runs one invocation at a
// time; the emulator decides when to start, reuse or discard it.
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { Worker } from "node:worker_threads";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import type { FunctionCode } from "./code";
import type { BootstrapData, EnvironmentMessage, FunctionFailure } from "./messages";
import type { FunctionSettings } from "./runtime";
import type { InitStatus } from "./platformLog";

export type InvokeResult =
  | { readonly kind: "result"; readonly result: APIGatewayProxyResult }
  | ({ readonly kind: "error" } & FunctionFailure)
  /** The environment died under the invocation (crash, out of memory); it cannot be reused. */
  | ({ readonly kind: "failure" } & FunctionFailure);

export interface EnvironmentOptions {
  readonly code: FunctionCode;
  readonly settings: FunctionSettings;
  /** The function's environment variables. */
  readonly variables: Readonly<Record<string, string>>;
  /** The environment's log stream (see logStreamName). */
  readonly logStream: string;
  /** Called with each line the environment writes to stdout or stderr. */
  readonly onLine: (line: string, logStream: string) => void;
}

/** What an environment can answer next: a message, that it stopped, or that the wait for it ran out of time. */
type Settled = EnvironmentMessage | ({ readonly kind: "stopped" | "timedOut" } & FunctionFailure);

/** INIT failed: the module did not load (`error`), INIT ran out of time (`timeout`), or the environment died (`failure`). */
export class InitError extends Error {
  constructor(
    readonly failure: FunctionFailure,
    readonly status: InitStatus,
    /** How long INIT ran before it failed, not counting the shutdown of the environment after. */
    readonly durationMs: number,
  ) {
    super(failure.errorMessage);
    this.name = "InitError";
  }
}

const mebibyte = 1024 * 1024;

/** Lambda's log stream name: date, version, and an id of the environment. */
export function logStreamName(now: Date = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll("-", "/");
  return `${day}/[$LATEST]${randomBytes(16).toString("hex")}`;
}

export class ExecutionEnvironment {
  readonly logStream: string;
  private readonly worker: Worker;
  private peakMemoryBytes = 0;
  private pending: ((settled: Settled) => void) | undefined;
  private alive = true;

  private constructor(options: EnvironmentOptions) {
    this.logStream = options.logStream;
    const data: BootstrapData = { handlerModule: options.code.handlerModule, settings: options.settings, logStream: this.logStream };
    this.worker = new Worker(options.code.bootstrapFile, {
      workerData: data,
      env: { ...options.variables },
      // The environment's output is its log stream, not this process's terminal.
      stdout: true,
      stderr: true,
      // A plain Node.js runtime: none of this process's loaders or flags.
      execArgv: [],
      // Lambda stops a function that outgrows its memory; V8 stops the worker at this heap size.
      resourceLimits: { maxOldGenerationSizeMb: options.settings.memorySize },
    });
    this.worker.unref();
    for (const stream of [this.worker.stdout, this.worker.stderr] as Readable[]) {
      createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => options.onLine(line, this.logStream));
    }
    this.worker.on("message", (message: EnvironmentMessage) => {
      if (message.kind !== "initError") this.peakMemoryBytes = Math.max(this.peakMemoryBytes, message.memoryBytes);
      this.settle(message);
    });
    // Uncaught exceptions, out of memory: the environment is gone (an "exit" follows).
    this.worker.on("error", (err: NodeJS.ErrnoException) =>
      this.die(err.code === "ERR_WORKER_OUT_OF_MEMORY" ? "Runtime.OutOfMemory" : "Runtime.ExitError", err.message),
    );
    this.worker.on("exit", (code) => this.die("Runtime.ExitError", `the environment exited with status ${code}`));
  }

  /**
   * Starts an environment and runs its INIT phase; resolves once the handler module is loaded,
   * with how long INIT took.
   */
  static async start(
    options: EnvironmentOptions,
    initTimeoutMs: number,
  ): Promise<{ readonly environment: ExecutionEnvironment; readonly initDurationMs: number }> {
    const began = performance.now();
    const environment = new ExecutionEnvironment(options);
    const ready = await environment.next(initTimeoutMs);
    const durationMs = performance.now() - began;
    if (ready.kind === "ready") return { environment, initDurationMs: durationMs };
    await environment.terminate();
    if (ready.kind === "initError") throw new InitError(ready, "error", durationMs);
    if (ready.kind === "timedOut") throw new InitError(ready, "timeout", durationMs);
    if (ready.kind === "stopped") throw new InitError(ready, "failure", durationMs);
    throw new InitError({ errorType: "Runtime.Unknown", errorMessage: `unexpected ${ready.kind} during INIT` }, "failure", durationMs);
  }

  get isAlive(): boolean {
    return this.alive;
  }

  /** Peak memory of the environment so far, in MB as platform.report writes it. */
  get maxMemoryUsedMB(): number {
    return Math.max(1, Math.ceil(this.peakMemoryBytes / mebibyte));
  }

  /** Runs one invocation; never rejects (failures are results), never times out (the emulator does). */
  async invoke(requestId: string, event: APIGatewayProxyEvent, deadline: number): Promise<InvokeResult> {
    const answer = this.next();
    this.worker.postMessage({ requestId, event, deadline });
    const settled = await answer;
    switch (settled.kind) {
      case "result":
        return { kind: "result", result: settled.result };
      case "error":
        return { kind: "error", errorType: settled.errorType, errorMessage: settled.errorMessage };
      case "stopped":
        return { kind: "failure", errorType: settled.errorType, errorMessage: settled.errorMessage };
      default:
        return { kind: "failure", errorType: "Runtime.Unknown", errorMessage: `unexpected ${settled.kind} during an invocation` };
    }
  }

  async terminate(): Promise<void> {
    this.alive = false;
    await this.worker.terminate();
  }

  private next(timeoutMs?: number): Promise<Settled> {
    return new Promise((resolve) => {
      if (!this.alive) {
        resolve({ kind: "stopped", errorType: "Runtime.ExitError", errorMessage: "the environment has stopped" });
        return;
      }
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              this.pending = undefined;
              resolve({ kind: "timedOut", errorType: "Runtime.InitTimeout", errorMessage: `INIT did not finish in ${timeoutMs} ms` });
            }, timeoutMs);
      this.pending = (settled) => {
        clearTimeout(timer);
        resolve(settled);
      };
    });
  }

  private settle(settled: Settled): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.(settled);
  }

  private die(errorType: string, errorMessage: string): void {
    this.alive = false;
    this.settle({ kind: "stopped", errorType, errorMessage });
  }
}
