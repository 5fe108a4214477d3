// Which store failures are worth a client retry: DynamoDB throttling and server faults that
// survived the SDK's own retries, and broken or timed-out connections.
const transientNames = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "InternalServerError",
  "ServiceUnavailable",
  "TimeoutError",
  "RequestTimeout",
]);
const transientCodes = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EAI_AGAIN"]);

interface ErrorLike {
  readonly name?: string;
  readonly code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

export function isTransientStoreError(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as ErrorLike;
  if (e.name && transientNames.has(e.name)) return true;
  if (e.code && transientCodes.has(e.code)) return true;
  return (e.$metadata?.httpStatusCode ?? 0) >= 500;
}
