// Writes API Gateway's own refusal of a request (bad token, bad API key) as problem+json.
import type { ServerResponse } from "node:http";
import { gatewayProblemBody, problemContentType, type GatewayProblem } from "../../handlers/auth/gatewayProblems";

/** Writes the refusal and returns its status. */
export function writeRefusal(res: ServerResponse, problem: GatewayProblem, requestId: string, instance: string): number {
  const body = gatewayProblemBody(problem, requestId, instance);
  res.writeHead(problem.status, {
    "Content-Type": problemContentType,
    "x-amzn-RequestId": requestId,
    "x-amzn-ErrorType": problem.status === 401 ? "UnauthorizedException" : "ForbiddenException",
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
  return problem.status;
}
