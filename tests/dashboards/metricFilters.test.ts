// The metric filters, evaluated against platform.report records shaped as Lambda writes them in
// the JSON log format (Lambda Telemetry API schema), with and without initDurationMs.
import { strict as assert } from "node:assert";
import { extractValue, matches, parseEvent, parsePattern } from "../../local/observability/filterPattern";
import { metricFilterDefinitions, platformReportPattern, type MetricFilterDefinition } from "../../dashboards/metricFilters";

// Built before each test, not while mocha collects the tests, so each test reads the code as it
// is when that test runs (a mutation tester switches the code between tests).
let filters: readonly MetricFilterDefinition[] = [];
beforeEach(() => {
  filters = metricFilterDefinitions({ project: "visitplannr", stack: "dev" });
});
const filter = (metricName: string): MetricFilterDefinition => {
  const f = filters.find((x) => x.metricName === metricName);
  assert.ok(f, metricName);
  return f;
};

// The first invocation of an execution environment: initDurationMs present, INIT billed too.
const coldReport = JSON.stringify({
  time: "2025-09-14T08:21:37.512Z",
  type: "platform.report",
  record: {
    requestId: "7c1b3e62-1d0a-4a0e-9d43-2f6f0c1f9a11",
    metrics: { durationMs: 182.37, billedDurationMs: 596, memorySizeMB: 128, maxMemoryUsedMB: 79, initDurationMs: 412.55 },
    tracing: {
      spanId: "54565fb41ac79632",
      type: "X-Amzn-Trace-Id",
      value: "Root=1-68c67b91-2b0a8c6e4d7f3a1b5c9e0d2f;Parent=54565fb41ac79632;Sampled=1",
    },
    status: "success",
  },
});
// A warm invocation: no initDurationMs.
const warmReport = JSON.stringify({
  time: "2025-09-14T08:21:39.004Z",
  type: "platform.report",
  record: {
    requestId: "0f5d9a77-6c2e-4b8f-a1d3-9e7b2c4f8a60",
    metrics: { durationMs: 15.92, billedDurationMs: 16, memorySizeMB: 128, maxMemoryUsedMB: 81 },
    status: "success",
  },
});
// The same facts in Lambda's text log format, as the seed's logs show them.
const textReport =
  "REPORT RequestId: 0f5d9a77-6c2e-4b8f-a1d3-9e7b2c4f8a60\tDuration: 15.92 ms\tBilled Duration: 100 ms\tMemory Size: 128 MB\tMax Memory Used: 72 MB\tInit Duration: 180.05 ms\t";
const startRecord = JSON.stringify({
  time: "2025-09-14T08:21:38.988Z",
  type: "platform.start",
  record: { requestId: "0f5d9a77-6c2e-4b8f-a1d3-9e7b2c4f8a60", version: "$LATEST" },
});
const applicationLog = JSON.stringify({
  level: "INFO",
  message: "proposal accepted",
  timestamp: "2025-09-14T08:21:39.001Z",
  service: "visitplannr",
  correlation_id: "c0ffee00-0000-4000-8000-000000000001",
});

describe("platform.report metric filters", () => {
  it("define one filter per report metric, all on the platform.report pattern, in the stack's namespace", () => {
    assert.deepEqual(
      filters.map((f) => [f.filterName, f.metricName, f.valueSelector, f.unit]),
      [
        ["visitplannr-dev-report-Duration", "Duration", "$.record.metrics.durationMs", "Milliseconds"],
        ["visitplannr-dev-report-BilledDuration", "BilledDuration", "$.record.metrics.billedDurationMs", "Milliseconds"],
        ["visitplannr-dev-report-InitDuration", "InitDuration", "$.record.metrics.initDurationMs", "Milliseconds"],
        ["visitplannr-dev-report-MaxMemoryUsed", "MaxMemoryUsed", "$.record.metrics.maxMemoryUsedMB", "Megabytes"],
        ["visitplannr-dev-report-MemorySize", "MemorySize", "$.record.metrics.memorySizeMB", "Megabytes"],
      ],
    );
    for (const f of filters) {
      assert.equal(f.pattern, '{ $.type = "platform.report" }');
      assert.equal(f.namespace, "visitplannr/dev");
    }
  });

  it("extract every number from a cold-start report", () => {
    const values = Object.fromEntries(filters.map((f) => [f.metricName, extractValue(f, coldReport)]));
    assert.deepEqual(values, { Duration: 182.37, BilledDuration: 596, InitDuration: 412.55, MaxMemoryUsed: 79, MemorySize: 128 });
  });

  it("extract the numbers of a warm report and publish no InitDuration for it", () => {
    const values = Object.fromEntries(filters.map((f) => [f.metricName, extractValue(f, warmReport)]));
    assert.deepEqual(values, { Duration: 15.92, BilledDuration: 16, InitDuration: undefined, MaxMemoryUsed: 81, MemorySize: 128 });
  });

  it("do not match the text-format REPORT line: the function's log format must be JSON", () => {
    for (const f of filters) {
      assert.equal(matches(f.pattern, textReport), false);
      assert.equal(extractValue(f, textReport), undefined, f.metricName);
    }
  });

  it("ignore other platform records and the function's own JSON logs", () => {
    for (const line of [startRecord, applicationLog]) {
      for (const f of filters) assert.equal(extractValue(f, line), undefined, `${f.metricName}: ${line}`);
    }
  });

  it("select the number a selector names, and nothing when it names a string", () => {
    assert.equal(extractValue({ pattern: platformReportPattern, valueSelector: "$.record.requestId" }, coldReport), undefined);
    assert.equal(extractValue(filter("Duration"), coldReport.replace('"durationMs":182.37', '"durationMs":"fast"')), undefined);
  });
});

describe("metric filter pattern evaluator", () => {
  const line = JSON.stringify({ type: "platform.report", record: { status: "timeout", metrics: { durationMs: 3000, delta: -1.5 } } });

  it("compares strings and numbers with = and !=", () => {
    assert.equal(matches('{ $.record.status = "timeout" }', line), true);
    assert.equal(matches('{ $.record.status != "success" }', line), true);
    assert.equal(matches('{ $.record.status = "success" }', line), false);
    assert.equal(matches('{ $.record.status != "timeout" }', line), false);
    assert.equal(matches("{ $.record.metrics.durationMs = 3000 }", line), true);
    assert.equal(matches("{ $.record.metrics.durationMs != 3000 }", line), false);
    assert.equal(matches("{ $.record.metrics.durationMs = 3001 }", line), false);
    assert.equal(matches("{ $.record.metrics.durationMs != 3001 }", line), true);
    assert.equal(matches('{ $.record.missing != "x" }', line), false, "an absent field matches nothing");
  });

  it("reads negative and decimal numbers, and strings with escaped quotes", () => {
    assert.deepEqual(parsePattern("{ $.record.metrics.delta = -1.5 }"), {
      selector: ["record", "metrics", "delta"],
      operator: "=",
      value: -1.5,
    });
    assert.equal(matches("{ $.record.metrics.delta = -1.5 }", line), true);
    assert.equal(matches("{ $.record.metrics.delta = 1.5 }", line), false);
    assert.deepEqual(parsePattern('{$.type!="say \\"hi\\""}'), { selector: ["type"], operator: "!=", value: 'say "hi"' });
    assert.deepEqual(parsePattern('{ $.code = "42" }').value, "42", "a quoted number stays text");
  });

  it("ignores spaces around a pattern, a selector and a log line", () => {
    assert.equal(matches('  { $.record.status = "timeout" }\n', `  ${line}\n`), true);
    assert.equal(extractValue({ pattern: '{ $.type = "platform.report" }', valueSelector: " $.record.metrics.durationMs " }, line), 3000);
  });

  it("matches no line that is not a JSON object", () => {
    for (const text of ["[1, 2]", "42", '"platform.report"', "{ not json", "null", ""]) {
      assert.equal(parseEvent(text), undefined, text);
      assert.equal(matches('{ $.type = "platform.report" }', text), false, text);
    }
    assert.deepEqual(parseEvent(` ${line} `), JSON.parse(line));
  });

  it("selects through objects only, never into a string, an array or null", () => {
    const odd = JSON.stringify({ type: "platform.report", record: { requestId: "abc", tags: [1, 2], parent: null } });
    const read = (valueSelector: string) => extractValue({ pattern: '{ $.type = "platform.report" }', valueSelector }, odd);
    assert.equal(read("$.record.requestId.length"), undefined);
    assert.equal(read("$.record.tags.length"), undefined);
    assert.equal(read("$.record.parent.length"), undefined);
    assert.equal(matches("{ $.record.tags.length = 2 }", odd), false);
  });

  it("publishes nothing from a record its pattern does not match, even where the field exists", () => {
    // platform.runtimeDone carries a durationMs of its own (Lambda Telemetry API schema).
    const runtimeDone = JSON.stringify({
      time: "2025-09-14T08:21:39.003Z",
      type: "platform.runtimeDone",
      record: { requestId: "0f5d9a77-6c2e-4b8f-a1d3-9e7b2c4f8a60", status: "success", metrics: { durationMs: 14.31, producedBytes: 120 } },
    });
    assert.equal(extractValue(filter("Duration"), runtimeDone), undefined);
    assert.equal(
      extractValue({ pattern: '{ $.type = "platform.runtimeDone" }', valueSelector: "$.record.metrics.durationMs" }, runtimeDone),
      14.31,
    );
  });

  it("refuses pattern forms it cannot evaluate rather than guessing, whatever the line", () => {
    for (const unsupported of [
      "REPORT",
      '{ $.type = "a" && $.b = 1 }',
      "{ $.latency > 10 }",
      "[ip, user]",
      "{ $.items[0] = 1 }",
      "{ $.a = 1.}",
      '{ $.type = "platform.*" }',
      "{ $.ip != 10.0.* }",
    ]) {
      assert.throws(() => parsePattern(unsupported), { message: `unsupported metric filter pattern: ${unsupported}` });
      assert.throws(() => matches(unsupported, textReport), { message: `unsupported metric filter pattern: ${unsupported}` });
    }
  });

  it("refuses value selectors it cannot evaluate", () => {
    for (const unsupported of ["$.record.metrics[0]", "record.durationMs", "$", "$.record.metrics.durationMs + 1"]) {
      assert.throws(() => extractValue({ pattern: platformReportPattern, valueSelector: unsupported }, coldReport), {
        message: `unsupported value selector: ${unsupported}`,
      });
    }
  });
});
