// What to measure: every metric the dashboard charts and the alarms watch, with its statistic
// and label, built once per stack. Layout (dashboardBody.ts) and alarms (alarms.ts) pick from
// here, so an alarm and its chart cannot drift apart.
import { awsNamespaces, dimensions, handlerMetrics, rejectionReasons, reportMetrics, stackNamespace } from "../config/metrics";
import { apiGatewayMetrics, appendOperation, awsDimensions, dynamoDbMetrics, lambdaMetrics } from "./awsMetrics";
import type { ObservedStack } from "./observedStack";
import { costPerMillionRequestsUsd, gbSeconds, metricMath } from "../aws/prices";
import { math, metric, zeroFilled, type MetricQuery, type Statistic } from "./queries";
import { preflightMethod } from "../handlers/http/cors";
import { resourcePath } from "../handlers/http/routes";

export function stackMetrics<N>(target: ObservedStack<N>) {
  const { names } = target;
  const api = { [awsDimensions.apiName]: names.restApiName, [awsDimensions.stage]: names.stageName };
  const fn = { [awsDimensions.functionName]: names.functionName };
  const table = { [awsDimensions.tableName]: names.tableName };
  const append = { ...table, [awsDimensions.operation]: appendOperation };
  const service = { [dimensions.service]: names.serviceName };
  const own = stackNamespace(target.stack);
  const { memorySize, architecture } = target.settings;

  const apiMetric = (id: string, name: string, stat: Statistic, label: string) =>
    metric<N>(id, awsNamespaces.apiGateway, name, api, stat, label);
  const lambda = (id: string, name: string, stat: Statistic, label: string) => metric<N>(id, awsNamespaces.lambda, name, fn, stat, label);
  const dynamo = (id: string, name: string, dims: Readonly<Record<string, N | string>>, stat: Statistic, label: string) =>
    metric<N>(id, awsNamespaces.dynamoDb, name, dims, stat, label);
  const fromReport = (id: string, name: string, stat: Statistic, label: string) => metric<N>(id, own, name, {}, stat, label);
  const handler = (id: string, name: string, stat: Statistic, label: string) => metric<N>(id, own, name, service, stat, label);

  // API Gateway counts a browser's preflight (OPTIONS) as a request like any other; its per-method
  // count tells the two apart. Published only once a preflight has come, so read filled with 0.
  const preflights = zeroFilled(
    metric<N>(
      "preflights",
      awsNamespaces.apiGateway,
      apiGatewayMetrics.count,
      { ...api, [awsDimensions.method]: preflightMethod, [awsDimensions.resource]: resourcePath },
      "Sum",
      "Preflights (not editors' traffic)",
    ),
  );

  return {
    api: {
      requests: apiMetric("requests", apiGatewayMetrics.count, "Sum", "Requests"),
      preflights,
      editorRequests: math("editorRequests", `requests - ${preflights[1].id}`, "Editors' requests (all but preflights)"),
      clientErrors: apiMetric("errors4xx", apiGatewayMetrics.clientErrors, "Sum", "4XX"),
      serverErrors: apiMetric("errors5xx", apiGatewayMetrics.serverErrors, "Sum", "5XX"),
      latency: (stat: Statistic) => apiMetric(`latency${stat}`, apiGatewayMetrics.latency, stat, `Latency ${stat}`),
      integrationLatency: (stat: Statistic) =>
        apiMetric(`integration${stat}`, apiGatewayMetrics.integrationLatency, stat, `IntegrationLatency ${stat}`),
      clientErrorRate: math("rate4xx", "100 * errors4xx / requests", "4XX rate (%)"),
      serverErrorRate: math("rate5xx", "100 * errors5xx / requests", "5XX rate (%)"),
    },
    lambda: {
      invocations: lambda("invocations", lambdaMetrics.invocations, "Sum", "Invocations"),
      errors: lambda("errors", lambdaMetrics.errors, "Sum", "Errors"),
      throttles: lambda("throttles", lambdaMetrics.throttles, "Sum", "Throttles"),
      concurrentExecutions: lambda("concurrency", lambdaMetrics.concurrentExecutions, "Maximum", "Concurrent executions (max)"),
      durationP90: lambda("durationP90", lambdaMetrics.duration, "p90", "Duration p90"),
      coldStarts: metric<N>(
        "coldStarts",
        own,
        handlerMetrics.coldStart.name,
        { ...service, [dimensions.coldStartFunctionName]: names.functionName },
        "Sum",
        "Cold starts",
      ),
    },
    report: {
      duration: (stat: Statistic) => fromReport(`duration${stat}`, reportMetrics.duration.name, stat, `Duration ${stat}`),
      billedDuration: (stat: Statistic) => fromReport(`billed${stat}`, reportMetrics.billedDuration.name, stat, `Billed duration ${stat}`),
      initDuration: (stat: Statistic) => fromReport(`init${stat}`, reportMetrics.initDuration.name, stat, `Init duration ${stat}`),
      maxMemoryUsed: fromReport("maxMemoryUsed", reportMetrics.maxMemoryUsed.name, "Maximum", "Max memory used"),
      memorySize: fromReport("memorySize", reportMetrics.memorySize.name, "Maximum", "Memory size"),
      billedOverhead: math("billedOverhead", "billedAverage - durationAverage", "Billed − duration (avg ms)"),
      gbSeconds: math("gbSeconds", gbSeconds(metricMath, "billedSum", memorySize), `GB-seconds at ${memorySize} MB`),
      costPerMillion: math(
        "costPerMillion",
        costPerMillionRequestsUsd(metricMath, "billedAverage", memorySize, architecture),
        "USD per million requests",
      ),
      memoryUtilization: math("memoryPct", "100 * maxMemoryUsed / memorySize", "Memory utilisation (%)"),
    },
    dynamo: {
      consumedWrite: dynamo("wcuConsumed", dynamoDbMetrics.consumedWriteCapacity, table, "Sum", "Consumed WCU (sum)"),
      provisionedWrite: dynamo("wcuProvisioned", dynamoDbMetrics.provisionedWriteCapacity, table, "Maximum", "Provisioned WCU"),
      consumedRead: dynamo("rcuConsumed", dynamoDbMetrics.consumedReadCapacity, table, "Sum", "Consumed RCU (sum)"),
      provisionedRead: dynamo("rcuProvisioned", dynamoDbMetrics.provisionedReadCapacity, table, "Maximum", "Provisioned RCU"),
      readThrottleEvents: dynamo("readThrottles", dynamoDbMetrics.readThrottleEvents, table, "Sum", "ReadThrottleEvents"),
      writeThrottleEvents: dynamo("writeThrottles", dynamoDbMetrics.writeThrottleEvents, table, "Sum", "WriteThrottleEvents"),
      throttledRequests: dynamo("throttledPuts", dynamoDbMetrics.throttledRequests, append, "Sum", "ThrottledRequests (PutItem)"),
      systemErrors: dynamo("systemErrors", dynamoDbMetrics.systemErrors, append, "Sum", "SystemErrors (PutItem)"),
      // UserErrors exists only per account and region: it has no table dimension.
      userErrors: dynamo("userErrors", dynamoDbMetrics.userErrors, {}, "Sum", "UserErrors (account, region)"),
      conditionalCheckFailed: dynamo(
        "conditionFailed",
        dynamoDbMetrics.conditionalCheckFailed,
        table,
        "Sum",
        "ConditionalCheckFailedRequests",
      ),
      putLatencyP99: dynamo("putLatencyP99", dynamoDbMetrics.successfulRequestLatency, append, "p99", "PutItem latency p99"),
      // Consumed units are summed per period; provisioned units are per second.
      writePerSecond: math("wcuPerSecond", "wcuConsumed / PERIOD(wcuConsumed)", "Consumed WCU per second"),
      readPerSecond: math("rcuPerSecond", "rcuConsumed / PERIOD(rcuConsumed)", "Consumed RCU per second"),
      writeUtilization: math("wcuPct", "100 * (wcuConsumed / PERIOD(wcuConsumed)) / wcuProvisioned", "Write capacity used (%)"),
      readUtilization: math("rcuPct", "100 * (rcuConsumed / PERIOD(rcuConsumed)) / rcuProvisioned", "Read capacity used (%)"),
    },
    business: {
      accepted: handler("accepted", handlerMetrics.proposalsAccepted.name, "Sum", "Accepted"),
      rejected: rejectionReasons.map(
        (reason): MetricQuery<N> =>
          metric<N>(
            `rejected_${reason}`,
            own,
            handlerMetrics.proposalsRejected.name,
            { ...service, [dimensions.reason]: reason },
            "Sum",
            `Rejected: ${reason}`,
          ),
      ),
      idempotentReplays: handler("replays", handlerMetrics.idempotentReplays.name, "Sum", "Idempotent replays"),
      eventStoreConflicts: handler("conflicts", handlerMetrics.eventStoreConflicts.name, "Sum", "Event store conflicts"),
      consumedWritePerRequest: handler(
        "wcuPerRequest",
        handlerMetrics.consumedWriteCapacity.name,
        "Average",
        "Consumed WCU per request (avg)",
      ),
    },
  };
}
