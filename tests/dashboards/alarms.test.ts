// Alarm definitions: names, thresholds from the stack settings, M of N over 60 s, and each
// alarm reading exactly what the dashboard charts.
import { strict as assert } from "node:assert";
import { alarmDefinitions, serviceUnhealthyAlarm, type AlarmDefinition } from "../../dashboards/alarms";
import { dashboardBody } from "../../dashboards/dashboardBody";
import { isMath, referencedIds } from "../../dashboards/queries";
import { alarmArn, asDeployed, chartedQueries, metricWidgets, observedStack, region } from "./fixtures";

const byKey = (alarms: readonly AlarmDefinition[], key: string): AlarmDefinition => {
  const a = alarms.find((x) => x.key === key);
  assert.ok(a, `no alarm ${key}`);
  return a;
};

describe("alarm definitions", () => {
  const target = observedStack("dev");
  // Built before each test, not once or while mocha collects the tests, so each test reads the
  // code as it is when that test runs (a mutation tester switches the code between tests).
  let alarms: readonly AlarmDefinition[] = [];
  beforeEach(() => {
    alarms = alarmDefinitions(target);
  });

  it("covers every alarm of the issue, on by default, with stable <project>-<stack>-<what> names", () => {
    assert.deepEqual(
      alarms.map((a) => a.name),
      [
        "visitplannr-dev-api-5xx-rate",
        "visitplannr-dev-api-latency-p90",
        "visitplannr-dev-lambda-errors",
        "visitplannr-dev-lambda-throttles",
        "visitplannr-dev-lambda-duration-near-timeout",
        "visitplannr-dev-lambda-memory-utilization",
        "visitplannr-dev-lambda-concurrency",
        "visitplannr-dev-dynamodb-write-throttles",
        "visitplannr-dev-dynamodb-read-throttles",
        "visitplannr-dev-dynamodb-system-errors",
        "visitplannr-dev-dynamodb-write-capacity",
        "visitplannr-dev-dynamodb-read-capacity",
      ],
    );
  });

  // The alarm table of docs/operations.md, row by row: page or warn, what is compared, with which statistic,
  // and the default threshold. Every alarm fires at or above its threshold.
  const documented: Readonly<Record<string, { pages: boolean; stats: string[]; threshold: number; missing: string }>> = {
    "api-5xx-rate": { pages: true, stats: ["Sum", "Sum"], threshold: 5, missing: "notBreaching" },
    "api-latency-p90": { pages: true, stats: ["p90"], threshold: 1000, missing: "notBreaching" },
    "lambda-errors": { pages: true, stats: ["Sum"], threshold: 1, missing: "notBreaching" },
    "lambda-throttles": { pages: true, stats: ["Sum"], threshold: 1, missing: "notBreaching" },
    "lambda-duration-near-timeout": { pages: false, stats: ["p90"], threshold: 8000, missing: "ignore" },
    "lambda-memory-utilization": { pages: false, stats: ["Maximum", "Maximum"], threshold: 85, missing: "ignore" },
    "lambda-concurrency": { pages: false, stats: ["Maximum"], threshold: 800, missing: "notBreaching" },
    "dynamodb-write-throttles": { pages: true, stats: ["Sum"], threshold: 1, missing: "notBreaching" },
    "dynamodb-read-throttles": { pages: false, stats: ["Sum"], threshold: 1, missing: "notBreaching" },
    "dynamodb-system-errors": { pages: true, stats: ["Sum"], threshold: 1, missing: "notBreaching" },
    "dynamodb-write-capacity": { pages: false, stats: ["Sum", "Maximum"], threshold: 80, missing: "ignore" },
    "dynamodb-read-capacity": { pages: false, stats: ["Sum", "Maximum"], threshold: 80, missing: "ignore" },
  };

  it("matches the documented table: page or warn, statistic, ≥ threshold, missing data", () => {
    assert.deepEqual(alarms.map((a) => a.key).sort(), Object.keys(documented).sort());
    for (const a of alarms) {
      const row = documented[a.key]!;
      assert.deepEqual(
        {
          pages: a.pages,
          stats: a.queries.filter((q) => !isMath(q)).map((q) => (isMath(q) ? "" : q.stat)),
          comparison: a.comparison,
          threshold: a.threshold,
          missing: a.treatMissingData,
        },
        { pages: row.pages, stats: row.stats, comparison: "GreaterThanOrEqualToThreshold", threshold: row.threshold, missing: row.missing },
        a.key,
      );
    }
  });

  it("evaluates 60 s periods, 3 of the last 5 by default and M of N as set, and explains its missing-data choice", () => {
    for (const a of alarms) {
      for (const q of a.queries) if (!isMath(q)) assert.equal(q.period, 60, a.key);
      assert.deepEqual([a.evaluationPeriods, a.datapointsToAlarm], [5, 3], a.key);
      // The reason given matches the treatment and, for DynamoDB's counts, names what is counted.
      const reason =
        a.treatMissingData === "ignore"
          ? /^a quiet minute says nothing about sizing/
          : a.key === "dynamodb-system-errors"
            ? /^DynamoDB publishes system errors only when they happen; silence means none \(the count is filled with 0/
            : a.key.startsWith("dynamodb-")
              ? /^DynamoDB publishes throttle events only when they happen; silence means none \(the count is filled with 0/
              : /^no traffic means nothing failed/;
      assert.match(a.missingDataReason, reason, a.key);
    }
    const custom = alarmDefinitions(observedStack("dev", { alarmEvaluationPeriods: 10, alarmDatapointsToAlarm: 7 }));
    for (const a of custom) assert.deepEqual([a.evaluationPeriods, a.datapointsToAlarm], [10, 7]);
  });

  it("rounds a fractional share of the concurrency limit up: no whole count below it is at that share", () => {
    // 85 % of 7 is 5.95 and 80 % of 9 is 7.2: 5 and 7 executions are below them.
    const at = (reservedConcurrency: number, concurrencyUtilizationPercent: number) =>
      byKey(alarmDefinitions(observedStack("dev", { reservedConcurrency, concurrencyUtilizationPercent })), "lambda-concurrency");
    assert.equal(at(7, 85).threshold, 6);
    assert.equal(at(9, 80).threshold, 8);
    assert.equal(at(9, 80).thresholdText, "≥ 80 % of 9 concurrent executions");
  });

  it("computes the duration threshold from the timeout in milliseconds", () => {
    const a = byKey(alarmDefinitions(observedStack("dev", { timeout: 7, durationTimeoutPercent: 33 })), "lambda-duration-near-timeout");
    assert.equal(a.threshold, 2310);
    assert.equal(a.thresholdText, "p90 ≥ 33 % of the 7 s timeout");
  });

  it("states each threshold as a person reads it", () => {
    assert.deepEqual(Object.fromEntries(alarms.map((a) => [a.key, a.thresholdText])), {
      "api-5xx-rate": "≥ 5 % of requests",
      "api-latency-p90": "p90 ≥ 1000 ms",
      "lambda-errors": "≥ 1 per minute",
      "lambda-throttles": "≥ 1 per minute",
      "lambda-duration-near-timeout": "p90 ≥ 80 % of the 10 s timeout",
      "lambda-memory-utilization": "≥ 85 % of configured memory",
      "lambda-concurrency": "≥ 80 % of 1000 concurrent executions",
      "dynamodb-write-throttles": "≥ 1 per minute",
      "dynamodb-read-throttles": "≥ 1 per minute",
      "dynamodb-system-errors": "≥ 1 per minute",
      "dynamodb-write-capacity": "≥ 80 % of provisioned WCU",
      "dynamodb-read-capacity": "≥ 80 % of provisioned RCU",
    });
  });

  it("computes each rate from the metrics it charts", () => {
    const expressions = Object.fromEntries(alarms.map((a) => [a.key, a.queries.filter(isMath).map((q) => q.expression)]));
    assert.deepEqual(expressions["api-5xx-rate"], ["100 * errors5xx / requests"]);
    assert.deepEqual(expressions["lambda-memory-utilization"], ["100 * maxMemoryUsed / memorySize"]);
    assert.deepEqual(expressions["dynamodb-write-capacity"], ["100 * (wcuConsumed / PERIOD(wcuConsumed)) / wcuProvisioned"]);
    assert.deepEqual(expressions["dynamodb-read-capacity"], ["100 * (rcuConsumed / PERIOD(rcuConsumed)) / rcuProvisioned"]);
  });

  it("takes its thresholds from the stack settings", () => {
    const custom = alarmDefinitions(
      observedStack("prod", {
        api5xxRatePercent: 2,
        apiLatencyP90Ms: 700,
        lambdaErrors: 3,
        lambdaThrottles: 4,
        timeout: 20,
        durationTimeoutPercent: 50,
        memoryUtilizationPercent: 90,
        dynamoThrottleEvents: 6,
        dynamoSystemErrors: 7,
        capacityUtilizationPercent: 75,
        reservedConcurrency: 50,
        concurrencyUtilizationPercent: 80,
      }),
    );
    const thresholds = Object.fromEntries(custom.map((a) => [a.key, a.threshold]));
    assert.deepEqual(thresholds, {
      "api-5xx-rate": 2,
      "api-latency-p90": 700,
      "lambda-errors": 3,
      "lambda-throttles": 4,
      "lambda-duration-near-timeout": 10000,
      "lambda-memory-utilization": 90,
      "lambda-concurrency": 40,
      "dynamodb-write-throttles": 6,
      "dynamodb-read-throttles": 6,
      "dynamodb-system-errors": 7,
      "dynamodb-write-capacity": 75,
      "dynamodb-read-capacity": 75,
    });
  });

  it("measures concurrency against the account quota when nothing is reserved", () => {
    const a = byKey(
      alarmDefinitions(observedStack("dev", { reservedConcurrency: -1, accountConcurrencyLimit: 400 })),
      "lambda-concurrency",
    );
    assert.equal(a.threshold, 320);
  });

  it("never fires the concurrency alarm on zero executions, even with none reserved to run", () => {
    const a = byKey(alarmDefinitions(observedStack("dev", { reservedConcurrency: 0 })), "lambda-concurrency");
    assert.equal(a.threshold, 1);
  });

  it("fills DynamoDB's event counts with 0, so their alarms clear although AWS/DynamoDB alarms ignore missing data", () => {
    for (const key of ["dynamodb-write-throttles", "dynamodb-read-throttles", "dynamodb-system-errors"]) {
      const a = byKey(alarms, key);
      const [count, filled] = a.queries;
      assert.ok(count && !("expression" in count) && count.namespace === "AWS/DynamoDB", key);
      assert.ok(filled && "expression" in filled, key);
      assert.equal(filled.expression, `FILL(${count.id}, 0)`);
      assert.equal(a.evaluates, filled.id);
    }
  });

  it("has no capacity alarms for an on-demand table", () => {
    const keys = alarmDefinitions(observedStack("dev", { billingMode: "PAY_PER_REQUEST" })).map((a) => a.key);
    assert.ok(!keys.includes("dynamodb-write-capacity") && !keys.includes("dynamodb-read-capacity"));
    assert.ok(keys.includes("dynamodb-write-throttles"));
  });

  it("compares exactly one query, and metric math refers only to the alarm's own queries", () => {
    for (const a of alarms) {
      const ids = a.queries.map((q) => q.id);
      assert.equal(new Set(ids).size, ids.length, a.key);
      assert.ok(ids.includes(a.evaluates), a.key);
      for (const q of a.queries)
        if (isMath(q)) for (const ref of referencedIds(q.expression)) assert.ok(ids.includes(ref), `${a.key}: ${ref}`);
    }
  });

  it("reads exactly what the dashboard charts: same metric, statistic, dimensions, period and math", () => {
    const composite = serviceUnhealthyAlarm(target, alarms);
    const body = asDeployed(dashboardBody({ target, region, alarmArns: [...alarms, composite].map((a) => alarmArn(a.name)) }));
    const widgets = metricWidgets(body).map(chartedQueries);
    for (const a of alarms) {
      const shown = widgets.some(({ metrics, expressions }) =>
        a.queries.every((q) =>
          isMath(q)
            ? expressions.some((e) => e.id === q.id && e.expression === q.expression)
            : metrics.some(
                (m) =>
                  m.id === q.id &&
                  m.namespace === q.namespace &&
                  m.metricName === q.metricName &&
                  m.stat === q.stat &&
                  m.period === q.period &&
                  JSON.stringify(m.dimensions) === JSON.stringify(q.dimensions),
              ),
        ),
      );
      assert.ok(shown, `${a.key}: no widget charts ${a.queries.map((q) => q.id).join(", ")} as the alarm reads them`);
    }
  });

  describe("service unhealthy composite", () => {
    let composite: ReturnType<typeof serviceUnhealthyAlarm>;
    beforeEach(() => {
      composite = serviceUnhealthyAlarm(target, alarms);
    });

    it("is named for the stack", () => {
      assert.equal(composite.name, "visitplannr-dev-service-unhealthy");
    });

    it("fires when any paging alarm fires, and only those", () => {
      const named = [...composite.rule.matchAll(/ALARM\("([^"]+)"\)/g)].map((m) => m[1]);
      assert.deepEqual(
        named,
        alarms.filter((a) => a.pages).map((a) => a.name),
      );
      assert.equal(composite.rule, named.map((n) => `ALARM("${n}")`).join(" OR "));
      for (const key of ["api-5xx-rate", "lambda-errors", "lambda-throttles", "dynamodb-write-throttles", "dynamodb-system-errors"]) {
        assert.ok(named.includes(`visitplannr-dev-${key}`), key);
      }
      for (const key of ["lambda-memory-utilization", "dynamodb-write-capacity"]) assert.ok(!named.includes(`visitplannr-dev-${key}`), key);
    });
  });
});
