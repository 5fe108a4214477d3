// Where things sit: the stack's dashboard, one row per concern, from alarm status at the top to
// the latest errors at the bottom. Pure: plain data in, the CloudWatch dashboard body out.
import { alarmDefinitions, serviceUnhealthyAlarm } from "./alarms";
import { concurrencyLimit } from "../config/settings";
import { stackMetrics } from "./metricFactory";
import type { ObservedStack } from "./observedStack";
import { runbookMarkdown } from "./runbook";
import { periodName, zeroFilled, type MetricQuery, type Query } from "./queries";
import { alarmStatus, graph, logQuery, stackRows, text, type DashboardBody } from "./widgets";

export interface DashboardInput {
  readonly target: ObservedStack<string>;
  readonly region: string;
  /** ARNs of every alarm of the stack, the composite included, for the alarm-status widget. */
  readonly alarmArns: readonly string[];
  /** Seconds each point covers, which count units name; as deployed (60) when absent. */
  readonly periodSeconds?: number;
}

const percentiles = ["p50", "p90", "p99"] as const;

/** How far back the dashboard looks when opened; the local metric store keeps as much. */
export const dashboardWindowHours = 3;

/** Latest errors: Powertools error logs and the runtime's own error records, newest first. */
function latestErrorsQuery(logGroupName: string): string {
  return [
    `SOURCE '${logGroupName}'`,
    "fields @timestamp, correlation_id, message, error.name, error.message, errorType, errorMessage",
    'filter level = "ERROR" or ispresent(errorType)',
    "sort @timestamp desc",
    "limit 50",
  ].join(" | ");
}

export function dashboardBody({ target, region, alarmArns, periodSeconds }: DashboardInput): DashboardBody {
  const m = stackMetrics(target);
  const s = target.settings;
  const alarms = alarmDefinitions(target, periodSeconds);
  const per = periodName(periodSeconds).short;
  const threshold = (key: string) => {
    const a = alarms.find((x) => x.key === key);
    if (!a) throw new Error(`no alarm ${key}`);
    return { label: `alarm: ${a.thresholdText}`, value: a.threshold };
  };
  const provisioned = s.billingMode === "PROVISIONED";
  const g = (options: Omit<Parameters<typeof graph>[0], "region">, width?: number) => graph({ region, ...options }, width);

  const top = {
    height: 8,
    widgets: [alarmStatus("Alarms", alarmArns, 10), text(runbookMarkdown(alarms, serviceUnhealthyAlarm(target, alarms)), 14)],
  };

  const api = {
    height: 6,
    widgets: [
      g({
        title: "API requests",
        queries: [m.api.requests, ...m.api.preflights, m.api.editorRequests],
        hidden: [m.api.requests.id, m.api.preflights[0].id],
        unit: `requests / ${per}`,
      }),
      g({ title: "API 4XX and 5XX", queries: [m.api.clientErrors, m.api.serverErrors], unit: `responses / ${per}` }),
      g({
        title: "API error rate",
        queries: [m.api.requests, m.api.clientErrors, m.api.serverErrors, m.api.clientErrorRate, m.api.serverErrorRate],
        hidden: [m.api.requests.id, m.api.clientErrors.id, m.api.serverErrors.id],
        unit: "% of requests",
        lines: [threshold("api-5xx-rate")],
      }),
      g({
        title: "Latency vs IntegrationLatency",
        queries: percentiles.flatMap((p) => [m.api.latency(p), m.api.integrationLatency(p)]),
        unit: "ms",
        lines: [threshold("api-latency-p90")],
      }),
    ],
  };

  const lambda = {
    height: 6,
    widgets: [
      g({
        title: "Invocations and errors",
        queries: [m.lambda.invocations, m.lambda.errors],
        unit: `per ${per}`,
        lines: [threshold("lambda-errors")],
      }),
      g({ title: "Throttles", queries: [m.lambda.throttles], unit: `per ${per}`, lines: [threshold("lambda-throttles")] }),
      g({
        title: "Concurrent executions",
        queries: [m.lambda.concurrentExecutions],
        unit: "executions",
        lines: [threshold("lambda-concurrency"), { label: "limit", value: concurrencyLimit(s) }],
      }),
      g({ title: "Cold starts", queries: [m.lambda.coldStarts], unit: `per ${per}` }),
    ],
  };

  const duration = {
    height: 6,
    widgets: [
      g({
        title: "Duration vs billed duration",
        queries: [m.report.duration("p50"), m.report.billedDuration("p50"), m.report.duration("p99"), m.report.billedDuration("p99")],
        unit: "ms",
      }),
      g({
        title: "Billed − duration, and init",
        queries: [
          m.report.billedDuration("Average"),
          m.report.duration("Average"),
          m.report.billedOverhead,
          m.report.initDuration("p50"),
          m.report.initDuration("p99"),
        ],
        hidden: [m.report.billedDuration("Average").id, m.report.duration("Average").id],
        unit: "ms",
      }),
      g({
        title: `GB-seconds and cost (${s.memorySize} MB, ${s.architecture})`,
        queries: [m.report.billedDuration("Sum"), m.report.billedDuration("Average"), m.report.gbSeconds, m.report.costPerMillion],
        hidden: [m.report.billedDuration("Sum").id, m.report.billedDuration("Average").id],
        unit: `GB-s / ${per}`,
        right: { ids: [m.report.costPerMillion.id], unit: "USD / million requests" },
      }),
      g({
        title: `Duration p90 vs ${s.timeout} s timeout`,
        queries: [m.lambda.durationP90],
        unit: "ms",
        lines: [threshold("lambda-duration-near-timeout"), { label: "timeout", value: s.timeout * 1000 }],
      }),
    ],
  };

  const memory = {
    height: 6,
    widgets: [
      g({ title: "Max memory used vs memory size", queries: [m.report.maxMemoryUsed, m.report.memorySize], unit: "MB" }),
      g({
        title: "Memory utilisation",
        queries: [m.report.maxMemoryUsed, m.report.memorySize, m.report.memoryUtilization],
        hidden: [m.report.maxMemoryUsed.id, m.report.memorySize.id],
        unit: "% of memory size",
        lines: [threshold("lambda-memory-utilization")],
      }),
    ],
  };

  const capacity = (unit: "WCU" | "RCU", consumed: MetricQuery, perSecond: Query, prov: MetricQuery) =>
    g({
      title: provisioned ? `${unit} consumed vs provisioned` : `${unit} consumed (on demand)`,
      queries: provisioned ? [consumed, perSecond, prov] : [consumed, perSecond],
      hidden: [consumed.id],
      unit: `${unit} / s`,
    });
  const dynamo = {
    height: 6,
    widgets: [
      capacity("WCU", m.dynamo.consumedWrite, m.dynamo.writePerSecond, m.dynamo.provisionedWrite),
      capacity("RCU", m.dynamo.consumedRead, m.dynamo.readPerSecond, m.dynamo.provisionedRead),
      ...(provisioned
        ? [
            g({
              title: "Capacity utilisation",
              queries: [
                m.dynamo.consumedWrite,
                m.dynamo.provisionedWrite,
                m.dynamo.writeUtilization,
                m.dynamo.consumedRead,
                m.dynamo.provisionedRead,
                m.dynamo.readUtilization,
              ],
              hidden: [m.dynamo.consumedWrite.id, m.dynamo.provisionedWrite.id, m.dynamo.consumedRead.id, m.dynamo.provisionedRead.id],
              unit: "% of provisioned",
              lines: [threshold("dynamodb-write-capacity")],
            }),
          ]
        : []),
      g({
        title: "DynamoDB throttling",
        queries: [...zeroFilled(m.dynamo.readThrottleEvents), ...zeroFilled(m.dynamo.writeThrottleEvents), m.dynamo.throttledRequests],
        hidden: [m.dynamo.readThrottleEvents.id, m.dynamo.writeThrottleEvents.id],
        unit: `events / ${per}`,
        lines: [threshold("dynamodb-write-throttles")],
      }),
    ],
  };
  const dynamoErrors = {
    height: 6,
    widgets: [
      g({
        title: "DynamoDB errors",
        queries: [...zeroFilled(m.dynamo.systemErrors), m.dynamo.userErrors],
        hidden: [m.dynamo.systemErrors.id],
        unit: `errors / ${per}`,
        lines: [threshold("dynamodb-system-errors")],
      }),
      g({ title: "Conditional check failures (append races)", queries: [m.dynamo.conditionalCheckFailed], unit: `requests / ${per}` }),
      g({ title: "PutItem latency p99", queries: [m.dynamo.putLatencyP99], unit: "ms" }),
    ],
  };

  const business = {
    height: 6,
    widgets: [
      g(
        {
          title: "Proposals accepted and rejected by reason",
          queries: [m.business.accepted, ...m.business.rejected],
          unit: `proposals / ${per}`,
          stacked: true,
        },
        12,
      ),
      g({
        title: "Idempotent replays and event store conflicts",
        queries: [m.business.idempotentReplays, m.business.eventStoreConflicts],
        unit: `per ${per}`,
      }),
      g({ title: "Consumed WCU per request", queries: [m.business.consumedWritePerRequest], unit: "WCU" }),
    ],
  };

  const logs = { height: 6, widgets: [logQuery("Latest errors", region, latestErrorsQuery(target.names.logGroupName))] };

  return {
    start: `-PT${dashboardWindowHours}H`,
    periodOverride: "inherit",
    widgets: stackRows([top, api, lambda, duration, memory, dynamo, dynamoErrors, business, logs]),
  };
}
