// Sends the planned requests over keep-alive HTTP/1.1 connections, one per request in flight,
// reading each answer to the end so its connection can be reused.
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { apiGatewayIntegrationTimeoutSeconds } from "../config/infrastructure";

export interface HttpTarget {
  post(body: string, headers: Readonly<Record<string, string>>): Promise<number>;
  close(): void;
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
  const send = secure ? httpsRequest : httpRequest;
  return {
    post: (body, headers) =>
      new Promise<number>((resolve, reject) => {
        const req = send(
          target,
          { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } },
          (res) => {
            res.on("end", () => resolve(res.statusCode ?? 0));
            res.on("error", reject);
            res.resume();
          },
        );
        const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        req.on("close", () => clearTimeout(timer));
        req.on("error", reject);
        req.end(body);
      }),
    close: () => agent.destroy(),
  };
}
