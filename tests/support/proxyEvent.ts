// A REST proxy event as API Gateway builds it from a client's request, for tests that hand an
// event to the function directly: arbitrary input, or a request the gateway would not route.
import type { APIGatewayProxyEvent } from "aws-lambda";
import { callerIdentity } from "../../local/api/proxyEvent";
import { localAccount } from "../../local/awsIdentity";

/** The client-controlled parts of a request. */
export interface ClientRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | null>> | null;
  readonly body: string | null;
  readonly isBase64Encoded: boolean;
}

/** The REST proxy event API Gateway would build for the request. */
export function proxyEvent(req: ClientRequest, requestId: string): APIGatewayProxyEvent {
  const userAgent = req.headers?.["User-Agent"] ?? null;
  return {
    resource: req.path,
    path: req.path,
    httpMethod: req.method,
    headers: req.headers as APIGatewayProxyEvent["headers"],
    multiValueHeaders: req.headers ? Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, v === null ? undefined : [v]])) : {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: req.body,
    isBase64Encoded: req.isBase64Encoded,
    requestContext: {
      accountId: localAccount,
      apiId: "fuzz",
      authorizer: null,
      protocol: "HTTP/1.1",
      httpMethod: req.method,
      path: `/v1${req.path}`,
      stage: "v1",
      requestId,
      requestTimeEpoch: Date.now(),
      resourceId: "fuzz",
      resourcePath: req.path,
      identity: callerIdentity("198.51.100.7", userAgent),
    },
  };
}
