// The CloudWatch queries a run against a deployed stack makes, and how their results fold
// into the report (the call itself needs AWS and is not made here).
import assert from "node:assert/strict";
import { awsNamespaces, reportMetrics, stackNamespace } from "../../config/metrics";
import { awsDimensions, dynamoDbMetrics, lambdaMetrics } from "../../dashboards/awsMetrics";
import { measurementFrom, metricQueries, minuteWindow } from "../../loadtest/cloudWatch";

const target = { stack: "prod", tableName: "visitplannr-prod-events", functionName: "visitplannr-prod-proposeDestination" };

describe("CloudWatch measurement of a deployed run", function () {
  it("asks for the table's consumed units and throttle events, Lambda Duration p95 and BilledDuration", function () {
    const queries = metricQueries(target);
    const byId = new Map(queries.map((q) => [q.Id, q.MetricStat!]));
    assert.equal(new Set(queries.map((q) => q.Id)).size, queries.length);
    const consumed = byId.get("consumedWrite")!;
    assert.equal(consumed.Metric!.Namespace, awsNamespaces.dynamoDb);
    assert.equal(consumed.Metric!.MetricName, dynamoDbMetrics.consumedWriteCapacity);
    assert.deepEqual(consumed.Metric!.Dimensions, [{ Name: awsDimensions.tableName, Value: target.tableName }]);
    assert.equal(consumed.Stat, "Sum");
    assert.equal(byId.get("writeThrottles")!.Metric!.MetricName, dynamoDbMetrics.writeThrottleEvents);
    const duration = byId.get("durationP95")!;
    assert.equal(duration.Metric!.Namespace, awsNamespaces.lambda);
    assert.equal(duration.Metric!.MetricName, lambdaMetrics.duration);
    assert.deepEqual(duration.Metric!.Dimensions, [{ Name: awsDimensions.functionName, Value: target.functionName }]);
    assert.equal(duration.Stat, "p95");
    const billed = byId.get("billedAverage")!;
    assert.equal(billed.Metric!.Namespace, stackNamespace("prod"));
    assert.equal(billed.Metric!.MetricName, reportMetrics.billedDuration.name);
    assert.ok(queries.every((q) => q.MetricStat!.Period === 60 && q.ReturnData === true));
  });

  it("widens the run to whole minutes", function () {
    const w = minuteWindow(new Date("2026-01-01T10:00:42Z"), new Date("2026-01-01T10:02:05Z"));
    assert.equal(w.start.toISOString(), "2026-01-01T10:00:00.000Z");
    assert.equal(w.end.toISOString(), "2026-01-01T10:03:00.000Z");
  });

  it("adds up sums, keeps the worst minute's p95, and says when there is no data", function () {
    const window = minuteWindow(new Date("2026-01-01T10:00:00Z"), new Date("2026-01-01T10:02:00Z"));
    const m = measurementFrom(
      [
        { Id: "consumedWrite", Values: [600, 612] },
        { Id: "writeThrottles", Values: [3, 0] },
        { Id: "durationP95", Values: [41.5, 58.25] },
        { Id: "billedAverage", Values: [40, 60] },
      ],
      window,
    );
    assert.equal(m.consumedWriteUnits, 1212);
    assert.equal(m.writeThrottleEvents, 3);
    assert.equal(m.consumedReadUnits, 0);
    assert.equal(m.lambdaDurationP95Ms, 58.25);
    assert.equal(m.billedDurationAverageMs, 50);
    assert.equal(measurementFrom([], window).lambdaDurationP95Ms, undefined);
  });
});
