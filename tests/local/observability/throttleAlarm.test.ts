// A short load on a 1 WCU table, on a stack of its own with 1-second metric periods: the write
// throttle alarm fires while the table throttles and clears once the load stops, and the
// platform.report metrics the duration and memory rows chart add up.
import { strict as assert } from "node:assert";
import { reportMetrics, stackNamespace } from "../../../config/metrics";
import { alarmDefinitions } from "../../../dashboards/alarms";
import type { Statistic } from "../../../dashboards/queries";
import { startOps, type Ops } from "../../../local/observability/ops";
import { startLocalStack, type LocalStack } from "../../../local/stack";
import { jsonHeaders, proposal } from "../../support/http";
import { until } from "../../support/until";

const periodSeconds = 1;
/** Upper bounds on waiting, not expectations: the test ends as soon as the state is reached. */
const maxLoadMs = 20_000;
const maxQuietMs = 20_000;

describe("local observability under a write-throttling load", function () {
  this.timeout(90_000);
  let stack: LocalStack;
  let ops: Ops;

  before(async () => {
    stack = await startLocalStack({ port: 0, dynamoPort: 0 });
    stack.dynamo.setCapacity({ readCapacity: stack.settings.readCapacity, writeCapacity: 1 });
    ops = startOps(stack, { periodSeconds });
  });

  after(async () => {
    ops?.close();
    await stack?.close();
  });

  const writeThrottleAlarm = () => {
    const d = alarmDefinitions(ops.observability.target).find((a) => a.key === "dynamodb-write-throttles");
    assert.ok(d, "the stack defines a write-throttle alarm");
    return d.name;
  };

  it("drives WriteThrottleEvents above zero and the write-throttle alarm to ALARM, then back to OK", async () => {
    const name = writeThrottleAlarm();
    const { alarms, store } = ops.observability;
    const burst = () =>
      Promise.all(
        Array.from({ length: 4 }, () =>
          fetch(stack.destinationUrl, { method: "POST", headers: jsonHeaders, body: JSON.stringify(proposal()) }).then((r) =>
            r.arrayBuffer(),
          ),
        ),
      ).then(() => undefined);

    const fired = await until(() => alarms.state(name) === "ALARM", maxLoadMs, burst);
    const status = () => alarms.statuses().find((s) => s.name === name);
    assert.ok(fired, `alarm did not fire under load: ${JSON.stringify(status())}`);

    const throttles = store.query(
      { namespace: "AWS/DynamoDB", metricName: "WriteThrottleEvents", dimensions: { TableName: stack.tableName } },
      "Sum",
      { start: 0, end: Date.now() + 1000 },
    );
    assert.ok(
      throttles.some((p) => p.value > 0),
      "WriteThrottleEvents recorded",
    );
    assert.equal(alarms.state(alarms.composite.name), "ALARM", "the paging composite fires with it");

    const cleared = await until(() => alarms.state(name) === "OK", maxQuietMs);
    assert.ok(cleared, `alarm did not clear after the load: ${JSON.stringify(status())}`);
    const transitions = alarms
      .history()
      .filter((h) => h.name === name)
      .reverse()
      .map((h) => h.to);
    assert.deepEqual(transitions.slice(-2), ["ALARM", "OK"]);
  });

  it("records duration, billed duration and memory from platform.report, consistent with each other", () => {
    const { store } = ops.observability;
    const range = { start: 0, end: Date.now() + 1000 };
    const report = (key: keyof typeof reportMetrics, stat: Statistic) =>
      store.query(
        { namespace: stackNamespace(ops.observability.target.stack), metricName: reportMetrics[key].name, dimensions: {} },
        stat,
        range,
      );

    const durations = report("duration", "SampleCount");
    assert.ok(durations.length > 0, "Duration series is not empty");
    assert.deepEqual(report("billedDuration", "SampleCount"), durations, "one billed duration per report");
    assert.deepEqual(report("maxMemoryUsed", "SampleCount"), durations, "one memory reading per report");
    assert.ok(report("initDuration", "SampleCount").length > 0, "cold starts report their init duration");

    // Every report bills at least its duration, so every order statistic and sum does too.
    for (const stat of ["Sum", "p50", "p99", "Minimum", "Maximum"] as const) {
      const billed = new Map(report("billedDuration", stat).map((p) => [p.timestamp, p.value]));
      for (const d of report("duration", stat)) {
        assert.ok((billed.get(d.timestamp) ?? -1) >= d.value, `${stat} billed ≥ duration at ${d.timestamp}`);
      }
    }
    const size = new Map(report("memorySize", "Minimum").map((p) => [p.timestamp, p.value]));
    for (const used of report("maxMemoryUsed", "Maximum")) {
      assert.ok(used.value > 0, "memory used is measured");
      assert.ok(used.value <= (size.get(used.timestamp) ?? 0), `max memory used ≤ memory size at ${used.timestamp}`);
    }
    assert.ok(
      [...size.values()].every((mb) => mb === stack.settings.memorySize),
      "memory size is the configured one",
    );

    const lambdaDuration = store.query(
      { namespace: "AWS/Lambda", metricName: "Duration", dimensions: { FunctionName: stack.functionName } },
      "SampleCount",
      range,
    );
    assert.ok(lambdaDuration.length > 0, "AWS/Lambda Duration recorded");
  });
});
