// What API Gateway (REST, Lambda proxy integration) answers the client when the invocation
// itself fails, as opposed to the handler answering with an error status.
import { LambdaThrottledError, LambdaTimeoutError } from "../lambda/runtime";

export interface GatewayAnswer {
  readonly status: number;
  readonly message: string;
}

export function integrationFailure(err: unknown): GatewayAnswer {
  // Lambda refuses a throttled invocation with 429 TooManyRequestsException, but API Gateway
  // does not pass it on: "If the Lambda API rejects the invocation request, API Gateway returns
  // a 500 error code … the body … is {"message": "Internal server error"}" (AWS Lambda Developer
  // Guide, "Handling Lambda errors with an API Gateway API", services-apigateway-errors.html).
  if (err instanceof LambdaThrottledError) return { status: 500, message: "Internal server error" };
  // A timeout answers 504 with the body of API Gateway's integration timeout, so clients and
  // retries can tell "took too long" from "broke". On AWS this answer comes when the 29 s
  // integration timeout passes first; a function timeout shorter than that reaches the client
  // as the 502 of a function error.
  if (err instanceof LambdaTimeoutError) return { status: 504, message: "Endpoint request timed out" };
  // The handler threw, its module did not load, or its environment crashed: a function error.
  return { status: 502, message: "Internal server error" };
}
