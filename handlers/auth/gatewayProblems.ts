// What API Gateway itself answers when it refuses a request before the function runs (no or a
// bad token, no or a bad API key, a usage plan's limits), as RFC 9457 problem+json like the
// function's own refusals. The Pulumi component installs these as gateway responses; the local
// API answers with the same bodies.
import { allowedMethods, resourcePath } from "../http/routes";
import type { ProblemDetails } from "../http/problem";

export interface GatewayProblem extends ProblemDetails {
  /** API Gateway's gateway response type. */
  readonly responseType:
    | "UNAUTHORIZED"
    | "MISSING_AUTHENTICATION_TOKEN"
    | "ACCESS_DENIED"
    | "INVALID_API_KEY"
    | "THROTTLED"
    | "QUOTA_EXCEEDED";
}

export const gatewayProblems = {
  unauthorized: {
    responseType: "UNAUTHORIZED",
    status: 401,
    reason: "unauthorized",
    title: "Unauthorized",
    detail: "send a valid editor ID token as 'Authorization: Bearer <token>'",
  },
  missingToken: {
    // API Gateway's answer for a path or method it does not serve (no token can help there).
    responseType: "MISSING_AUTHENTICATION_TOKEN",
    status: 403,
    reason: "forbidden",
    title: "Forbidden",
    detail: `no such resource or method; ${allowedMethods.join(", ")} ${resourcePath} is the one command`,
  },
  accessDenied: {
    responseType: "ACCESS_DENIED",
    status: 403,
    reason: "forbidden",
    title: "Forbidden",
    detail: "the token does not grant access to this resource",
  },
  invalidApiKey: {
    responseType: "INVALID_API_KEY",
    status: 403,
    reason: "forbidden",
    title: "Forbidden",
    detail: "send this client's API key as 'x-api-key'",
  },
  throttled: {
    responseType: "THROTTLED",
    status: 429,
    reason: "throttled",
    title: "Too many requests",
    detail: "a rate or burst limit (this client's or the stage's) was exceeded; retry with backoff",
  },
  quotaExceeded: {
    responseType: "QUOTA_EXCEEDED",
    status: 429,
    reason: "quotaExceeded",
    title: "Quota exceeded",
    detail: "this client's request quota for the period is used up",
  },
} as const satisfies Record<string, GatewayProblem>;
