// Names of the AWS-published metrics and dimensions the dashboard and alarms use, as AWS spells
// them (CloudWatch metrics references of API Gateway, Lambda and DynamoDB).

export const apiGatewayMetrics = {
  count: "Count",
  clientErrors: "4XXError",
  serverErrors: "5XXError",
  latency: "Latency",
  integrationLatency: "IntegrationLatency",
} as const;

export const lambdaMetrics = {
  invocations: "Invocations",
  errors: "Errors",
  throttles: "Throttles",
  concurrentExecutions: "ConcurrentExecutions",
  duration: "Duration",
} as const;

export const dynamoDbMetrics = {
  consumedReadCapacity: "ConsumedReadCapacityUnits",
  consumedWriteCapacity: "ConsumedWriteCapacityUnits",
  provisionedReadCapacity: "ProvisionedReadCapacityUnits",
  provisionedWriteCapacity: "ProvisionedWriteCapacityUnits",
  readThrottleEvents: "ReadThrottleEvents",
  writeThrottleEvents: "WriteThrottleEvents",
  throttledRequests: "ThrottledRequests",
  systemErrors: "SystemErrors",
  userErrors: "UserErrors",
  conditionalCheckFailed: "ConditionalCheckFailedRequests",
  successfulRequestLatency: "SuccessfulRequestLatency",
} as const;

export const awsDimensions = {
  apiName: "ApiName",
  stage: "Stage",
  /** With Resource: API Gateway's per-method metrics, published when the stage's detailed metrics are on. */
  method: "Method",
  resource: "Resource",
  functionName: "FunctionName",
  tableName: "TableName",
  operation: "Operation",
} as const;

/** The one DynamoDB operation the handler performs (an append is a conditional PutItem). */
export const appendOperation = "PutItem";
