import { strict as assert } from "node:assert";
import { apiGatewayRecorder } from "../../../local/observability/recorders/apiGateway";
import { dynamoDbRecorder } from "../../../local/observability/recorders/dynamoDb";
import { emfDatapoints } from "../../../local/observability/recorders/emf";
import { MetricStore } from "../../../local/observability/metricStore";
import type { RequestObservation } from "../../../local/dynamodb/front";

const now = 600_000;
const all = { start: 0, end: now + 60_000 };
const store = () => new MetricStore({ periodSeconds: 60, clock: () => now });

describe("metric recorders", () => {
  it("parses EMF: every dimension set gets the metric, array values become several samples", () => {
    const line = JSON.stringify({
      _aws: {
        Timestamp: now,
        CloudWatchMetrics: [
          {
            Namespace: "visitplannr/local",
            Dimensions: [["service"], ["service", "reason"]],
            Metrics: [{ Name: "ProposalsRejected", Unit: "Count" }],
          },
        ],
      },
      service: "visitplannr",
      reason: "validation",
      ProposalsRejected: [1, 1],
    });
    const points = emfDatapoints(line);
    assert.equal(points.length, 4);
    assert.deepEqual(
      points.map((p) => p.dimensions),
      [
        { service: "visitplannr" },
        { service: "visitplannr" },
        { service: "visitplannr", reason: "validation" },
        { service: "visitplannr", reason: "validation" },
      ],
    );
    assert.ok(points.every((p) => p.namespace === "visitplannr/local" && p.unit === "Count" && p.value === 1));
    assert.deepEqual(emfDatapoints('{"level":"INFO","message":"destination proposed"}'), []);
    assert.deepEqual(emfDatapoints("START RequestId: 1"), []);
  });

  it("records API Gateway errors as 0 or 1 per request, so their Average is the error rate", () => {
    const s = store();
    const record = apiGatewayRecorder(s, { apiName: "visitplannr-local", stage: "v1" });
    for (const statusCode of [201, 201, 400, 503])
      record({
        startedAt: now,
        method: "POST",
        resource: "/destination",
        statusCode,
        latencyMs: 12,
        integrationLatencyMs: 10,
        requestId: "r",
        outcome: "accepted",
      });
    record({
      startedAt: now,
      method: "POST",
      resource: "/destination",
      statusCode: 413,
      latencyMs: 1,
      integrationLatencyMs: undefined,
      requestId: "r",
      outcome: "request too long at the gateway",
    });
    const m = (metricName: string) => ({
      namespace: "AWS/ApiGateway",
      metricName,
      dimensions: { ApiName: "visitplannr-local", Stage: "v1" },
    });
    assert.equal(s.query(m("Count"), "Sum", all)[0]?.value, 5);
    assert.equal(s.query(m("4XXError"), "Average", all)[0]?.value, 2 / 5);
    assert.equal(s.query(m("5XXError"), "Sum", all)[0]?.value, 1);
    assert.equal(
      s.query(m("IntegrationLatency"), "SampleCount", all)[0]?.value,
      4,
      "no integration latency when the handler was not reached",
    );
  });

  it("maps store observations to AWS/DynamoDB metrics with DynamoDB's dimensions", () => {
    const s = store();
    const record = dynamoDbRecorder(s);
    const base: RequestObservation = {
      operation: "PutItem",
      tableName: "events",
      startedAt: now,
      latencyMs: 4,
      statusCode: 200,
      errorType: undefined,
      consumedReadUnits: 0,
      consumedWriteUnits: 1,
      throttled: undefined,
      conditionalCheckFailed: false,
    };
    record(base);
    record({ ...base, statusCode: 400, errorType: "ProvisionedThroughputExceededException", consumedWriteUnits: 0, throttled: "write" });
    record({ ...base, statusCode: 400, errorType: "ConditionalCheckFailedException", conditionalCheckFailed: true });
    record({ ...base, statusCode: 500, errorType: "InternalServerError", consumedWriteUnits: 0 });
    record({
      ...base,
      operation: "GetItem",
      tableName: "missing",
      statusCode: 400,
      errorType: "ResourceNotFoundException",
      consumedWriteUnits: 0,
    });
    const table = { TableName: "events" };
    const put = { TableName: "events", Operation: "PutItem" };
    const sum = (metricName: string, dimensions: Record<string, string>) =>
      s.query({ namespace: "AWS/DynamoDB", metricName, dimensions }, "Sum", all)[0]?.value;
    assert.equal(sum("ConsumedWriteCapacityUnits", table), 2);
    assert.equal(sum("WriteThrottleEvents", table), 1);
    assert.equal(sum("ReadThrottleEvents", table), undefined);
    assert.equal(sum("ThrottledRequests", put), 1);
    assert.equal(sum("ConditionalCheckFailedRequests", table), 1);
    assert.equal(sum("SystemErrors", put), 1);
    assert.equal(sum("UserErrors", {}), 1, "only the missing-table error is a user error");
    assert.equal(
      s.query({ namespace: "AWS/DynamoDB", metricName: "SuccessfulRequestLatency", dimensions: put }, "SampleCount", all)[0]?.value,
      1,
    );
  });
});
