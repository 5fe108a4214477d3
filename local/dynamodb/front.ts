// The local store's public face: an HTTP server on the store's port that passes each call
// through a small pipeline — interceptors (fault injection plugs in here), then provisioned
// throughput — to dynalite in the same process, and reports every call to its observers
// (metric recording plugs in there).
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Dispatch } from "./inProcess";
import { noUsage, ProvisionedThroughput, type CapacityKind, type CapacitySetting, type Usage } from "./throughput";
import type { Clock } from "../clock";
import { callFromRequest, errorType, internalServerError, type DynamoCall, type Outcome } from "./wire";
import { readBody } from "../requestBody";
import { Subscribers } from "../subscribers";
import { refuseForeignHost } from "../loopbackHost";

/**
 * Wraps the rest of the pipeline: answer the call itself (a 5xx, a throttle, a reset), delay
 * it, or pass it on with `next`. Interceptors run before throughput is metered, so a call
 * they answer consumes no capacity.
 */
export type Interceptor = (call: DynamoCall, next: (call: DynamoCall) => Promise<Outcome>) => Promise<Outcome>;

/** One call as the store saw it: the facts AWS/DynamoDB metrics are computed from. */
export interface RequestObservation {
  /** `PutItem`, `Query`, …; "" for requests that name no operation. */
  readonly operation: string;
  readonly tableName: string | undefined;
  /** Wall-clock time the call arrived (ms since the epoch). */
  readonly startedAt: number;
  readonly latencyMs: number;
  /** Undefined when the connection was reset instead of answered. */
  readonly statusCode: number | undefined;
  /** Short error name (`ValidationException`) of an error answer. */
  readonly errorType: string | undefined;
  readonly consumedReadUnits: number;
  readonly consumedWriteUnits: number;
  /** The bucket that refused the call (ProvisionedThroughputExceededException), if any. */
  readonly throttled: CapacityKind | undefined;
  readonly conditionalCheckFailed: boolean;
}

export type RequestObserver = (observation: RequestObservation) => void;

export interface DynamoFrontOptions {
  readonly capacity: CapacitySetting;
  /** Time the token buckets run on; the system clock unless a test drives it. */
  readonly clock: Clock;
  readonly interceptors?: readonly Interceptor[];
}

/** DynamoDB's own limit on a request body. */
const maxRequestBytes = 16 * 1024 * 1024;

export class DynamoFront {
  private readonly server: Server;
  private readonly throughput: ProvisionedThroughput;
  private readonly interceptors: Interceptor[];
  private readonly observers = new Subscribers<Parameters<RequestObserver>>();

  constructor(
    private readonly dispatch: Dispatch,
    options: DynamoFrontOptions,
  ) {
    this.throughput = new ProvisionedThroughput(options.capacity, options.clock);
    this.interceptors = [...(options.interceptors ?? [])];
    // A caller gone mid-request (its body cut short) is owed no answer.
    this.server = createServer((req, res) => {
      if (refuseForeignHost(req, res)) return;
      void this.serve(req, res).catch(() => res.destroy());
    });
  }

  /** Current provisioned capacity (for ProvisionedRead/WriteCapacityUnits). */
  get capacity(): CapacitySetting {
    return this.throughput.capacity;
  }

  setCapacity(capacity: CapacitySetting): void {
    this.throughput.setCapacity(capacity);
  }

  /** Calls `observer` after every call; returns the function that stops it. */
  onRequest(observer: RequestObserver): () => void {
    return this.observers.add(observer);
  }

  /** Adds an interceptor after those already there; returns the function that removes it. */
  use(interceptor: Interceptor): () => void {
    this.interceptors.push(interceptor);
    return () => {
      const index = this.interceptors.indexOf(interceptor);
      if (index >= 0) this.interceptors.splice(index, 1);
    };
  }

  async listen(port: number): Promise<number> {
    this.server.listen(port, "127.0.0.1");
    await once(this.server, "listening");
    return (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    this.server.closeIdleConnections();
    return new Promise((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAt = Date.now();
    const started = performance.now();
    const body = await readBody(req, maxRequestBytes);
    if (body === undefined) {
      res.writeHead(413).end();
      return;
    }
    const call = callFromRequest(req.method ?? "POST", req.url ?? "/", req.headers, body);
    const usage = noUsage();
    const outcome = await this.run(call, usage).catch(
      (err: unknown): Outcome => ({ kind: "response", response: internalServerError(String(err)) }),
    );
    if (outcome.kind === "reset") {
      req.socket.destroy();
    } else {
      res.writeHead(outcome.response.status, outcome.response.headers).end(outcome.response.body);
    }
    const tableName = call.input?.["TableName"];
    this.observers.notify({
      operation: call.operation,
      tableName: typeof tableName === "string" ? tableName : undefined,
      startedAt,
      latencyMs: performance.now() - started,
      statusCode: outcome.kind === "response" ? outcome.response.status : undefined,
      errorType: outcome.kind === "response" ? errorType(outcome.response) : undefined,
      ...usage,
    });
  }

  private run(call: DynamoCall, usage: Usage): Promise<Outcome> {
    const metered = async (c: DynamoCall): Promise<Outcome> => ({
      kind: "response",
      response: await this.throughput.handle(c, this.dispatch, usage),
    });
    const pipeline = this.interceptors.reduceRight<(c: DynamoCall) => Promise<Outcome>>(
      (next, interceptor) => (c) => interceptor(c, next),
      metered,
    );
    return pipeline(call);
  }
}
