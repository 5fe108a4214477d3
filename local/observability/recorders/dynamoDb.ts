// AWS/DynamoDB metrics from the local store's request observations and its provisioned
// throughput, with the dimensions DynamoDB uses (DynamoDB developer guide, "DynamoDB Metrics
// and dimensions"): consumed units, throttle events and conditional-check failures per table;
// ThrottledRequests, SystemErrors and SuccessfulRequestLatency per table and operation;
// UserErrors per account and region only. Like DynamoDB, error and throttle metrics get a
// datapoint only when one happens.
import { awsNamespaces } from "../../../config/metrics";
import { awsDimensions, dynamoDbMetrics } from "../../../dashboards/awsMetrics";
import type { RequestObservation } from "../../dynamodb/front";
import type { CapacitySetting } from "../../dynamodb/throughput";
import type { MetricStore } from "../metricStore";

/** 400 answers DynamoDB counts under their own metrics rather than UserErrors. */
const notUserErrors = new Set([
  "ConditionalCheckFailedException",
  "ProvisionedThroughputExceededException",
  "TransactionConflictException",
]);

export function dynamoDbRecorder(store: MetricStore) {
  const put = (metricName: string, dimensions: Readonly<Record<string, string>>, unit: string, value: number) =>
    store.put({ namespace: awsNamespaces.dynamoDb, metricName, dimensions, unit, value });
  return (o: RequestObservation): void => {
    if (o.statusCode === 400 && !notUserErrors.has(o.errorType ?? "")) put(dynamoDbMetrics.userErrors, {}, "Count", 1);
    if (o.tableName === undefined || o.operation === "") return;
    const table = { [awsDimensions.tableName]: o.tableName };
    const operation = { ...table, [awsDimensions.operation]: o.operation };
    if (o.consumedReadUnits > 0) put(dynamoDbMetrics.consumedReadCapacity, table, "Count", o.consumedReadUnits);
    if (o.consumedWriteUnits > 0) put(dynamoDbMetrics.consumedWriteCapacity, table, "Count", o.consumedWriteUnits);
    if (o.throttled) {
      put(o.throttled === "write" ? dynamoDbMetrics.writeThrottleEvents : dynamoDbMetrics.readThrottleEvents, table, "Count", 1);
      put(dynamoDbMetrics.throttledRequests, operation, "Count", 1);
    }
    if (o.conditionalCheckFailed) put(dynamoDbMetrics.conditionalCheckFailed, table, "Count", 1);
    if (o.statusCode === undefined || o.statusCode >= 500) put(dynamoDbMetrics.systemErrors, operation, "Count", 1);
    else if (o.statusCode < 300) put(dynamoDbMetrics.successfulRequestLatency, operation, "Milliseconds", o.latencyMs);
  };
}

/**
 * Samples the table's provisioned units once in every period of the store's clock, stamped at the
 * period's start, until the returned stop is called. A timer set for each period boundary writes
 * every period begun since the last sample, so a late timer misses none and an early one writes
 * none twice. Nothing is written while capacity is unlimited.
 */
export function sampleProvisionedCapacity(store: MetricStore, tableName: string, capacity: () => CapacitySetting): () => void {
  const table = { [awsDimensions.tableName]: tableName };
  const put = (metricName: string, value: number, timestamp: number) =>
    store.put({ namespace: awsNamespaces.dynamoDb, metricName, dimensions: table, unit: "Count", value, timestamp });
  let due = store.periodStart(store.clock());
  let timer: NodeJS.Timeout;
  const sample = () => {
    const now = store.clock();
    for (; due <= now; due += store.periodMs) {
      const setting = capacity();
      if (setting === "unlimited") continue;
      put(dynamoDbMetrics.provisionedReadCapacity, setting.readCapacity, due);
      put(dynamoDbMetrics.provisionedWriteCapacity, setting.writeCapacity, due);
    }
    timer = setTimeout(sample, due - now);
    timer.unref();
  };
  sample();
  return () => clearTimeout(timer);
}
