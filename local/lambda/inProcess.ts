// Runs the deployed handler module inside this process. The handler reads its table and
// DynamoDB endpoint from the environment, exactly as in Lambda, so both are set before the
// module loads; one process therefore serves one local store.
import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";
import type { FunctionSettings, LambdaRuntime } from "./runtime";

export interface InProcessOptions extends FunctionSettings {
  readonly tableName: string;
  readonly dynamoEndpoint: string;
}

export function lambdaEnvironment(options: InProcessOptions): Record<string, string> {
  return {
    EVENTS_TABLE: options.tableName,
    AWS_ENDPOINT_URL_DYNAMODB: options.dynamoEndpoint,
    AWS_REGION: process.env.AWS_REGION ?? "local",
    // The local store accepts any credentials; real ones are never needed or sent anywhere else.
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    AWS_LAMBDA_FUNCTION_NAME: options.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(options.memorySize),
    // Powertools reports cold starts only for on-demand environments.
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    // No X-Ray daemon runs locally.
    POWERTOOLS_TRACE_ENABLED: "false",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

let loadedFor: string | undefined;

export async function startInProcessRuntime(options: InProcessOptions): Promise<LambdaRuntime> {
  if (loadedFor && loadedFor !== options.dynamoEndpoint) {
    throw new Error(`the handler in this process already talks to ${loadedFor}; start one local stack per process`);
  }
  Object.assign(process.env, lambdaEnvironment(options));
  loadedFor = options.dynamoEndpoint;
  const { handler } = await import("../../handlers/proposeDestination.js");
  return {
    invoke: (event) => handler(event, lambdaContext(options)),
    close: async () => {},
  };
}

export function lambdaContext(options: FunctionSettings): Context {
  const deadline = Date.now() + options.timeout * 1000;
  const fail = (): never => {
    throw new Error("callbacks are not used by an async handler");
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: options.functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${options.functionName}`,
    memoryLimitInMB: String(options.memorySize),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: fail,
    fail,
    succeed: fail,
  };
}
