// Sends the planned requests over keep-alive HTTP/1.1 connections, one per request in flight,
// reading each answer to the end so its connection can be reused.
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { apiGatewayIntegrationTimeoutSeconds } from "../config/infrastructure";

interface Answer {
  readonly status: number;
  /** API Gateway refused the request itself, before the function ran (see refusedAtGateway). */
  readonly refusedAtGateway: boolean;
}

export interface HttpTarget {
  send(body: string, headers: Readonly<Record<string, string>>): Promise<Answer>;
  close(): void;
}

/**
 * API Gateway marks the answers it gives itself (gateway responses) with x-amzn-ErrorType,
 * customised ones included; the local API marks its 401, 403 and 429 refusals so (not its 413
 * for a body over API Gateway's 10 MB, which no load test sends). The function never sets that
 * header, so a marked 4xx is a refusal before it: a bad token (401), a missing API key or
 * unknown route (403), throttling (429). A 429 is always the gateway's, since the function
 * never answers one. A 403 without the mark is the function's own.
 */
function refusedAtGateway(status: number, errorType: string | string[] | undefined): boolean {
  return status === 429 || (status >= 400 && status < 500 && errorType !== undefined);
}

/**
 * API Gateway answers within its integration timeout, which also bounds the function's timeout
 * setting; an answer that has not come in twice that time never will, and waiting for it would
 * keep the run from ending.
 */
const answerTimeoutMs = 2 * apiGatewayIntegrationTimeoutSeconds * 1000;

export function httpTarget(url: string, maxSockets: number, timeoutMs = answerTimeoutMs): HttpTarget {
  const target = new URL(url);
  const secure = target.protocol === "https:";
  const agent = secure ? new HttpsAgent({ keepAlive: true, maxSockets }) : new HttpAgent({ keepAlive: true, maxSockets });
  const request = secure ? httpsRequest : httpRequest;
  const send = (body: string, headers: Readonly<Record<string, string>>): Promise<Answer> =>
    new Promise<Answer>((resolve, reject) => {
      const req = request(target, { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } }, (res) => {
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          resolve({ status, refusedAtGateway: refusedAtGateway(status, res.headers["x-amzn-errortype"]) });
        });
        res.on("error", reject);
        res.resume();
      });
      const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      req.on("close", () => clearTimeout(timer));
      req.on("error", reject);
      req.end(body);
    });
  return {
    send,
    close: () => agent.destroy(),
  };
}
