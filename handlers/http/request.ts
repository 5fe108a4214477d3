// Turns an API Gateway REST proxy event into a parsed JSON body or a Problem. Tolerates the
// console's test event (headers and body null) and base64-encoded bodies.
import type { APIGatewayProxyEvent } from "aws-lambda";
import { problems, type Problem } from "./problem";

export const maxBodyBytes = 64 * 1024;

export type BodyResult = { readonly ok: true; readonly json: unknown } | { readonly ok: false; readonly problem: Problem };

/** Case-insensitive header lookup; API Gateway keeps the client's casing. */
export function header(event: Pick<APIGatewayProxyEvent, "headers">, name: string): string | undefined {
  const headers = event.headers ?? {};
  const wanted = name.toLowerCase();
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === wanted) return headers[key] ?? undefined;
  }
  return undefined;
}

// application/json or any application/*+json, in UTF-8 (JSON's only interoperable encoding).
function checkMediaType(contentType: string | undefined): Problem | undefined {
  if (!contentType) return problems.mediaType("a Content-Type of application/json is required");
  const [essence = "", ...params] = contentType.split(";").map((p) => p.trim().toLowerCase());
  if (essence !== "application/json" && !/^application\/[a-z0-9.+-]+\+json$/.test(essence)) {
    return problems.mediaType(`${essence || "(empty)"} is not supported; send application/json`);
  }
  const charset = params
    .find((p) => p.startsWith("charset="))
    ?.slice("charset=".length)
    .replace(/"/g, "");
  if (charset && charset !== "utf-8" && charset !== "utf8") {
    return problems.mediaType(`charset ${charset} is not supported; send UTF-8`);
  }
  return undefined;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function parseJsonBody(event: Pick<APIGatewayProxyEvent, "headers" | "body" | "isBase64Encoded">): BodyResult {
  const mediaProblem = checkMediaType(header(event, "content-type"));
  if (mediaProblem) return { ok: false, problem: mediaProblem };
  const raw = event.body ?? "";
  // A text body is only measured; only a base64 body needs its bytes, to decode them.
  const bytes = event.isBase64Encoded ? Buffer.from(raw, "base64") : undefined;
  const size = bytes ? bytes.length : Buffer.byteLength(raw);
  if (size > maxBodyBytes) return { ok: false, problem: problems.tooLarge(size, maxBodyBytes) };
  if (size === 0) return { ok: false, problem: problems.malformed("the body is empty; send a JSON object") };
  let text: string;
  try {
    text = bytes ? utf8.decode(bytes) : raw;
  } catch {
    return { ok: false, problem: problems.malformed("the body is not valid UTF-8") };
  }
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, problem: problems.malformed(`the body is not valid JSON: ${(err as Error).message}`) };
  }
}
