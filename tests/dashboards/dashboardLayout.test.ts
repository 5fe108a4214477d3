// The dashboard as ops see it: each widget's place on the 24-column grid, its title, the unit
// on its axes and the threshold lines, and what each graph charts (namespace, metric name,
// dimensions, statistic, label), row by row as docs/operations.md describes them.
import { strict as assert } from "node:assert";
import { alarmDefinitions, serviceUnhealthyAlarm } from "../../dashboards/alarms";
import { dashboardBody } from "../../dashboards/dashboardBody";
import type { DashboardBody, MetricArrayEntry, Widget } from "../../dashboards/widgets";
import type { SettingValue } from "../../config/spec";
import { alarmArn, asDeployed, observedStack, region } from "./fixtures";

function bodyFor(config: Readonly<Record<string, SettingValue>> = {}, periodSeconds?: number): DashboardBody {
  const target = observedStack("dev", config);
  const alarms = alarmDefinitions(target);
  const names = [...alarms.map((a) => a.name), serviceUnhealthyAlarm(target, alarms).name];
  return asDeployed(dashboardBody({ target, region, alarmArns: names.map(alarmArn), periodSeconds }));
}

type Props = {
  title?: string;
  yAxis?: { left?: { label: string }; right?: { label: string } };
  annotations?: { horizontal: { label: string; value: number }[] };
};

/** Title, x, y, width, height, left axis unit, then the right axis unit and the lines, if any. */
function placed(w: Widget): unknown[] {
  const p = w.properties as Props;
  const row: unknown[] = [p.title ?? w.type, w.x, w.y, w.width, w.height, p.yAxis?.left?.label ?? ""];
  if (p.yAxis?.right) row.push(p.yAxis.right.label);
  if (p.annotations) row.push(p.annotations.horizontal.map((l) => `${l.label} = ${l.value}`));
  return row;
}

/** One line per entry of a graph: `id = namespace name dim=value,… stat "label"`, or `id = expression "label"`. */
function charted(w: Widget): string[] {
  return (w.properties.metrics as MetricArrayEntry[]).map((e) => {
    const o = e[e.length - 1] as Record<string, unknown>;
    const flags = `${o.visible === false ? " (hidden)" : ""}${o.yAxis === "right" ? " (right)" : ""}`;
    if (typeof o.expression === "string") return `${String(o.id)} = ${o.expression} "${String(o.label)}"${flags}`;
    const head = e.slice(0, -1) as string[];
    const dims: string[] = [];
    for (let i = 2; i < head.length; i += 2) dims.push(`${head[i]}=${head[i + 1]}`);
    const identity = [head[0], head[1], ...(dims.length ? [dims.join(",")] : [])].join(" ");
    return `${String(o.id)} = ${identity} ${String(o.stat)} "${String(o.label)}"${flags}`;
  });
}

function graphs(body: DashboardBody): Record<string, string[]> {
  return Object.fromEntries(body.widgets.filter((w) => w.type === "metric").map((w) => [String(w.properties.title), charted(w)]));
}

const api = "ApiName=visitplannr-dev,Stage=v1";
const fn = "FunctionName=visitplannr-dev-propose-destination";
const table = "TableName=visitplannr-dev-events";
const putItem = `${table},Operation=PutItem`;

describe("dashboard layout", () => {
  it("places every widget of a provisioned stack on the grid with its title, units and threshold lines", () => {
    assert.deepEqual(bodyFor().widgets.map(placed), [
      ["Alarms", 0, 0, 10, 8, ""],
      ["text", 10, 0, 14, 8, ""],
      ["API requests", 0, 8, 6, 6, "requests / min"],
      ["API 4XX and 5XX", 6, 8, 6, 6, "responses / min"],
      ["API error rate", 12, 8, 6, 6, "% of requests", ["alarm: ≥ 5 % of requests = 5"]],
      ["Latency vs IntegrationLatency", 18, 8, 6, 6, "ms", ["alarm: p90 ≥ 1000 ms = 1000"]],
      ["Invocations and errors", 0, 14, 6, 6, "per min", ["alarm: ≥ 1 per minute = 1"]],
      ["Throttles", 6, 14, 6, 6, "per min", ["alarm: ≥ 1 per minute = 1"]],
      ["Concurrent executions", 12, 14, 6, 6, "executions", ["alarm: ≥ 80 % of 1000 concurrent executions = 800", "limit = 1000"]],
      ["Cold starts", 18, 14, 6, 6, "per min"],
      ["Duration vs billed duration", 0, 20, 6, 6, "ms"],
      ["Billed − duration, and init", 6, 20, 6, 6, "ms"],
      ["GB-seconds and cost (128 MB, arm64)", 12, 20, 6, 6, "GB-s / min", "USD / million requests"],
      ["Duration p90 vs 10 s timeout", 18, 20, 6, 6, "ms", ["alarm: p90 ≥ 80 % of the 10 s timeout = 8000", "timeout = 10000"]],
      ["Max memory used vs memory size", 0, 26, 12, 6, "MB"],
      ["Memory utilisation", 12, 26, 12, 6, "% of memory size", ["alarm: ≥ 85 % of configured memory = 85"]],
      ["WCU consumed vs provisioned", 0, 32, 6, 6, "WCU / s"],
      ["RCU consumed vs provisioned", 6, 32, 6, 6, "RCU / s"],
      ["Capacity utilisation", 12, 32, 6, 6, "% of provisioned", ["alarm: ≥ 80 % of provisioned WCU = 80"]],
      ["DynamoDB throttling", 18, 32, 6, 6, "events / min", ["alarm: ≥ 1 per minute = 1"]],
      ["DynamoDB errors", 0, 38, 8, 6, "errors / min", ["alarm: ≥ 1 per minute = 1"]],
      ["Conditional check failures (append races)", 8, 38, 8, 6, "requests / min"],
      ["PutItem latency p99", 16, 38, 8, 6, "ms"],
      ["Proposals accepted and rejected by reason", 0, 44, 12, 6, "proposals / min"],
      ["Idempotent replays and event store conflicts", 12, 44, 6, 6, "per min"],
      ["Consumed WCU per request", 18, 44, 6, 6, "WCU"],
      ["Latest errors", 0, 50, 24, 6, ""],
    ]);
  });

  it("follows the settings: on-demand capacity, memory, architecture, timeout, reserved concurrency, thresholds and the period", () => {
    const config = {
      billingMode: "PAY_PER_REQUEST",
      memorySize: 512,
      architecture: "x86_64",
      timeout: 20,
      reservedConcurrency: 50,
      api5xxRatePercent: 7,
    };
    assert.deepEqual(bodyFor(config, 5).widgets.map(placed), [
      ["Alarms", 0, 0, 10, 8, ""],
      ["text", 10, 0, 14, 8, ""],
      ["API requests", 0, 8, 6, 6, "requests / 5 s"],
      ["API 4XX and 5XX", 6, 8, 6, 6, "responses / 5 s"],
      ["API error rate", 12, 8, 6, 6, "% of requests", ["alarm: ≥ 7 % of requests = 7"]],
      ["Latency vs IntegrationLatency", 18, 8, 6, 6, "ms", ["alarm: p90 ≥ 1000 ms = 1000"]],
      ["Invocations and errors", 0, 14, 6, 6, "per 5 s", ["alarm: ≥ 1 per 5 s = 1"]],
      ["Throttles", 6, 14, 6, 6, "per 5 s", ["alarm: ≥ 1 per 5 s = 1"]],
      ["Concurrent executions", 12, 14, 6, 6, "executions", ["alarm: ≥ 80 % of 50 concurrent executions = 40", "limit = 50"]],
      ["Cold starts", 18, 14, 6, 6, "per 5 s"],
      ["Duration vs billed duration", 0, 20, 6, 6, "ms"],
      ["Billed − duration, and init", 6, 20, 6, 6, "ms"],
      ["GB-seconds and cost (512 MB, x86_64)", 12, 20, 6, 6, "GB-s / 5 s", "USD / million requests"],
      ["Duration p90 vs 20 s timeout", 18, 20, 6, 6, "ms", ["alarm: p90 ≥ 80 % of the 20 s timeout = 16000", "timeout = 20000"]],
      ["Max memory used vs memory size", 0, 26, 12, 6, "MB"],
      ["Memory utilisation", 12, 26, 12, 6, "% of memory size", ["alarm: ≥ 85 % of configured memory = 85"]],
      ["WCU consumed (on demand)", 0, 32, 8, 6, "WCU / s"],
      ["RCU consumed (on demand)", 8, 32, 8, 6, "RCU / s"],
      ["DynamoDB throttling", 16, 32, 8, 6, "events / 5 s", ["alarm: ≥ 1 per 5 s = 1"]],
      ["DynamoDB errors", 0, 38, 8, 6, "errors / 5 s", ["alarm: ≥ 1 per 5 s = 1"]],
      ["Conditional check failures (append races)", 8, 38, 8, 6, "requests / 5 s"],
      ["PutItem latency p99", 16, 38, 8, 6, "ms"],
      ["Proposals accepted and rejected by reason", 0, 44, 12, 6, "proposals / 5 s"],
      ["Idempotent replays and event store conflicts", 12, 44, 6, 6, "per 5 s"],
      ["Consumed WCU per request", 18, 44, 6, 6, "WCU"],
      ["Latest errors", 0, 50, 24, 6, ""],
    ]);
  });

  it("opens on the last 3 hours, every widget following the dashboard's period", () => {
    const body = bodyFor();
    assert.equal(body.start, "-PT3H");
    assert.equal(body.periodOverride, "inherit");
  });

  it("stacks only the proposals by outcome, and draws every graph as a time series", () => {
    const body = bodyFor();
    const metricWidgets = body.widgets.filter((w) => w.type === "metric");
    assert.deepEqual(
      metricWidgets.filter((w) => w.properties.stacked === true).map((w) => w.properties.title),
      ["Proposals accepted and rejected by reason"],
    );
    assert.ok(metricWidgets.every((w) => w.properties.view === "timeSeries" && w.properties.stacked !== undefined));
  });

  it("lists the alarms by last state change, and queries the latest errors newest first", () => {
    const body = bodyFor();
    const [alarms, runbook] = body.widgets;
    assert.equal(alarms?.properties.sortBy, "stateUpdatedTimestamp");
    assert.equal(String(runbook?.properties.markdown).split("\n")[0], "## Runbook");
    const logs = body.widgets.find((w) => w.type === "log");
    assert.deepEqual(logs?.properties, {
      title: "Latest errors",
      region,
      view: "table",
      query: [
        "SOURCE '/aws/lambda/visitplannr-dev-propose-destination'",
        "fields @timestamp, correlation_id, message, error.name, error.message, errorType, errorMessage",
        'filter level = "ERROR" or ispresent(errorType)',
        "sort @timestamp desc",
        "limit 50",
      ].join(" | "),
    });
  });

  it("charts each metric with its namespace, name, dimensions, statistic and label", () => {
    assert.deepEqual(graphs(bodyFor()), {
      "API requests": [
        `requests = AWS/ApiGateway Count ${api} Sum "Requests" (hidden)`,
        `preflights = AWS/ApiGateway Count ${api},Method=OPTIONS,Resource=/destination Sum "Preflights (not editors' traffic)" (hidden)`,
        `preflightsFilled = FILL(preflights, 0) "Preflights (not editors' traffic)"`,
        `editorRequests = requests - preflightsFilled "Editors' requests (all but preflights)"`,
      ],
      "API 4XX and 5XX": [`errors4xx = AWS/ApiGateway 4XXError ${api} Sum "4XX"`, `errors5xx = AWS/ApiGateway 5XXError ${api} Sum "5XX"`],
      "API error rate": [
        `requests = AWS/ApiGateway Count ${api} Sum "Requests" (hidden)`,
        `errors4xx = AWS/ApiGateway 4XXError ${api} Sum "4XX" (hidden)`,
        `errors5xx = AWS/ApiGateway 5XXError ${api} Sum "5XX" (hidden)`,
        `rate4xx = 100 * errors4xx / requests "4XX rate (%)"`,
        `rate5xx = 100 * errors5xx / requests "5XX rate (%)"`,
      ],
      "Latency vs IntegrationLatency": [
        `latencyp50 = AWS/ApiGateway Latency ${api} p50 "Latency p50"`,
        `integrationp50 = AWS/ApiGateway IntegrationLatency ${api} p50 "IntegrationLatency p50"`,
        `latencyp90 = AWS/ApiGateway Latency ${api} p90 "Latency p90"`,
        `integrationp90 = AWS/ApiGateway IntegrationLatency ${api} p90 "IntegrationLatency p90"`,
        `latencyp99 = AWS/ApiGateway Latency ${api} p99 "Latency p99"`,
        `integrationp99 = AWS/ApiGateway IntegrationLatency ${api} p99 "IntegrationLatency p99"`,
      ],
      "Invocations and errors": [
        `invocations = AWS/Lambda Invocations ${fn} Sum "Invocations"`,
        `errors = AWS/Lambda Errors ${fn} Sum "Errors"`,
      ],
      Throttles: [`throttles = AWS/Lambda Throttles ${fn} Sum "Throttles"`],
      "Concurrent executions": [`concurrency = AWS/Lambda ConcurrentExecutions ${fn} Maximum "Concurrent executions (max)"`],
      "Cold starts": [
        `coldStarts = visitplannr/dev ColdStart service=visitplannr,function_name=visitplannr-dev-propose-destination Sum "Cold starts"`,
      ],
      "Duration vs billed duration": [
        `durationp50 = visitplannr/dev Duration p50 "Duration p50"`,
        `billedp50 = visitplannr/dev BilledDuration p50 "Billed duration p50"`,
        `durationp99 = visitplannr/dev Duration p99 "Duration p99"`,
        `billedp99 = visitplannr/dev BilledDuration p99 "Billed duration p99"`,
      ],
      "Billed − duration, and init": [
        `billedAverage = visitplannr/dev BilledDuration Average "Billed duration Average" (hidden)`,
        `durationAverage = visitplannr/dev Duration Average "Duration Average" (hidden)`,
        `billedOverhead = billedAverage - durationAverage "Billed − duration (avg ms)"`,
        `initp50 = visitplannr/dev InitDuration p50 "Init duration p50"`,
        `initp99 = visitplannr/dev InitDuration p99 "Init duration p99"`,
      ],
      "GB-seconds and cost (128 MB, arm64)": [
        `billedSum = visitplannr/dev BilledDuration Sum "Billed duration Sum" (hidden)`,
        `billedAverage = visitplannr/dev BilledDuration Average "Billed duration Average" (hidden)`,
        `gbSeconds = billedSum / 1000 * 0.125 "GB-seconds at 128 MB"`,
        `costPerMillion = billedAverage / 1000 * 0.125 * 0.0000133334 * 1000000 + 0.2 "USD per million requests" (right)`,
      ],
      "Duration p90 vs 10 s timeout": [`durationP90 = AWS/Lambda Duration ${fn} p90 "Duration p90"`],
      "Max memory used vs memory size": [
        `maxMemoryUsed = visitplannr/dev MaxMemoryUsed Maximum "Max memory used"`,
        `memorySize = visitplannr/dev MemorySize Maximum "Memory size"`,
      ],
      "Memory utilisation": [
        `maxMemoryUsed = visitplannr/dev MaxMemoryUsed Maximum "Max memory used" (hidden)`,
        `memorySize = visitplannr/dev MemorySize Maximum "Memory size" (hidden)`,
        `memoryPct = 100 * maxMemoryUsed / memorySize "Memory utilisation (%)"`,
      ],
      "WCU consumed vs provisioned": [
        `wcuConsumed = AWS/DynamoDB ConsumedWriteCapacityUnits ${table} Sum "Consumed WCU (sum)" (hidden)`,
        `wcuPerSecond = wcuConsumed / PERIOD(wcuConsumed) "Consumed WCU per second"`,
        `wcuProvisioned = AWS/DynamoDB ProvisionedWriteCapacityUnits ${table} Maximum "Provisioned WCU"`,
      ],
      "RCU consumed vs provisioned": [
        `rcuConsumed = AWS/DynamoDB ConsumedReadCapacityUnits ${table} Sum "Consumed RCU (sum)" (hidden)`,
        `rcuPerSecond = rcuConsumed / PERIOD(rcuConsumed) "Consumed RCU per second"`,
        `rcuProvisioned = AWS/DynamoDB ProvisionedReadCapacityUnits ${table} Maximum "Provisioned RCU"`,
      ],
      "Capacity utilisation": [
        `wcuConsumed = AWS/DynamoDB ConsumedWriteCapacityUnits ${table} Sum "Consumed WCU (sum)" (hidden)`,
        `wcuProvisioned = AWS/DynamoDB ProvisionedWriteCapacityUnits ${table} Maximum "Provisioned WCU" (hidden)`,
        `wcuPct = 100 * (wcuConsumed / PERIOD(wcuConsumed)) / wcuProvisioned "Write capacity used (%)"`,
        `rcuConsumed = AWS/DynamoDB ConsumedReadCapacityUnits ${table} Sum "Consumed RCU (sum)" (hidden)`,
        `rcuProvisioned = AWS/DynamoDB ProvisionedReadCapacityUnits ${table} Maximum "Provisioned RCU" (hidden)`,
        `rcuPct = 100 * (rcuConsumed / PERIOD(rcuConsumed)) / rcuProvisioned "Read capacity used (%)"`,
      ],
      "DynamoDB throttling": [
        `readThrottles = AWS/DynamoDB ReadThrottleEvents ${table} Sum "ReadThrottleEvents" (hidden)`,
        `readThrottlesFilled = FILL(readThrottles, 0) "ReadThrottleEvents"`,
        `writeThrottles = AWS/DynamoDB WriteThrottleEvents ${table} Sum "WriteThrottleEvents" (hidden)`,
        `writeThrottlesFilled = FILL(writeThrottles, 0) "WriteThrottleEvents"`,
        `throttledPuts = AWS/DynamoDB ThrottledRequests ${putItem} Sum "ThrottledRequests (PutItem)"`,
      ],
      "DynamoDB errors": [
        `systemErrors = AWS/DynamoDB SystemErrors ${putItem} Sum "SystemErrors (PutItem)" (hidden)`,
        `systemErrorsFilled = FILL(systemErrors, 0) "SystemErrors (PutItem)"`,
        // UserErrors is published per account and region only.
        `userErrors = AWS/DynamoDB UserErrors Sum "UserErrors (account, region)"`,
      ],
      "Conditional check failures (append races)": [
        `conditionFailed = AWS/DynamoDB ConditionalCheckFailedRequests ${table} Sum "ConditionalCheckFailedRequests"`,
      ],
      "PutItem latency p99": [`putLatencyP99 = AWS/DynamoDB SuccessfulRequestLatency ${putItem} p99 "PutItem latency p99"`],
      "Proposals accepted and rejected by reason": [
        `accepted = visitplannr/dev ProposalsAccepted service=visitplannr Sum "Accepted"`,
        ...[
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
        ].map((r) => `rejected_${r} = visitplannr/dev ProposalsRejected service=visitplannr,reason=${r} Sum "Rejected: ${r}"`),
      ],
      "Idempotent replays and event store conflicts": [
        `replays = visitplannr/dev IdempotentReplays service=visitplannr Sum "Idempotent replays"`,
        `conflicts = visitplannr/dev EventStoreConflicts service=visitplannr Sum "Event store conflicts"`,
      ],
      "Consumed WCU per request": [
        `wcuPerRequest = visitplannr/dev ConsumedWriteCapacity service=visitplannr Average "Consumed WCU per request (avg)"`,
      ],
    });
  });

  it("charts consumed capacity alone on an on-demand table", () => {
    const charts = graphs(bodyFor({ billingMode: "PAY_PER_REQUEST" }));
    assert.deepEqual(charts["WCU consumed (on demand)"], [
      `wcuConsumed = AWS/DynamoDB ConsumedWriteCapacityUnits ${table} Sum "Consumed WCU (sum)" (hidden)`,
      `wcuPerSecond = wcuConsumed / PERIOD(wcuConsumed) "Consumed WCU per second"`,
    ]);
    assert.deepEqual(charts["RCU consumed (on demand)"], [
      `rcuConsumed = AWS/DynamoDB ConsumedReadCapacityUnits ${table} Sum "Consumed RCU (sum)" (hidden)`,
      `rcuPerSecond = rcuConsumed / PERIOD(rcuConsumed) "Consumed RCU per second"`,
    ]);
    assert.equal(charts["Capacity utilisation"], undefined);
  });
});
