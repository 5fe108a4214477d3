// What the handler sees of Lambda: the environment variables of its execution environment and
// the context object of each invocation.
import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";
import type { FunctionSettings } from "./runtime";
import { functionVariables } from "../../config/functionEnvironment";
import { serviceName, stackNamespace } from "../../config/metrics";
import { eventsTableName, functionLogGroupName, proposeFunctionName, type StackIdentity } from "../../config/names";
import type { Settings } from "../../config/settings";
import { localAccount, localCredentials, localRegion } from "../awsIdentity";

export interface FunctionEnvironmentOptions extends FunctionSettings {
  readonly tableName: string;
  readonly dynamoEndpoint: string;
  /** Powertools log level, as the deployed function sets it. */
  readonly logLevel: string;
  /** Powertools metrics namespace, as the deployed function sets it (the stack's namespace). */
  readonly metricsNamespace: string;
  /** Origins allowed to call from a browser, as the stack's corsOrigins setting; none when absent. */
  readonly corsOrigins?: string;
  /** Where an X-Ray daemon listens (host:port); tracing is off without one. */
  readonly xrayDaemonAddress?: string;
}

/** The function as a stack deploys it, from the stack's name and settings; where it connects is the caller's. */
export function stackFunction(
  target: StackIdentity,
  settings: Pick<Settings, "memorySize" | "timeout" | "logLevel" | "corsOrigins">,
): Omit<FunctionEnvironmentOptions, "dynamoEndpoint" | "xrayDaemonAddress"> {
  return {
    functionName: proposeFunctionName(target),
    tableName: eventsTableName(target),
    memorySize: settings.memorySize,
    timeout: settings.timeout,
    logLevel: settings.logLevel,
    metricsNamespace: stackNamespace(target.stack),
    corsOrigins: settings.corsOrigins,
  };
}

export function lambdaEnvironment(options: FunctionEnvironmentOptions): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_DYNAMODB: options.dynamoEndpoint,
    AWS_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_LAMBDA_FUNCTION_NAME: options.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(options.memorySize),
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    // Powertools reports cold starts only for on-demand environments.
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    ...functionVariables({
      tableName: options.tableName,
      serviceName,
      metricsNamespace: options.metricsNamespace,
      logLevel: options.logLevel,
      tracing: options.xrayDaemonAddress ? "active" : "off",
      corsOrigins: options.corsOrigins ?? "",
    }),
    ...(options.xrayDaemonAddress ? { AWS_XRAY_DAEMON_ADDRESS: options.xrayDaemonAddress } : {}),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

export interface InvocationContext {
  readonly requestId: string;
  /** Wall-clock deadline (ms since the epoch): start + timeout. */
  readonly deadline: number;
  readonly logStream: string;
}

/** The context of one invocation; without `invocation`, a fresh request starting now. */
export function lambdaContext(
  options: FunctionSettings,
  invocation: InvocationContext = { requestId: randomUUID(), deadline: Date.now() + options.timeout * 1000, logStream: "local" },
): Context {
  const fail = (): never => {
    throw new Error("callbacks are not used by an async handler");
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: options.functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${localRegion}:${localAccount}:function:${options.functionName}`,
    memoryLimitInMB: String(options.memorySize),
    awsRequestId: invocation.requestId,
    logGroupName: functionLogGroupName(options.functionName),
    logStreamName: invocation.logStream,
    getRemainingTimeInMillis: () => Math.max(0, invocation.deadline - Date.now()),
    done: fail,
    fail,
    succeed: fail,
  };
}
