// A REST proxy event as API Gateway builds it from a client's request, for tests that hand an
// event to the function directly: arbitrary input, or a request the gateway would not route.
import type { APIGatewayProxyEvent } from "aws-lambda";
import { restProxyEvent } from "../../local/api/proxyEvent";

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
  return restProxyEvent({
    apiId: "fuzz",
    stage: "v1",
    requestId,
    requestTimeEpoch: Date.now(),
    protocol: "HTTP/1.1",
    sourceIp: "198.51.100.7",
    method: req.method,
    path: req.path,
    headers: req.headers === null ? null : Object.entries(req.headers),
    query: [],
    body: req.body,
    isBase64Encoded: req.isBase64Encoded,
  });
}
