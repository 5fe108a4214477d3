import { strict as assert } from "node:assert";
import { statistic } from "../../../aws/cloudwatch/statistics";
import { MetricStore } from "../../../local/observability/metricStore";

describe("CloudWatch statistics", () => {
  const samples = [3, 1, 2, 5, 4];

  it("computes Sum, Average, Minimum, Maximum and SampleCount of a period's samples", () => {
    assert.equal(statistic(samples, "Sum"), 15);
    assert.equal(statistic(samples, "Average"), 3);
    assert.equal(statistic(samples, "Minimum"), 1);
    assert.equal(statistic(samples, "Maximum"), 5);
    assert.equal(statistic(samples, "SampleCount"), 5);
  });

  it("takes percentiles by nearest rank: the smallest sample with NN % of samples at or below it", () => {
    assert.equal(statistic(samples, "p50"), 3);
    assert.equal(statistic(samples, "p90"), 5);
    const tens = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    assert.equal(statistic(tens, "p20"), 20);
    assert.equal(statistic(tens, "p21"), 30);
    assert.equal(statistic(tens, "p99"), 100);
    assert.equal(statistic(tens, "p99.9"), 100);
  });

  it("takes Minimum and Maximum of a busy period (more samples than a call can take as arguments)", () => {
    const busy = Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 300_000);
    assert.equal(statistic(busy, "Minimum"), 0);
    assert.equal(statistic(busy, "Maximum"), 299_999);
  });

  it("has no value for an empty period, and no percentile when a sample is negative", () => {
    assert.equal(statistic([], "Sum"), undefined);
    assert.equal(statistic([1, -2, 3], "p50"), undefined);
    assert.equal(statistic([1, -2, 3], "Minimum"), -2);
    // Zero is not negative: a period of zeros has percentiles.
    assert.equal(statistic([0, 0, 5], "p50"), 0);
  });

  it("refuses statistics it does not know", () => {
    assert.throws(() => statistic(samples, "tm90" as "p90"), { message: "unsupported statistic: tm90" });
  });
});

describe("local metric store", () => {
  const identity = { namespace: "AWS/DynamoDB", metricName: "WriteThrottleEvents", dimensions: { TableName: "t" } };

  it("groups datapoints into periods labelled by their start and leaves empty periods out", () => {
    let now = 1_000_000 * 60_000;
    const store = new MetricStore({ periodSeconds: 60, clock: () => now });
    const t0 = now;
    store.put({ ...identity, unit: "Count", value: 1, timestamp: t0 + 1_000 });
    store.put({ ...identity, unit: "Count", value: 2, timestamp: t0 + 59_999 });
    store.put({ ...identity, unit: "Count", value: 4, timestamp: t0 + 120_000 });
    now = t0 + 180_000;
    const range = store.lastPeriods(3);
    assert.deepEqual(range, { start: t0, end: t0 + 180_000 });
    assert.deepEqual(store.query(identity, "Sum", range), [
      { timestamp: t0, value: 3 },
      { timestamp: t0 + 120_000, value: 4 },
    ]);
    assert.deepEqual(store.query(identity, "SampleCount", range), [
      { timestamp: t0, value: 2 },
      { timestamp: t0 + 120_000, value: 1 },
    ]);
  });

  it("identifies a metric by its exact dimensions, as CloudWatch does", () => {
    const now = 60_000 * 10;
    const store = new MetricStore({ periodSeconds: 60, clock: () => now });
    store.put({ ...identity, unit: "Count", value: 1 });
    const range = { start: 0, end: now + 60_000 };
    assert.equal(store.query({ ...identity, dimensions: { TableName: "t", Operation: "PutItem" } }, "Sum", range).length, 0);
    assert.equal(store.query({ ...identity, dimensions: {} }, "Sum", range).length, 0);
    assert.equal(store.query(identity, "Sum", range).length, 1);
  });

  it("uses a shorter period when asked (the demo speed)", () => {
    const now = 100_000;
    const store = new MetricStore({ periodSeconds: 5, clock: () => now });
    store.put({ ...identity, unit: "Count", value: 1, timestamp: 90_000 });
    store.put({ ...identity, unit: "Count", value: 1, timestamp: 96_000 });
    assert.deepEqual(store.query(identity, "Sum", { start: 90_000, end: 100_000 }), [
      { timestamp: 90_000, value: 1 },
      { timestamp: 95_000, value: 1 },
    ]);
  });
});
