// The runtime inside one execution environment (a worker thread): loads the deployed bundle
// once (the INIT phase), then runs one invocation at a time as the emulator sends them, the
// way Lambda's Node.js runtime loop does. Bundled on its own by code.ts; it must not import
// the handler's sources, only the bundle it is pointed at.
import { parentPort, workerData } from "node:worker_threads";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { lambdaContext } from "./environment";
import type { BootstrapData, EnvironmentMessage, FunctionFailure, InvokeMessage } from "./messages";

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const port = parentPort;
if (!port) throw new Error("bootstrap runs only in a worker thread");
const { handlerModule, settings, logStream } = workerData as BootstrapData;

// Lambda reports the environment's peak memory; between samples a short-lived peak can escape.
const sampleEveryMs = 10;
let peakBytes = 0;
function sampleMemory(): number {
  const { heapTotal, external } = process.memoryUsage();
  peakBytes = Math.max(peakBytes, heapTotal + external);
  return peakBytes;
}

function post(message: EnvironmentMessage): void {
  port!.postMessage(message);
}

// A worker's stdout reaches the emulator on a channel of its own; a write's callback runs once
// the emulator has taken the data, so after this the invocation's lines precede its report.
function flushOutput(): Promise<unknown> {
  return Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write("", resolve))));
}

function failure(err: unknown, fallbackType: string): FunctionFailure & { readonly stack?: string } {
  if (err instanceof Error) return { errorType: err.name || fallbackType, errorMessage: err.message, stack: err.stack };
  return { errorType: fallbackType, errorMessage: String(err) };
}

/** The runtime's own error line, as Lambda's Node.js runtime writes it in JSON log format. */
function logError(requestId: string | undefined, f: ReturnType<typeof failure>): void {
  const message = { errorType: f.errorType, errorMessage: f.errorMessage, stackTrace: f.stack?.split("\n") ?? [] };
  process.stderr.write(`${JSON.stringify({ timestamp: new Date().toISOString(), level: "ERROR", requestId, message })}\n`);
}

async function load(): Promise<Handler> {
  const loaded = (await import(handlerModule)) as { handler?: unknown };
  if (typeof loaded.handler !== "function") {
    throw Object.assign(new Error("index.handler is undefined or not exported"), { name: "Runtime.HandlerNotFound" });
  }
  return loaded.handler as Handler;
}

load().then(
  (handler) => {
    port.on("message", (message: InvokeMessage) => void invoke(handler, message));
    post({ kind: "ready", memoryBytes: sampleMemory() });
  },
  (err: unknown) => {
    // The emulator discards this environment; the invocation that started it fails.
    const f = failure(err, "Runtime.ImportModuleError");
    logError(undefined, f);
    post({ kind: "initError", errorType: f.errorType, errorMessage: f.errorMessage });
  },
);

async function invoke(handler: Handler, { requestId, event, deadline }: InvokeMessage): Promise<void> {
  const sampler = setInterval(sampleMemory, sampleEveryMs);
  try {
    const result = await handler(event, lambdaContext(settings, { requestId, deadline, logStream }));
    await flushOutput();
    post({ kind: "result", requestId, result, memoryBytes: sampleMemory() });
  } catch (err) {
    const f = failure(err, "Error");
    logError(requestId, f);
    await flushOutput();
    post({ kind: "error", requestId, errorType: f.errorType, errorMessage: f.errorMessage, memoryBytes: sampleMemory() });
  } finally {
    clearInterval(sampler);
  }
}
