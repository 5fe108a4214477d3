// IAM actions that support no resource-level permissions: "*" is the only resource a statement
// granting them can name (Service Authorization Reference, "Resource types" column empty).
export const actionsWithoutResourceTypes: readonly string[] = [
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
  "xray:GetSamplingRules",
  "xray:GetSamplingTargets",
  "cloudwatch:PutMetricData",
];
