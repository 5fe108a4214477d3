// Cross-origin requests from editors' web pages (docs/adr/0004-cross-origin-requests.md): what a
// preflight allows and what answers to an allowed origin carry. The deployed API (its preflight
// and its own gateway responses), the function and the local stack all answer from these facts.
import { allowedMethods } from "./routes";

export const corsPolicy = {
  /** Methods a page may use: the API's one command. */
  allowMethods: allowedMethods,
  /** Request headers editors' pages send beyond the ones browsers always allow. */
  allowHeaders: ["Content-Type", "Authorization", "x-api-key", "Idempotency-Key"],
  /** Response headers a page may read beyond the ones browsers always expose. */
  exposeHeaders: ["Location", "Idempotent-Replayed", "Retry-After", "x-amzn-RequestId"],
  // How long a browser may reuse a preflight's answer. Browsers cap it (Chromium at 2 h, Firefox
  // at 24 h); 10 minutes lets an origin taken off the list lose access soon after.
  maxAgeSeconds: 600,
} as const;

export const corsHeaders = {
  allowOrigin: "Access-Control-Allow-Origin",
  allowMethods: "Access-Control-Allow-Methods",
  allowHeaders: "Access-Control-Allow-Headers",
  exposeHeaders: "Access-Control-Expose-Headers",
  maxAge: "Access-Control-Max-Age",
  vary: "Vary",
} as const;

/** The method of a browser's preflight request. */
export const preflightMethod = "OPTIONS";

/** The status of an answered preflight: no body. */
export const preflightStatus = 204;

/** The request header a browser names the page's origin in. */
export const originHeader = "Origin";

/** `origin` when it is one of `allowed`, compared exactly as browsers send it; otherwise undefined. */
function allowedOrigin(origin: string | undefined, allowed: readonly string[]): string | undefined {
  return allowed.find((listed) => listed === origin);
}

/**
 * Headers of an answer other than a preflight: the allowed origin echoed with the headers a page
 * may read, and `Vary: Origin` whenever origins are configured, as the answer then depends on it.
 */
export function responseCorsHeaders(origin: string | undefined, allowed: readonly string[]): Record<string, string> {
  if (allowed.length === 0) return {};
  const echoed = allowedOrigin(origin, allowed);
  return {
    [corsHeaders.vary]: originHeader,
    ...(echoed ? { [corsHeaders.allowOrigin]: echoed, [corsHeaders.exposeHeaders]: corsPolicy.exposeHeaders.join(", ") } : {}),
  };
}

/** Headers of the answer to a preflight: what it allows, for an allowed origin only. */
export function preflightCorsHeaders(origin: string | undefined, allowed: readonly string[]): Record<string, string> {
  if (allowed.length === 0) return {};
  const echoed = allowedOrigin(origin, allowed);
  return {
    [corsHeaders.vary]: originHeader,
    ...(echoed
      ? {
          [corsHeaders.allowOrigin]: echoed,
          [corsHeaders.allowMethods]: corsPolicy.allowMethods.join(", "),
          [corsHeaders.allowHeaders]: corsPolicy.allowHeaders.join(", "),
          [corsHeaders.maxAge]: String(corsPolicy.maxAgeSeconds),
        }
      : {}),
  };
}

/**
 * The Access-Control-Allow-Origin of API Gateway's own answers (gateway responses). Their headers
 * take no template logic, only a fixed value or a request header: one configured origin is
 * answered fixed, which a page of any other origin cannot use; with several, the request's
 * Origin is echoed, whatever it is (the ADR says why that exposes nothing).
 */
export type GatewayResponseOrigin = { readonly kind: "fixed"; readonly origin: string } | { readonly kind: "echo" };

export function gatewayResponseOrigin(allowed: readonly string[]): GatewayResponseOrigin | undefined {
  if (allowed.length === 0) return undefined;
  return allowed.length === 1 ? { kind: "fixed", origin: allowed[0]! } : { kind: "echo" };
}

/** Headers of one of API Gateway's own answers to a request from `origin`, as the gateway responses set them. */
export function gatewayCorsHeaders(origin: string | undefined, allowed: readonly string[]): Record<string, string> {
  const rule = gatewayResponseOrigin(allowed);
  if (!rule) return {};
  const answered = rule.kind === "fixed" ? rule.origin : origin;
  return {
    [corsHeaders.vary]: originHeader,
    ...(answered ? { [corsHeaders.allowOrigin]: answered } : {}),
    [corsHeaders.exposeHeaders]: corsPolicy.exposeHeaders.join(", "),
  };
}
