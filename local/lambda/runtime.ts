// How the local API reaches the handler: the shape of a Lambda invocation, so an in-process
// runtime and a fuller emulation can stand behind the same adapter.
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";

export interface FunctionSettings {
  readonly functionName: string;
  readonly memorySize: number;
  /** Seconds, as Lambda's timeout is configured. */
  readonly timeout: number;
}

export interface LambdaRuntime {
  invoke(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult>;
  close(): Promise<void>;
}
