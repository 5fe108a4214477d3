// Metric namespaces, names, units and dimensions: the handler (EMF), the metric filters, the
// dashboards, the alarms and the local stack all import them from here.
import { projectName, stackMetricNamespace } from "./names";

/** Powertools service name: the `service` dimension of the handler's metrics. */
export const serviceName = projectName;
/** Prefix of the project's own metric namespaces. */
export const projectNamespace = projectName;

/**
 * Namespace of one stack's own metrics, from the handler's EMF and from the platform.report
 * metric filters alike: stacks sharing an account stay apart, and metric filters cannot add a
 * function dimension (a filter's dimensions come only from fields of the log line).
 */
export function stackNamespace(stack: string): string {
  return stackMetricNamespace(projectNamespace, stack);
}

export const awsNamespaces = {
  apiGateway: "AWS/ApiGateway",
  lambda: "AWS/Lambda",
  dynamoDb: "AWS/DynamoDB",
} as const;

/** Metrics the handler emits through Powertools Metrics (EMF). */
export const handlerMetrics = {
  proposalsAccepted: { name: "ProposalsAccepted", unit: "Count" },
  proposalsRejected: { name: "ProposalsRejected", unit: "Count" },
  idempotentReplays: { name: "IdempotentReplays", unit: "Count" },
  eventStoreConflicts: { name: "EventStoreConflicts", unit: "Count" },
  consumedWriteCapacity: { name: "ConsumedWriteCapacity", unit: "Count" },
  /** Emitted by Powertools itself on the first invocation of an execution environment. */
  coldStart: { name: "ColdStart", unit: "Count" },
} as const;

/** Dimension names of the project's metrics. */
export const dimensions = {
  service: "service",
  /** Bounded reason class of a rejected proposal; values in rejectionReasons. */
  reason: "reason",
  functionName: "FunctionName",
  /** Added by Powertools to its ColdStart metric (next to service), valued with the function name. */
  coldStartFunctionName: "function_name",
} as const;

/** The only values of the reason dimension, so its cardinality stays bounded. */
export const rejectionReasons = [
  "validation",
  "malformed",
  "mediaType",
  "tooLarge",
  "conflict",
  "forbidden",
  "method",
  "notFound",
  "unavailable",
  "internal",
] as const;
export type RejectionReason = (typeof rejectionReasons)[number];

/** Metrics derived from Lambda's JSON `platform.report` records by metric filters. */
export const reportMetrics = {
  duration: { name: "Duration", unit: "Milliseconds", field: "durationMs" },
  billedDuration: { name: "BilledDuration", unit: "Milliseconds", field: "billedDurationMs" },
  initDuration: { name: "InitDuration", unit: "Milliseconds", field: "initDurationMs" },
  maxMemoryUsed: { name: "MaxMemoryUsed", unit: "Megabytes", field: "maxMemoryUsedMB" },
  memorySize: { name: "MemorySize", unit: "Megabytes", field: "memorySizeMB" },
} as const;
