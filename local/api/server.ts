// The local API Gateway: HTTP on loopback in, REST proxy events to the handler, responses out.
// Failures of the integration itself are answered the way API Gateway answers them.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import type { LambdaRuntime } from "../lambda/runtime";
import type { LocalAuth } from "../auth/localAuth";
import { writeRefusal } from "../auth/refusal";
import { gatewayProblems } from "../../handlers/auth/gatewayProblems";
import { allowedMethods, resourcePath } from "../../handlers/http/routes";
import { gatewayCorsHeaders, preflightCorsHeaders, preflightMethod, preflightStatus } from "../../handlers/http/cors";
import type { ApiThrottle } from "./throttling";
import { fromProxyResult, toProxyEvent } from "./proxyEvent";
import { integrationFailure } from "./integrationErrors";
import { readBody } from "../requestBody";
import { Subscribers } from "../subscribers";
import { refuseForeignHost } from "../loopbackHost";

/** API Gateway's payload quota for REST APIs. */
const maxPayloadBytes = 10 * 1024 * 1024;

export interface LocalApiOptions {
  readonly port: number;
  readonly host?: string;
  readonly stage: string;
  readonly runtime: LambdaRuntime;
  /** The authoriser and API keys; every request is let through when absent (--no-auth). */
  readonly auth?: LocalAuth;
  /** The stage's and usage plan's throttling and quotas; nothing is throttled when absent. */
  readonly throttle?: ApiThrottle;
  /** Origins whose pages may call from a browser (the corsOrigins setting); none when absent. */
  readonly corsOrigins?: readonly string[];
}

/** One request as API Gateway meters it: the facts its AWS/ApiGateway metrics come from. */
export interface ApiObservation {
  /** Wall-clock time the request arrived (ms since the epoch). */
  readonly startedAt: number;
  /** The request's method: API Gateway counts preflights (OPTIONS) as requests too. */
  readonly method: string;
  /** The API's resource whose method served the request; undefined when no deployed method did. */
  readonly resource: string | undefined;
  readonly statusCode: number;
  /** Arrival to response, API Gateway's Latency. */
  readonly latencyMs: number;
  /** The handler's invocation alone; undefined when the request never reached it. */
  readonly integrationLatencyMs: number | undefined;
  /** The request id API Gateway gives it: the function's correlation id. */
  readonly requestId: string;
  /** What became of it, in a word or two ("accepted", "validation", "throttled at the gateway"). */
  readonly outcome: string;
}

type ApiObserver = (observation: ApiObservation) => void;

/** Serves requests under a path prefix instead of the handler (the local ops page). */
export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface LocalApi {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Calls `observer` after every request to the handler; returns the function that stops it. */
  onRequest(observer: ApiObserver): () => void;
  /** Routes paths under `prefix` to `route`; returns the function that removes it. */
  mount(prefix: string, route: Route): () => void;
  close(): Promise<void>;
}

interface Hooks {
  readonly observers: Subscribers<Parameters<ApiObserver>>;
  readonly routes: Map<string, Route>;
}

export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const hooks: Hooks = { observers: new Subscribers(), routes: new Map() };
  const server = createServer((req, res) => {
    // The API and the pages mounted beside it (the ops page) alike.
    if (refuseForeignHost(req, res)) return;
    const path = (req.url ?? "/").split("?")[0] as string;
    const mounted = [...hooks.routes].find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`));
    (mounted ? mounted[1](req, res) : serve(req, res, options, hooks)).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 5000;
  server.listen(options.port, options.host ?? "127.0.0.1");
  await once(server, "listening");
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    onRequest: (observer) => hooks.observers.add(observer),
    mount: (prefix, route) => {
      hooks.routes.set(prefix, route);
      return () => hooks.routes.delete(prefix);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, options: LocalApiOptions, hooks: Hooks): Promise<void> {
  const startedAt = Date.now();
  const started = performance.now();
  let integrationLatencyMs: number | undefined;
  const method = req.method ?? "GET";
  let resource: string | undefined;
  const requestId = randomUUID();
  const observe = (statusCode: number, outcome: string) => {
    hooks.observers.notify({
      startedAt,
      method,
      resource,
      statusCode,
      latencyMs: performance.now() - started,
      integrationLatencyMs,
      requestId,
      outcome,
    });
  };
  const atGateway = (what: string): string => `${what.toLowerCase()} at the gateway`;
  const corsOrigins = options.corsOrigins ?? [];
  const origin = single(req.headers.origin);
  // API Gateway's own answers carry the CORS headers its gateway responses are given.
  const gatewayCors = gatewayCorsHeaders(origin, corsOrigins);
  const body = await readBody(req, maxPayloadBytes);
  if (body === undefined) return observe(gatewayError(res, 413, "Request Too Long", requestId, gatewayCors), atGateway("Request too long"));
  const url = new URL(req.url ?? "/", "http://local");
  const instance = url.pathname;
  // With origins allowed, the preflight is a method of its own that API Gateway answers itself
  // (a MOCK integration): no authoriser, no API key or usage plan, no function; only the stage's
  // throttling, which applies to every method.
  if (url.pathname === resourcePath && method === preflightMethod && corsOrigins.length > 0) {
    resource = resourcePath;
    const admission = options.throttle?.admit(undefined);
    if (admission && !admission.ok)
      return observe(writeRefusal(res, admission.problem, requestId, instance, gatewayCors), atGateway(admission.problem.title));
    return observe(preflight(res, requestId, preflightCorsHeaders(origin, corsOrigins)), "preflight at the gateway");
  }
  // API Gateway serves only the methods deployed on the one resource: anything else is refused
  // there, before the authoriser, and never reaches the function.
  if (url.pathname !== resourcePath || !allowedMethods.some((m) => m === method)) {
    return observe(writeRefusal(res, gatewayProblems.missingToken, requestId, instance, gatewayCors), atGateway("No such route"));
  }
  resource = resourcePath;
  const decision = await options.auth?.authorize(req.headers);
  if (decision && !decision.ok)
    return observe(writeRefusal(res, decision.problem, requestId, instance, gatewayCors), atGateway(decision.problem.title));
  // Throttling follows authorisation, as in API Gateway: the usage plan meters the request's API key.
  const admission = options.throttle?.admit(decision?.ok ? decision.client.name : undefined);
  if (admission && !admission.ok)
    return observe(writeRefusal(res, admission.problem, requestId, instance, gatewayCors), atGateway(admission.problem.title));
  // API Gateway names the API key a method required; the client's name stands in for the key's id.
  const caller = decision?.ok ? { claims: decision.claims, apiKey: { key: decision.client.key, id: decision.client.name } } : undefined;
  const event = toProxyEvent(req, url, body, options.stage, requestId, startedAt, caller);
  let reply: ReturnType<typeof fromProxyResult>;
  try {
    const invoked = performance.now();
    const result = await options.runtime.invoke(event);
    integrationLatencyMs = performance.now() - invoked;
    reply = fromProxyResult(result, requestId);
  } catch (err) {
    const { status, message } = integrationFailure(err);
    return observe(gatewayError(res, status, message, requestId, gatewayCors), atGateway(message));
  }
  res.writeHead(reply.statusCode, { ...reply.headers, "Content-Length": reply.body.length });
  res.end(reply.body);
  observe(reply.statusCode, functionOutcome(reply));
}

/** The function's answer in a word: accepted or replayed, else its problem's reason. */
function functionOutcome(reply: ReturnType<typeof fromProxyResult>): string {
  if (reply.statusCode < 300) return reply.headers["Idempotent-Replayed"] === "true" ? "replayed" : "accepted";
  try {
    const type: unknown = (JSON.parse(reply.body.toString("utf8")) as { type?: unknown }).type;
    if (typeof type === "string") return type.replace(/^.*\//, "");
  } catch {
    // Not a problem body: said by its status below.
  }
  return `status ${reply.statusCode}`;
}

// API Gateway's own errors (a body over its payload quota, a failed or timed-out invocation)
// carry {"message": …}, not the handler's format. They set no x-amzn-ErrorType: AWS documents
// none for them. Only the refusals before the function (writeRefusal) carry one.
function gatewayError(
  res: ServerResponse,
  status: number,
  message: string,
  requestId: string,
  cors: Readonly<Record<string, string>>,
): number {
  const body = JSON.stringify({ message });
  res.writeHead(status, {
    ...cors,
    "Content-Type": "application/json",
    "x-amzn-RequestId": requestId,
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
  return status;
}

/** The preflight's answer, as the MOCK integration gives it: no body, the CORS headers for an allowed origin. */
function preflight(res: ServerResponse, requestId: string, cors: Readonly<Record<string, string>>): number {
  res.writeHead(preflightStatus, { ...cors, "x-amzn-RequestId": requestId });
  res.end();
  return preflightStatus;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
