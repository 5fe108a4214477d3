// Errors as values: every way a request can fail is a Problem with a type the HTTP layer maps
// to a status and an RFC 9457 application/problem+json body.
import type { RejectionReason } from "../../config/metrics";
import type { FieldError } from "../proposal/schema";

export const problemContentType = "application/problem+json";

/** What a problem body says; the function's refusals and API Gateway's own share it. */
export interface ProblemDetails {
  readonly reason: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors?: readonly FieldError[];
}

export interface Problem extends ProblemDetails {
  readonly reason: RejectionReason;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The RFC 9457 body; `instance` is the request path. */
export function problemBody(problem: ProblemDetails, correlationId: string, instance: string): string {
  return JSON.stringify({
    type: `/problems/${problem.reason}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance,
    correlationId,
    ...(problem.errors ? { errors: problem.errors } : {}),
  });
}

export const problems = {
  malformed: (detail: string): Problem => ({ reason: "malformed", status: 400, title: "Malformed request body", detail }),
  validation: (errors: readonly FieldError[]): Problem => ({
    reason: "validation",
    status: 400,
    title: "Invalid destination proposal",
    detail: `${errors.length} field${errors.length === 1 ? "" : "s"} failed validation`,
    errors,
  }),
  // A bad header, not a bad proposal: said so, under the same validation reason (and metric).
  idempotencyKey: (message: string): Problem => ({
    reason: "validation",
    status: 400,
    title: "Invalid Idempotency-Key header",
    detail: `Idempotency-Key ${message}`,
    errors: [{ field: "Idempotency-Key", message }],
  }),
  mediaType: (detail: string): Problem => ({
    reason: "mediaType",
    status: 415,
    title: "Unsupported media type",
    detail,
    headers: { "Accept-Post": "application/json" },
  }),
  tooLarge: (size: number, limit: number): Problem => ({
    reason: "tooLarge",
    status: 413,
    title: "Request body too large",
    detail: `the body is ${size} bytes; the limit is ${limit} bytes`,
  }),
  conflict: (detail: string): Problem => ({ reason: "conflict", status: 409, title: "Conflict", detail }),
  forbidden: (detail: string): Problem => ({ reason: "forbidden", status: 403, title: "Forbidden", detail }),
  method: (method: string, allowed: readonly string[]): Problem => ({
    reason: "method",
    status: 405,
    title: "Method not allowed",
    detail: `${method} is not supported here; use ${allowed.join(", ")}`,
    headers: { Allow: allowed.join(", ") },
  }),
  notFound: (path: string): Problem => ({ reason: "notFound", status: 404, title: "Not found", detail: `no resource at ${path}` }),
  unavailable: (retryAfterSeconds: number): Problem => ({
    reason: "unavailable",
    status: 503,
    title: "Service unavailable",
    detail: "the event store is throttling or unavailable; retry after the given delay with the same Idempotency-Key",
    headers: { "Retry-After": String(retryAfterSeconds) },
  }),
  internal: (): Problem => ({
    reason: "internal",
    status: 500,
    title: "Internal server error",
    detail: "an unexpected error occurred; quote the correlation id when reporting it",
  }),
} as const;

export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export function problemResponse(problem: Problem, correlationId: string, instance: string): HttpResponse {
  return {
    statusCode: problem.status,
    headers: { "Content-Type": problemContentType, ...problem.headers },
    body: problemBody(problem, correlationId, instance),
  };
}

export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { statusCode, headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) };
}
