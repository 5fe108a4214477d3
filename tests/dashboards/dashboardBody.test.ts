// The dashboard body is valid per CloudWatch's dashboard body structure, for many stacks.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { alarmDefinitions, serviceUnhealthyAlarm } from "../../dashboards/alarms";
import { dashboardBody } from "../../dashboards/dashboardBody";
import { referencedIds } from "../../dashboards/queries";
import { gridColumns, type DashboardBody, type MetricArrayEntry, type Widget } from "../../dashboards/widgets";
import { maxReservedConcurrency, resolveSettings, settingSpecs } from "../../config/settings";
import type { SettingValue } from "../../config/spec";
import { alarmArn, asDeployed, metricWidgets, observedStack, region } from "./fixtures";

function bodyFor(stack: string, config: Readonly<Record<string, SettingValue>> = {}): DashboardBody {
  const target = observedStack(stack, config);
  const alarms = alarmDefinitions(target);
  const names = [...alarms.map((a) => a.name), serviceUnhealthyAlarm(target, alarms).name];
  return asDeployed(dashboardBody({ target, region, alarmArns: names.map(alarmArn) }));
}

const idForm = /^[a-z][A-Za-z0-9_]*$/;

function assertValidMetricEntry(entry: MetricArrayEntry, where: string): void {
  assert.ok(Array.isArray(entry) && entry.length >= 1, `${where}: a metric entry is a non-empty array`);
  const options = entry[entry.length - 1];
  assert.ok(typeof options === "object" && options !== null && !Array.isArray(options), `${where}: rendering options come last`);
  const o = options as Record<string, unknown>;
  assert.ok(typeof o.id === "string" && idForm.test(o.id), `${where}: id ${String(o.id)} starts lower-case`);
  if (typeof o.expression === "string") {
    assert.equal(entry.length, 1, `${where}: an expression entry holds only its options`);
    return;
  }
  const head = entry.slice(0, -1);
  assert.ok(head.length >= 2 && head.length % 2 === 0, `${where}: namespace, name, then dimension name/value pairs`);
  for (const part of head) assert.equal(typeof part, "string", `${where}: ${String(part)} is a string`);
  assert.ok(
    typeof o.stat === "string" && /^(Sum|Average|Maximum|Minimum|SampleCount|p\d+(\.\d+)?)$/.test(o.stat),
    `${where}: stat ${String(o.stat)}`,
  );
  assert.equal(o.period, 60, `${where}: period`);
}

function assertValidBody(body: DashboardBody): void {
  assert.ok(body.widgets.length > 0);
  for (const w of body.widgets) {
    const title = String(w.properties.title ?? w.type);
    for (const n of [w.x, w.y, w.width, w.height]) assert.ok(Number.isInteger(n) && n >= 0, `${title}: integer position`);
    assert.ok(w.width >= 1 && w.height >= 1, `${title}: has a size`);
    assert.ok(w.x + w.width <= gridColumns, `${title}: x ${w.x} + width ${w.width} within ${gridColumns} columns`);
    if (w.type === "text") assert.ok(typeof w.properties.markdown === "string" && w.properties.markdown.length > 0);
    if (w.type === "alarm") assert.ok(Array.isArray(w.properties.alarms) && w.properties.alarms.length > 0);
    if (w.type === "log") {
      assert.equal(w.properties.region, region);
      assert.match(String(w.properties.query), /^SOURCE '[^']+' \| /);
    }
    if (w.type !== "metric") continue;
    assert.equal(w.properties.region, region, `${title}: region`);
    assert.equal(w.properties.period, 60, `${title}: period`);
    assert.ok(title.length > 0, "metric widgets have titles");
    const yAxis = w.properties.yAxis as Record<string, { label?: string }>;
    assert.ok(yAxis.left?.label, `${title}: left axis names its unit`);
    const entries = w.properties.metrics as MetricArrayEntry[];
    assert.ok(entries.length > 0, `${title}: charts something`);
    for (const [i, e] of entries.entries()) assertValidMetricEntry(e, `${title} #${i}`);
    const options = entries.map((e) => e[e.length - 1] as Record<string, unknown>);
    const ids = options.map((o) => String(o.id));
    assert.equal(new Set(ids).size, ids.length, `${title}: ids unique within the widget: ${ids.join(", ")}`);
    for (const o of options) {
      if (o.yAxis === "right") assert.ok(yAxis.right?.label, `${title}: right axis names its unit`);
      if (typeof o.expression !== "string") continue;
      for (const ref of referencedIds(o.expression)) assert.ok(ids.includes(ref), `${title}: ${o.expression} refers to ${ref}`);
    }
    assert.ok(
      options.some((o) => o.visible !== false),
      `${title}: draws at least one line`,
    );
  }
  for (const [i, a] of body.widgets.entries()) {
    for (const b of body.widgets.slice(i + 1)) {
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      assert.ok(apart, `${String(a.properties.title ?? a.type)} overlaps ${String(b.properties.title ?? b.type)}`);
    }
  }
}

function titled(body: DashboardBody, title: string): Widget {
  const w = body.widgets.find((x) => x.properties.title === title);
  assert.ok(w, `no widget titled ${title}`);
  return w;
}

describe("dashboard body", () => {
  it("is valid for the default dev stack", () => {
    assertValidBody(bodyFor("dev"));
  });

  it("is valid for any memory size, timeout, concurrency, billing mode and architecture", () => {
    fc.assert(
      fc.property(
        fc.record({
          memorySize: fc.integer({ min: settingSpecs.memorySize.min, max: settingSpecs.memorySize.max }),
          timeout: fc.integer({ min: settingSpecs.timeout.min, max: settingSpecs.timeout.max }),
          // Up to what the default account quota lets a function reserve.
          reservedConcurrency: fc.integer({
            min: settingSpecs.reservedConcurrency.min,
            max: maxReservedConcurrency(resolveSettings("prod").accountConcurrencyLimit),
          }),
          billingMode: fc.constantFrom(...(settingSpecs.billingMode.allowed ?? [])),
          architecture: fc.constantFrom(...(settingSpecs.architecture.allowed ?? [])),
        }),
        (config) => assertValidBody(bodyFor("prod", config)),
      ),
      { numRuns: 50 },
    );
  });

  it("puts the rows in order: alarms and runbook, API, Lambda, duration, memory, DynamoDB, business, latest errors", () => {
    const body = bodyFor("dev");
    const order = [
      "Alarms",
      "API requests",
      "Invocations and errors",
      "Duration vs billed duration",
      "Max memory used vs memory size",
      "WCU consumed vs provisioned",
      "DynamoDB errors",
      "Proposals accepted and rejected by reason",
      "Latest errors",
    ].map((t) => titled(body, t).y);
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    );
    assert.equal(new Set(order).size, order.length, "each concern on its own row");
    const runbook = body.widgets.find((w) => w.type === "text");
    assert.equal(runbook?.y, 0, "runbook sits next to the alarm status");
    assert.equal(Math.max(...body.widgets.map((w) => w.y)), titled(body, "Latest errors").y, "latest errors at the bottom");
  });

  it("charts preflights apart from editors' requests, as API Gateway counts both", () => {
    const metrics = titled(bodyFor("dev"), "API requests").properties.metrics as readonly MetricArrayEntry[];
    const rendering = (e: MetricArrayEntry) => e[e.length - 1] as Record<string, unknown>;
    const byId = new Map(metrics.map((e) => [rendering(e).id, e]));
    const preflights = byId.get("preflights");
    assert.deepEqual(preflights?.slice(0, -1), [
      "AWS/ApiGateway",
      "Count",
      "ApiName",
      "visitplannr-dev",
      "Stage",
      "v1",
      "Method",
      "OPTIONS",
      "Resource",
      "/destination",
    ]);
    assert.equal(rendering(preflights!).visible, false);
    const filled = rendering(byId.get("preflightsFilled")!);
    assert.deepEqual([filled.expression, filled.label], ["FILL(preflights, 0)", "Preflights (not editors' traffic)"]);
    const editors = rendering(byId.get("editorRequests")!);
    assert.equal(editors.expression, "requests - preflightsFilled");
    assert.equal(rendering(byId.get("requests")!).visible, false);
  });

  it("shows every alarm of the stack, the composite included, in the alarm-status widget", () => {
    const target = observedStack("dev");
    const alarms = alarmDefinitions(target);
    const names = [...alarms.map((a) => a.name), serviceUnhealthyAlarm(target, alarms).name];
    assert.deepEqual(titled(bodyFor("dev"), "Alarms").properties.alarms, names.map(alarmArn));
  });

  it("explains every alarm in the runbook text", () => {
    const body = bodyFor("dev");
    const markdown = String(body.widgets.find((w) => w.type === "text")?.properties.markdown);
    for (const a of alarmDefinitions(observedStack("dev"))) assert.ok(markdown.includes(`| ${a.key} |`), a.key);
    assert.ok(markdown.includes("visitplannr-dev-service-unhealthy"));
  });

  it("draws memory size as a line next to max memory used", () => {
    const widget = titled(bodyFor("dev"), "Max memory used vs memory size");
    const drawn = (widget.properties.metrics as MetricArrayEntry[]).map((e) => e[1]);
    assert.deepEqual(drawn, ["MaxMemoryUsed", "MemorySize"]);
  });

  it("prices GB-seconds from the configured memory and architecture", () => {
    const expression = (config: Readonly<Record<string, SettingValue>>) => {
      const entries = titled(
        bodyFor("dev", config),
        `GB-seconds and cost (${String(config.memorySize)} MB, ${String(config.architecture)})`,
      ).properties.metrics as MetricArrayEntry[];
      return entries.map((e) => (e[0] as { expression?: string }).expression).filter((x): x is string => x !== undefined);
    };
    assert.deepEqual(expression({ memorySize: 512, architecture: "arm64" }), [
      "billedSum / 1000 * 0.5",
      "billedAverage / 1000 * 0.5 * 0.0000133334 * 1000000 + 0.2",
    ]);
    assert.deepEqual(
      expression({ memorySize: 1024, architecture: "x86_64" })[1],
      "billedAverage / 1000 * 1 * 0.0000166667 * 1000000 + 0.2",
    );
  });

  it("charts no provisioned capacity for an on-demand table", () => {
    const body = bodyFor("dev", { billingMode: "PAY_PER_REQUEST" });
    const names = metricWidgets(body).flatMap((w) => (w.properties.metrics as MetricArrayEntry[]).map((e) => e[1]));
    assert.ok(!names.includes("ProvisionedWriteCapacityUnits") && !names.includes("ProvisionedReadCapacityUnits"));
    assert.ok(names.includes("ConsumedWriteCapacityUnits"));
  });

  it("queries the function's own log group for the latest errors with their correlation ids", () => {
    const query = String(titled(bodyFor("dev"), "Latest errors").properties.query);
    assert.ok(query.startsWith("SOURCE '/aws/lambda/visitplannr-dev-propose-destination' | "));
    assert.match(query, /correlation_id/);
    assert.match(query, /level = "ERROR"/);
  });
});
