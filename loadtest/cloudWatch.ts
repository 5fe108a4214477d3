// Against a deployed stack the store cannot be watched directly, so the run reads what
// CloudWatch recorded for its window: consumed capacity and throttle events of the table,
// Lambda's Duration and the BilledDuration metric-filter metric. CloudWatch publishes these
// per minute, a minute or more after the fact.
import { type CloudWatchClient, GetMetricDataCommand, type MetricDataQuery, type MetricDataResult } from "@aws-sdk/client-cloudwatch";
import { awsNamespaces, reportMetrics, stackNamespace } from "../config/metrics";
import { awsDimensions, dynamoDbMetrics, lambdaMetrics } from "../dashboards/awsMetrics";

export interface DeployedStack {
  /** Pulumi stack name (the BilledDuration namespace includes it). */
  readonly stack: string;
  readonly tableName: string;
  readonly functionName: string;
}

/** A deployed stack to read, and how long to wait for the run's last datapoints. */
export interface CloudWatchRead extends DeployedStack {
  readonly waitSeconds: number;
}

export interface CloudWatchMeasurement {
  readonly source: "CloudWatch";
  readonly window: { readonly start: string; readonly end: string };
  readonly consumedWriteUnits: number;
  readonly consumedReadUnits: number;
  readonly writeThrottleEvents: number;
  readonly readThrottleEvents: number;
  /** Highest per-minute p95 in the window; undefined without datapoints. */
  readonly lambdaDurationP95Ms: number | undefined;
  /** Mean of the per-minute averages in the window; undefined without datapoints. */
  readonly lambdaDurationAverageMs: number | undefined;
  readonly billedDurationAverageMs: number | undefined;
}

const periodSeconds = 60;
/** How often a run asks again while CloudWatch has not caught up. */
const pollIntervalMs = 20_000;

type QueryId = "consumedWrite" | "consumedRead" | "writeThrottles" | "readThrottles" | "durationP95" | "durationAverage" | "billedAverage";

/** Whole minutes covering [start, end], as CloudWatch aggregates them. */
export function minuteWindow(start: Date, end: Date): { readonly start: Date; readonly end: Date } {
  const minute = periodSeconds * 1000;
  return { start: new Date(Math.floor(start.getTime() / minute) * minute), end: new Date(Math.ceil(end.getTime() / minute) * minute) };
}

export function metricQueries(target: DeployedStack): readonly MetricDataQuery[] {
  const table = [{ Name: awsDimensions.tableName, Value: target.tableName }];
  const fn = [{ Name: awsDimensions.functionName, Value: target.functionName }];
  const query = (
    id: QueryId,
    namespace: string,
    metricName: string,
    dimensions: { Name: string; Value: string }[],
    stat: string,
  ): MetricDataQuery => ({
    Id: id,
    MetricStat: { Metric: { Namespace: namespace, MetricName: metricName, Dimensions: dimensions }, Period: periodSeconds, Stat: stat },
    ReturnData: true,
  });
  return [
    query("consumedWrite", awsNamespaces.dynamoDb, dynamoDbMetrics.consumedWriteCapacity, table, "Sum"),
    query("consumedRead", awsNamespaces.dynamoDb, dynamoDbMetrics.consumedReadCapacity, table, "Sum"),
    query("writeThrottles", awsNamespaces.dynamoDb, dynamoDbMetrics.writeThrottleEvents, table, "Sum"),
    query("readThrottles", awsNamespaces.dynamoDb, dynamoDbMetrics.readThrottleEvents, table, "Sum"),
    query("durationP95", awsNamespaces.lambda, lambdaMetrics.duration, fn, "p95"),
    query("durationAverage", awsNamespaces.lambda, lambdaMetrics.duration, fn, "Average"),
    // The metric filters publish without dimensions, in the stack's own namespace.
    query("billedAverage", stackNamespace(target.stack), reportMetrics.billedDuration.name, [], "Average"),
  ];
}

/** Folds GetMetricData results into the measurement (sums add up, percentiles take the worst minute). */
export function measurementFrom(results: readonly MetricDataResult[], window: { start: Date; end: Date }): CloudWatchMeasurement {
  const values = (id: QueryId): readonly number[] => results.filter((r) => r.Id === id).flatMap((r) => r.Values ?? []);
  const sum = (id: QueryId): number => values(id).reduce((a, b) => a + b, 0);
  const max = (id: QueryId): number | undefined => (values(id).length > 0 ? Math.max(...values(id)) : undefined);
  const mean = (id: QueryId): number | undefined => (values(id).length > 0 ? sum(id) / values(id).length : undefined);
  return {
    source: "CloudWatch",
    window: { start: window.start.toISOString(), end: window.end.toISOString() },
    consumedWriteUnits: sum("consumedWrite"),
    consumedReadUnits: sum("consumedRead"),
    writeThrottleEvents: sum("writeThrottles"),
    readThrottleEvents: sum("readThrottles"),
    lambdaDurationP95Ms: max("durationP95"),
    lambdaDurationAverageMs: mean("durationAverage"),
    billedDurationAverageMs: mean("billedAverage"),
  };
}

/**
 * Reads the run's window, polling until the last minute has datapoints or the target's
 * `waitSeconds` pass (CloudWatch lags the traffic it counts).
 */
export async function readCloudWatch(
  client: CloudWatchClient,
  target: CloudWatchRead,
  runStart: Date,
  runEnd: Date,
): Promise<CloudWatchMeasurement> {
  const window = minuteWindow(runStart, runEnd);
  const giveUpAt = Date.now() + target.waitSeconds * 1000;
  for (;;) {
    const results: MetricDataResult[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new GetMetricDataCommand({
          MetricDataQueries: [...metricQueries(target)],
          StartTime: window.start,
          EndTime: window.end,
          NextToken: nextToken,
        }),
      );
      results.push(...(page.MetricDataResults ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
    const lastMinute = window.end.getTime() - periodSeconds * 1000;
    const complete = results.some((r) => r.Id === "consumedWrite" && (r.Timestamps ?? []).some((t) => t.getTime() >= lastMinute));
    if (complete || Date.now() >= giveUpAt) return measurementFrom(results, window);
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollIntervalMs, giveUpAt - Date.now())));
  }
}
