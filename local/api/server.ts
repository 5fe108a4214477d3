// The local API Gateway: HTTP on loopback in, REST proxy events to the handler, responses out.
// Failures of the integration itself are answered the way API Gateway answers them.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import type { LambdaRuntime } from "../lambda/runtime";
import { fromProxyResult, toProxyEvent } from "./proxyEvent";
import { integrationFailure } from "./integrationErrors";

/** API Gateway's payload quota for REST APIs. */
export const maxPayloadBytes = 10 * 1024 * 1024;

export interface LocalApiOptions {
  readonly port: number;
  readonly host?: string;
  readonly stage: string;
  readonly runtime: LambdaRuntime;
}

export interface LocalApi {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const server = createServer((req, res) => {
    serve(req, res, options).catch(() => res.destroy());
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
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, options: LocalApiOptions): Promise<void> {
  const requestId = randomUUID();
  const body = await readBody(req, maxPayloadBytes);
  if (body === undefined) return gatewayError(res, 413, "Request Too Long", requestId);
  let reply;
  try {
    const result = await options.runtime.invoke(toProxyEvent(req, body, options.stage, requestId));
    reply = fromProxyResult(result, requestId);
  } catch (err) {
    const { status, message } = integrationFailure(err);
    return gatewayError(res, status, message, requestId);
  }
  res.writeHead(reply.statusCode, { ...reply.headers, "Content-Length": reply.body.length });
  res.end(reply.body);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

// API Gateway's own errors carry {"message": …} and x-amzn-ErrorType, not the handler's format.
function gatewayError(res: ServerResponse, status: number, message: string, requestId: string): void {
  const body = JSON.stringify({ message });
  res.writeHead(status, {
    "Content-Type": "application/json",
    "x-amzn-RequestId": requestId,
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
}
