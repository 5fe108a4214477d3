// The instrumented function: its log group (created first, so retention applies from the first
// line), an execution role with a least-privilege inline policy, and the function itself.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { functionVariables, type FunctionVariables } from "../config/functionEnvironment";
import { functionLogGroupName } from "../config/names";
import { functionPolicy, lambdaTrustPolicy } from "./policies";

export interface HandlerFunctionArgs extends Omit<FunctionVariables<string>, "tableName"> {
  /** Physical function name; the log group is /aws/lambda/<name>. */
  readonly name: string;
  /** Deployment package. */
  readonly code: pulumi.Input<pulumi.asset.Archive>;
  /** `<module>.<export>` the runtime invokes. */
  readonly handler: string;
  /** Lambda runtime identifier, e.g. nodejs24.x. */
  readonly runtime: string;
  /** arm64 or x86_64. */
  readonly architecture: string;
  /** Memory in MB; CPU scales with it. */
  readonly memorySize: number;
  /** Timeout in seconds. */
  readonly timeout: number;
  /** Reserved concurrent executions; -1 reserves none. */
  readonly reservedConcurrency: number;
  /** Retention of the function's log group, in days. */
  readonly logRetentionDays: number;
}

export interface HandlerFunction {
  readonly fn: aws.lambda.Function;
  readonly logGroup: aws.cloudwatch.LogGroup;
  readonly role: aws.iam.Role;
}

export function createHandlerFunction(
  prefix: string,
  args: HandlerFunctionArgs,
  table: aws.dynamodb.Table,
  parent: pulumi.Resource,
): HandlerFunction {
  const opts = { parent };
  const logGroup = new aws.cloudwatch.LogGroup(
    `${prefix}-logs`,
    { name: functionLogGroupName(args.name), retentionInDays: args.logRetentionDays },
    opts,
  );
  const role = new aws.iam.Role(`${prefix}-role`, { assumeRolePolicy: JSON.stringify(lambdaTrustPolicy()) }, opts);
  const policy = new aws.iam.RolePolicy(
    `${prefix}-policy`,
    {
      role: role.id,
      policy: pulumi
        .all([table.arn, logGroup.arn])
        .apply(([tableArn, logGroupArn]) => JSON.stringify(functionPolicy({ tableArn, logGroupArn, traces: args.tracing === "active" }))),
    },
    opts,
  );
  const fn = new aws.lambda.Function(
    `${prefix}-function`,
    {
      name: args.name,
      code: args.code,
      handler: args.handler,
      runtime: args.runtime,
      architectures: [args.architecture],
      memorySize: args.memorySize,
      timeout: args.timeout,
      reservedConcurrentExecutions: args.reservedConcurrency,
      role: role.arn,
      environment: {
        variables: functionVariables({ ...args, tableName: table.name }),
      },
      // JSON logs make the platform.report records machine-readable for the metric filters.
      loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
      // PassThrough is Lambda's default: the function traces nothing of its own.
      tracingConfig: { mode: args.tracing === "active" ? "Active" : "PassThrough" },
    },
    // The policy must be in place before the first invocation tries to log or write.
    { parent, dependsOn: [logGroup, policy] },
  );
  return { fn, logGroup, role };
}
