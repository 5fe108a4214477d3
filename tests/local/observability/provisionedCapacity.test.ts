// ProvisionedReadCapacityUnits and ProvisionedWriteCapacityUnits on a local stack observed with a
// clock the test moves: every period of the metric store gets exactly one sample, stamped at the
// period's start, of the capacity then in force, however the stack's start falls in a period.
import { strict as assert } from "node:assert";
import { observeLocalStack } from "../../../local/observability/localObservability";
import { startLocalStack, type LocalStack } from "../../../local/stack";
import { until } from "../../support/until";

const periodMs = 60_000;

describe("provisioned capacity metrics of the local table", function () {
  this.timeout(60_000);
  let stack: LocalStack;

  before(async () => {
    stack = await startLocalStack({ port: 0, dynamoPort: 0, capacity: { readCapacity: 5, writeCapacity: 2 } });
  });
  after(() => stack?.close());

  it("samples once in every period, from the period boundary, whenever the stack started", async () => {
    // Observation starts a millisecond before a period ends: the next period starts at once.
    const first = 100 * periodMs;
    let now = first + periodMs - 1;
    const observability = observeLocalStack(stack, { periodSeconds: periodMs / 1000, clock: () => now, evaluateOnTimer: false });
    try {
      const { store } = observability;
      const metric = (metricName: string) => ({ namespace: "AWS/DynamoDB", metricName, dimensions: { TableName: stack.tableName } });
      const samples = (metricName: string) =>
        store.query(metric(metricName), "SampleCount", { start: 0, end: now + periodMs }).map((p) => [p.timestamp, p.value]);
      const values = (metricName: string) =>
        store.query(metric(metricName), "Maximum", { start: 0, end: now + periodMs }).map((p) => p.value);

      now += 2 * periodMs;
      stack.dynamo.setCapacity({ readCapacity: 8, writeCapacity: 3 });
      assert.ok(await until(() => samples("ProvisionedWriteCapacityUnits").length === 3), "a period went without a sample");
      const periods = [first, first + periodMs, first + 2 * periodMs];
      assert.deepEqual(
        samples("ProvisionedWriteCapacityUnits"),
        periods.map((t) => [t, 1]),
      );
      assert.deepEqual(
        samples("ProvisionedReadCapacityUnits"),
        periods.map((t) => [t, 1]),
      );
      assert.deepEqual(values("ProvisionedWriteCapacityUnits"), [2, 3, 3]);
      assert.deepEqual(values("ProvisionedReadCapacityUnits"), [5, 8, 8]);
    } finally {
      observability.close();
    }
  });
});
