// Extra request headers (`--header 'Name: value'`), usually credentials: an editor's ID token
// and an API key. Their values never appear in an error message or a report.
import { OptionsError } from "../cli/commandLine";
import { idempotencyKeyHeader } from "../handlers/http/idempotency";

/** Headers the load test sets on each request itself. */
const ownHeaders = new Set(["content-type", "content-length", idempotencyKeyHeader, "host", "transfer-encoding", "connection"]);

/** RFC 9110 token characters. */
const headerName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** What a report shows instead of a header's value. */
const redacted = "<redacted>";

/**
 * Headers by lower-case name, from `Name: value` arguments. Throws an Error whose message
 * names the header (or its position) but never its value.
 */
export function parseHeaders(args: readonly string[]): Readonly<Record<string, string>> {
  const headers = new Map<string, string>();
  args.forEach((arg, index) => {
    const colon = arg.indexOf(":");
    const which = `--header #${index + 1}`;
    if (colon < 0) throw new OptionsError(`${which} must be "Name: value", e.g. --header 'x-api-key: KEY' (no ":" found)`);
    const name = arg.slice(0, colon).trim();
    const value = arg.slice(colon + 1).trim();
    if (!headerName.test(name)) throw new OptionsError(`${which} must be "Name: value": the part before ":" is not a header name`);
    const lower = name.toLowerCase();
    if (value === "") throw new OptionsError(`--header ${name} has no value`);
    // Line breaks would split the request; other control characters are not allowed either.
    if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value))
      throw new OptionsError(`--header ${name}: the value may not contain line breaks or control characters`);
    if (ownHeaders.has(lower)) throw new OptionsError(`--header ${name} is set by the load test itself`);
    if (headers.has(lower)) throw new OptionsError(`--header ${name} is given more than once`);
    headers.set(lower, value);
  });
  return Object.fromEntries(headers);
}

/** The same headers with every value replaced, for reports. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  return Object.fromEntries(Object.keys(headers).map((name) => [name, redacted]));
}
