// The DynamoDB JSON protocol as the local store's front sees it: one call in, one outcome
// out, with the error bodies real DynamoDB sends.
import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { crc32 } from "node:zlib";

export type JsonObject = { readonly [key: string]: unknown };

export interface DynamoCall {
  /** Operation from `X-Amz-Target` (`DynamoDB_20120810.PutItem` -> `PutItem`); "" when absent. */
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** The parsed body when it is a JSON object. */
  readonly input: JsonObject | undefined;
}

export interface DynamoResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** What the front does with a call: answer it, or drop the connection (a fault). */
export type Outcome = { readonly kind: "response"; readonly response: DynamoResponse } | { readonly kind: "reset" };

const apiVersion = "DynamoDB_20120810";
const errorPrefix = "com.amazonaws.dynamodb.v20120810#";

export function callFromRequest(method: string, url: string, headers: IncomingHttpHeaders, body: Buffer): DynamoCall {
  const target = headers["x-amz-target"];
  const operation = typeof target === "string" && target.startsWith(`${apiVersion}.`) ? target.slice(apiVersion.length + 1) : "";
  return { operation, method, url, headers, body, input: parseObject(body) };
}

/** The same call with a different JSON body. */
export function withInput(call: DynamoCall, input: JsonObject): DynamoCall {
  return { ...call, input, body: Buffer.from(JSON.stringify(input)) };
}

/** A call the front makes on its own behalf (to look up an item or a key schema). */
export function internalCall(operation: string, input: JsonObject): DynamoCall {
  const headers: IncomingHttpHeaders = {
    "content-type": "application/x-amz-json-1.0",
    "x-amz-target": `${apiVersion}.${operation}`,
    "x-amz-date": "20200101T000000Z",
    authorization: "AWS4-HMAC-SHA256 Credential=local/20200101/local/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
  };
  return withInput({ operation, method: "POST", url: "/", headers, body: Buffer.alloc(0), input: undefined }, input);
}

export function responseInput(response: DynamoResponse): JsonObject | undefined {
  return parseObject(response.body);
}

/** The same response with a different JSON body; length and checksum follow it. */
export function withBody(response: DynamoResponse, body: JsonObject): DynamoResponse {
  return jsonResponse(response.status, body, response.headers);
}

/**
 * A JSON response with the headers DynamoDB sends: request id and the CRC32 of the body,
 * which SDKs may verify.
 */
function jsonResponse(status: number, body: JsonObject, headers: Readonly<Record<string, string>> = {}): DynamoResponse {
  const bytes = Buffer.from(JSON.stringify(body));
  return {
    status,
    headers: {
      "x-amzn-requestid": randomBytes(39).toString("base64").toUpperCase().replace(/[+/]/g, "0"),
      "content-type": "application/x-amz-json-1.0",
      ...lowerCaseKeys(headers),
      "x-amz-crc32": String(crc32(bytes)),
      "content-length": String(bytes.length),
    },
    body: bytes,
  };
}

/** The short error name of a DynamoDB error response (`ConditionalCheckFailedException`). */
export function errorType(response: DynamoResponse): string | undefined {
  if (response.status < 400) return undefined;
  const type = responseInput(response)?.["__type"];
  return typeof type === "string" ? type.slice(type.lastIndexOf("#") + 1) : undefined;
}

/**
 * What DynamoDB answers when a table's provisioned throughput is exhausted: HTTP 400 with
 * this error type, which the AWS SDKs classify as a throttling error and retry with backoff.
 */
export function provisionedThroughputExceeded(): DynamoResponse {
  return jsonResponse(400, {
    __type: `${errorPrefix}ProvisionedThroughputExceededException`,
    message:
      "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.",
  });
}

/** DynamoDB's own failure: HTTP 500, which the AWS SDKs retry as a transient server error. */
export function internalServerError(message: string): DynamoResponse {
  return jsonResponse(500, { __type: `${errorPrefix}InternalServerError`, message });
}

function parseObject(body: Buffer): JsonObject | undefined {
  if (body.length === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(body.toString("utf8"));
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
