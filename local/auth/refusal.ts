// Writes API Gateway's own refusal of a request (bad token, bad API key, throttled, quota used up)
// as problem+json.
import type { ServerResponse } from "node:http";
import type { GatewayProblem } from "../../handlers/auth/gatewayProblems";
import { problemBody, problemContentType } from "../../handlers/http/problem";

/** Writes the refusal, with `extraHeaders` (its CORS headers), and returns its status. */
export function writeRefusal(
  res: ServerResponse,
  problem: GatewayProblem,
  requestId: string,
  instance: string,
  extraHeaders: Readonly<Record<string, string>> = {},
): number {
  const body = problemBody(problem, requestId, instance);
  res.writeHead(problem.status, {
    ...extraHeaders,
    "Content-Type": problemContentType,
    "x-amzn-RequestId": requestId,
    "x-amzn-ErrorType": errorTypes[problem.responseType],
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
  return problem.status;
}

// API Gateway's x-amzn-ErrorType of each refusal; a quota used up answers "Limit Exceeded".
const errorTypes: Readonly<Record<GatewayProblem["responseType"], string>> = {
  UNAUTHORIZED: "UnauthorizedException",
  MISSING_AUTHENTICATION_TOKEN: "ForbiddenException",
  ACCESS_DENIED: "ForbiddenException",
  INVALID_API_KEY: "ForbiddenException",
  THROTTLED: "TooManyRequestsException",
  QUOTA_EXCEEDED: "LimitExceededException",
};
