// Builds the API Gateway REST (v1) Lambda proxy event for an HTTP request, the way the
// deployed stage does, and turns the handler's result back into an HTTP response.
import type { IncomingMessage } from "node:http";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { localAccount } from "../awsIdentity";

/**
 * The request as API Gateway's REST proxy integration hands it to the function. The body is
 * text whatever its type, as the deployed API declares no binary media types. `url` is the
 * request's, parsed once by the server; `receivedAt` (epoch ms) is when it arrived, before its
 * body was read: API Gateway's requestTimeEpoch.
 */
export function toProxyEvent(req: IncomingMessage, url: URL, body: Buffer, stage: string, requestId: string, receivedAt: number): APIGatewayProxyEvent {
  const path = url.pathname;
  const resource = path;
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    const value = req.rawHeaders[i + 1]!;
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) {
    query[k] = v;
    (multiQuery[k] ??= []).push(v);
  }
  const hasQuery = Object.keys(query).length > 0;
  const sourceIp = (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
  const userAgent = req.headers["user-agent"] ?? null;
  const method = req.method ?? "GET";
  return {
    resource,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    pathParameters: null,
    stageVariables: null,
    body: body.length === 0 ? null : body.toString("utf8"),
    isBase64Encoded: false,
    requestContext: {
      accountId: localAccount,
      apiId: "local",
      authorizer: null,
      protocol: `HTTP/${req.httpVersion}`,
      httpMethod: method,
      path: `/${stage}${path}`,
      stage: stage,
      requestId,
      requestTimeEpoch: receivedAt,
      resourceId: "local",
      resourcePath: resource,
      identity: callerIdentity(sourceIp, userAgent),
    },
  };
}

/** The caller as API Gateway describes it; fields of other kinds of callers stay null. */
export function callerIdentity(sourceIp: string, userAgent: string | null): APIGatewayProxyEvent["requestContext"]["identity"] {
  return {
    accessKey: null,
    accountId: null,
    apiKey: null,
    apiKeyId: null,
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
