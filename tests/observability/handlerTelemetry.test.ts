// The real handler, run by the local stack's Lambda emulation: what it writes to its log stream
// is what CloudWatch turns into metrics, so names, units and dimensions are checked there.
import assert from "node:assert/strict";
import { dimensions, handlerMetrics, rejectionReasons, serviceName, stackNamespace } from "../../config/metrics";
import { emfDatapoints } from "../../local/observability/recorders/emf";
import { startLocalStack, type LocalStack } from "../../local/stack";
import { jsonHeaders, post, proposal } from "../support/http";
import { localStackName } from "../../config/names";
import { resourcePath } from "../../handlers/http/routes";
import { proxyEvent } from "../support/proxyEvent";

interface Emitted {
  readonly namespace: string;
  readonly metricName: string;
  readonly unit: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly value: number;
}

describe("handler telemetry on its log stream", () => {
  let stack: LocalStack;
  const lines: string[] = [];
  let emitted: Emitted[] = [];
  let logs: Record<string, unknown>[] = [];
  const secret = "Rock pools, and a secret only the body should know";

  before(async () => {
    stack = await startLocalStack({ port: 0, dynamoPort: 0, capacity: "unlimited" });
    try {
      stack.lambda.onLog((line) => lines.push(line));
      const url = stack.destinationUrl;
      const key = { ...jsonHeaders, "Idempotency-Key": "telemetry-1" };
      assert.equal((await post(url, JSON.stringify(proposal({ description: secret })), key)).status, 201);
      assert.equal((await post(url, JSON.stringify(proposal({ description: secret })), key)).status, 201);
      assert.equal((await post(url, JSON.stringify(proposal({ name: "Other" })), key)).status, 409);
      assert.equal((await post(url, JSON.stringify({ name: "" }), jsonHeaders)).status, 400);
      assert.equal((await post(url, "{", jsonHeaders)).status, 400);
      assert.equal((await post(url, "x", {})).status, 415);
      // API Gateway refuses other methods itself; sent straight to the function, as a misrouted
      // request would reach it, a GET is the function's own rejection.
      const get = proxyEvent({ method: "GET", path: resourcePath, headers: {}, body: null, isBase64Encoded: false }, "telemetry-get");
      assert.equal((await stack.lambda.invoke(get)).statusCode, 405);
    } finally {
      // Closed whether or not a request went as expected, and before its log lines are read.
      await stack.close();
    }
    emitted = lines.flatMap((line) =>
      emfDatapoints(line).map((d) => ({
        namespace: d.namespace,
        metricName: d.metricName,
        unit: d.unit,
        dimensions: d.dimensions,
        value: d.value,
      })),
    );
    logs = lines.flatMap((line) => {
      try {
        const json = JSON.parse(line) as Record<string, unknown>;
        return typeof json.level === "string" ? [json] : [];
      } catch {
        return [];
      }
    });
  });

  const named = (name: string) => emitted.filter((m) => m.metricName === name);

  it("emits every handler metric in the stack's namespace, with its unit and the service dimension", () => {
    for (const metric of Object.values(handlerMetrics)) {
      const found = named(metric.name);
      assert.ok(found.length > 0, `${metric.name} was not emitted`);
      for (const m of found) {
        assert.equal(m.namespace, stackNamespace(localStackName), metric.name);
        assert.equal(m.unit, metric.unit, metric.name);
        assert.equal(m.dimensions[dimensions.service], serviceName, metric.name);
      }
    }
  });

  it("counts accepted proposals with the write capacity DynamoDB reported", () => {
    assert.deepEqual(
      named(handlerMetrics.proposalsAccepted.name).map((m) => m.value),
      [1],
    );
    assert.deepEqual(
      named(handlerMetrics.consumedWriteCapacity.name).map((m) => m.value),
      [1],
    );
    assert.deepEqual(
      named(handlerMetrics.idempotentReplays.name).map((m) => m.value),
      [1],
    );
    assert.deepEqual(
      named(handlerMetrics.eventStoreConflicts.name).map((m) => m.value),
      [1],
    );
  });

  it("counts every rejection once, by a bounded reason dimension", () => {
    const rejected = named(handlerMetrics.proposalsRejected.name);
    const reasons = rejected.map((m) => m.dimensions[dimensions.reason]).sort();
    assert.deepEqual(reasons, ["conflict", "malformed", "mediaType", "method", "validation"]);
    for (const reason of reasons) assert.ok((rejectionReasons as readonly string[]).includes(reason!));
    assert.deepEqual(Object.keys(rejected[0]!.dimensions).sort(), [dimensions.reason, dimensions.service].sort());
  });

  it("reports the cold start once, with the function name", () => {
    const cold = named(handlerMetrics.coldStart.name);
    assert.equal(cold.length, 1);
    assert.equal(cold[0]!.dimensions[dimensions.coldStartFunctionName], stack.functionName);
  });

  it("logs structured JSON with the correlation id and the request's keys, never the body", () => {
    assert.ok(logs.length >= 7, `expected a log line per request, got ${logs.length}`);
    for (const log of logs) {
      assert.equal(typeof log.correlation_id, "string");
      assert.equal(log.service, serviceName);
    }
    const proposed = logs.find((l) => l.message === "destination proposed");
    assert.ok(proposed);
    assert.equal(proposed.idempotency_key, "telemetry-1");
    assert.match(String(proposed.destination_id), /^[0-9a-f-]{36}$/);
    assert.equal(proposed.name, "Tide pools at Wembury");
    assert.ok(!lines.some((l) => l.includes(secret)), "a request body reached the log");
  });
});
