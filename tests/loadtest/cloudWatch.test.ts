// The CloudWatch queries a run against a deployed stack makes, how their results fold into
// the report, and how the run polls: against a stand-in on loopback that answers GetMetricData
// in CloudWatch's JSON protocol, since CloudWatch itself is out of reach.
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { awsNamespaces, reportMetrics, stackNamespace } from "../../config/metrics";
import { awsDimensions, dynamoDbMetrics, lambdaMetrics } from "../../dashboards/awsMetrics";
import { measurementFrom, metricQueries, minuteWindow, readCloudWatch } from "../../loadtest/cloudWatch";
import { localCredentials, localRegion } from "../../local/awsIdentity";

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
        { Id: "durationAverage", Values: [20, 30] },
      ],
      window,
    );
    assert.equal(m.consumedWriteUnits, 1212);
    assert.equal(m.writeThrottleEvents, 3);
    assert.equal(m.consumedReadUnits, 0);
    assert.equal(m.lambdaDurationP95Ms, 58.25);
    assert.equal(m.billedDurationAverageMs, 50);
    // Lambda concurrency is sized from Duration's average (rate × time per invocation).
    assert.equal(m.lambdaDurationAverageMs, 25);
    assert.equal(measurementFrom([], window).lambdaDurationP95Ms, undefined);
    assert.equal(measurementFrom([], window).lambdaDurationAverageMs, undefined);
  });

  describe("polling", function () {
    this.timeout(15_000);
    let server: Server;
    let client: CloudWatchClient;
    let requests: { NextToken?: string }[];
    let answer: (request: { NextToken?: string }) => unknown;

    beforeEach(async () => {
      requests = [];
      server = createServer((req, res) => {
        let body = "";
        req.on("data", (chunk: Buffer) => (body += chunk.toString()));
        req.on("end", () => {
          const request = JSON.parse(body) as { NextToken?: string };
          requests.push(request);
          res.writeHead(200, { "content-type": "application/x-amz-json-1.0" }).end(JSON.stringify(answer(request)));
        });
      });
      server.listen(0, "127.0.0.1");
      await once(server, "listening");
      client = new CloudWatchClient({
        region: localRegion,
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        credentials: localCredentials,
        maxAttempts: 1,
      });
    });
    afterEach(async () => {
      client.destroy();
      server.close();
      await once(server, "close");
    });

    const runStart = new Date("2026-01-01T10:00:10Z");
    const runEnd = new Date("2026-01-01T10:01:50Z");
    const lastMinute = Date.parse("2026-01-01T10:01:00Z") / 1000;

    it("reads every page, and stops once the run's last minute has datapoints", async () => {
      answer = (request) =>
        request.NextToken === undefined
          ? { MetricDataResults: [{ Id: "durationP95", Timestamps: [lastMinute], Values: [42] }], NextToken: "page-2" }
          : { MetricDataResults: [{ Id: "consumedWrite", Timestamps: [lastMinute - 60, lastMinute], Values: [30, 31] }] };
      const m = await readCloudWatch(client, { ...target, waitSeconds: 600 }, runStart, runEnd);
      assert.deepEqual(
        requests.map((r) => r.NextToken),
        [undefined, "page-2"],
      );
      assert.equal(m.consumedWriteUnits, 61);
      assert.equal(m.lambdaDurationP95Ms, 42);
    });

    it("gives up when the wait is over, even a wait shorter than its poll interval", async () => {
      answer = () => ({ MetricDataResults: [] });
      const m = await readCloudWatch(client, { ...target, waitSeconds: 1 }, runStart, runEnd);
      assert.ok(requests.length >= 2, `asked ${requests.length} times`);
      assert.equal(m.consumedWriteUnits, 0);
      assert.equal(m.lambdaDurationP95Ms, undefined);
    });
  });
});
