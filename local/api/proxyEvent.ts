// Builds the API Gateway REST (v1) Lambda proxy event for an HTTP request, the way the
// deployed stage does, and turns the handler's result back into an HTTP response.
import type { IncomingMessage } from "node:http";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { localAccount } from "../awsIdentity";

/** A header as sent; null is a name with no value, as a hand-made JSON event may carry. */
type HeaderPair = readonly [name: string, value: string | null];
type QueryPair = readonly [name: string, value: string];

/** What the API established about an authorised caller before invoking the function. */
export interface AuthorisedCaller {
  /** The Cognito authoriser's ID-token claims, every one a string. */
  readonly claims: Readonly<Record<string, string>>;
  /** The API key the method required, and its id. */
  readonly apiKey?: { readonly key: string; readonly id: string };
}

/** A request as it reaches the stage, and what the gateway knows about it. */
export interface GatewayRequest {
  /** Also the resource id: the API has one resource. */
  readonly apiId: string;
  readonly stage: string;
  readonly requestId: string;
  /** Epoch ms when the request arrived, before its body was read. */
  readonly requestTimeEpoch: number;
  /** As "HTTP/1.1". */
  readonly protocol: string;
  readonly sourceIp: string;
  readonly method: string;
  readonly path: string;
  /** In arrival order; null for an event with no header map at all. */
  readonly headers: readonly HeaderPair[] | null;
  readonly query: readonly QueryPair[];
  readonly body: string | null;
  readonly isBase64Encoded: boolean;
  readonly caller?: AuthorisedCaller;
}

/**
 * The REST proxy event API Gateway hands the function. A repeated header or query name keeps
 * its last value in the single-value map and every value in the multi-value one; the
 * identity's user agent is the first User-Agent header, whatever its case.
 */
export function restProxyEvent(req: GatewayRequest): APIGatewayProxyEvent {
  const headers = dataRecord<string | null>();
  const multiValueHeaders = dataRecord<string[] | undefined>();
  let userAgent: string | null | undefined;
  for (const [name, value] of req.headers ?? []) {
    headers[name] = value;
    if (value !== null) (multiValueHeaders[name] ??= []).push(value);
    else if (!(name in multiValueHeaders)) multiValueHeaders[name] = undefined;
    if (userAgent === undefined && name.toLowerCase() === "user-agent") userAgent = value;
  }
  const query = dataRecord<string>();
  const multiQuery = dataRecord<string[]>();
  for (const [name, value] of req.query) {
    query[name] = value;
    (multiQuery[name] ??= []).push(value);
  }
  const hasQuery = req.query.length > 0;
  return {
    resource: req.path,
    path: req.path,
    httpMethod: req.method,
    // A null value, or no map at all, is outside the declared type but inside what a JSON
    // event can hold; the function has to cope with both.
    headers: (req.headers === null ? null : headers) as APIGatewayProxyEvent["headers"],
    multiValueHeaders,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    pathParameters: null,
    stageVariables: null,
    body: req.body,
    isBase64Encoded: req.isBase64Encoded,
    requestContext: {
      accountId: localAccount,
      apiId: req.apiId,
      authorizer: req.caller ? { claims: req.caller.claims } : null,
      protocol: req.protocol,
      httpMethod: req.method,
      path: `/${req.stage}${req.path}`,
      stage: req.stage,
      requestId: req.requestId,
      requestTimeEpoch: req.requestTimeEpoch,
      resourceId: req.apiId,
      resourcePath: req.path,
      identity: callerIdentity(req.sourceIp, userAgent ?? null, req.caller?.apiKey),
    },
  };
}

/** A record with no prototype: a name such as "__proto__" or "constructor" is data, as in the parsed JSON event. */
function dataRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * The request a Node server received, as API Gateway's REST proxy integration hands it to the
 * function. The body is text whatever its type, as the deployed API declares no binary media
 * types. `url` is the request's, parsed once by the server; `receivedAt` (epoch ms) is when it
 * arrived, before its body was read: API Gateway's requestTimeEpoch.
 */
export function toProxyEvent(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  stage: string,
  requestId: string,
  receivedAt: number,
  caller?: AuthorisedCaller,
): APIGatewayProxyEvent {
  const headers: HeaderPair[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
  return restProxyEvent({
    apiId: "local",
    stage,
    requestId,
    requestTimeEpoch: receivedAt,
    protocol: `HTTP/${req.httpVersion}`,
    sourceIp: (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, ""),
    method: req.method ?? "GET",
    path: url.pathname,
    headers,
    query: [...url.searchParams],
    body: body.length === 0 ? null : body.toString("utf8"),
    isBase64Encoded: false,
    caller,
  });
}

/** The caller as API Gateway describes it; fields of other kinds of callers stay null. */
function callerIdentity(
  sourceIp: string,
  userAgent: string | null,
  apiKey: AuthorisedCaller["apiKey"],
): APIGatewayProxyEvent["requestContext"]["identity"] {
  return {
    accessKey: null,
    accountId: null,
    apiKey: apiKey?.key ?? null,
    apiKeyId: apiKey?.id ?? null,
    caller: null,
    clientCert: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp,
    user: null,
    userAgent,
    userArn: null,
  };
}

export interface HttpReply {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

export function fromProxyResult(result: APIGatewayProxyResult, requestId: string): HttpReply {
  const headers: Record<string, string | string[]> = { "x-amzn-RequestId": requestId };
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
  for (const [k, v] of Object.entries(result.multiValueHeaders ?? {})) headers[k] = v.map(String);
  const body = Buffer.from(result.body ?? "", result.isBase64Encoded ? "base64" : "utf8");
  return { statusCode: result.statusCode, headers, body };
}
