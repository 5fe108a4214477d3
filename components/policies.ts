// IAM policy documents of the function, built as plain data so tests can read them without
// parsing resource inputs, and serialised once where the component attaches them.

interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

export interface TrustPolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly {
    readonly Effect: "Allow";
    readonly Principal: { readonly Service: string };
    readonly Action: "sts:AssumeRole";
  }[];
}

/**
 * The DynamoDB actions the handler performs: an append is a conditional PutItem (several events
 * go in a transaction, which IAM authorises per item as PutItem); a retried proposal whose
 * condition failed is told from a conflict by reading its stream with Query.
 */
export const eventStoreActions = ["dynamodb:PutItem", "dynamodb:Query"] as const;

/** Log writes only: the log group is created by the component, never by the function. */
const logWriteActions = ["logs:CreateLogStream", "logs:PutLogEvents"] as const;

/** X-Ray segment upload; these actions support no resource-level permissions, hence "*". */
const traceWriteActions = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"] as const;

export function lambdaTrustPolicy(): TrustPolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
  };
}

export interface FunctionPolicyTargets {
  /** ARN of the events table. */
  readonly tableArn: string;
  /** ARN of the function's log group (without the trailing `:*`). */
  readonly logGroupArn: string;
  /** Whether the function sends traces to X-Ray. */
  readonly traces: boolean;
}

/** Least privilege for the function: append to this table, write to this log group, send traces if it traces. */
export function functionPolicy({ tableArn, logGroupArn, traces }: FunctionPolicyTargets): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "AppendEvents", Effect: "Allow", Action: eventStoreActions, Resource: tableArn },
      // Log streams are addressed as <log group ARN>:log-stream:<name>.
      { Sid: "WriteLogs", Effect: "Allow", Action: logWriteActions, Resource: `${logGroupArn}:*` },
      ...(traces ? [{ Sid: "WriteTraces", Effect: "Allow" as const, Action: traceWriteActions, Resource: "*" }] : []),
    ],
  };
}
