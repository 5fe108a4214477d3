// Faults between the function and its store: throttling, DynamoDB 5xx, connections reset
// before or after the write is applied, responses slower than the function's timeout. The
// client gets 503 with Retry-After (504 when the function times out), the function logs one
// structured error naming the request, and the table holds the whole event or none of it.
import assert from "node:assert/strict";
import { read, type RecordedEvent } from "../../handlers/eventStore/eventStore";
import { keyedDestinationId } from "../../handlers/http/idempotency";
import { destinationProposed, streamNameFor } from "../../handlers/proposal/propose";
import { fault, type FaultKind } from "../../local/dynamodb/faults";
import { localDynamoClient } from "../../local/dynamodb/server";
import { startLocalStack, type LocalStack } from "../../local/stack";
import { jsonHeaders, post, proposal, type Reply } from "../support/http";
import { until } from "../support/until";
import { LogStream, settingsWith } from "../support/logStream";
import { sharedLocalStack, storeClient } from "../support/localStack";

/**
 * Error records of one request, once its invocation's platform.report is in: an invocation's
 * log lines precede its report, so no error of it can come later.
 */
async function errorsOf(log: LogStream, correlationId: string): Promise<Record<string, unknown>[]> {
  const matching = () =>
    log.records().flatMap(({ json }) => (json["level"] === "ERROR" && json["correlation_id"] === correlationId ? [json] : []));
  if (!(await until(() => matching().length > 0, 5_000))) return [];
  const invocation = matching()[0]!["function_request_id"];
  assert.equal(typeof invocation, "string", "the error record names its invocation");
  const reported = () => log.reports().some((r) => r.requestId === invocation);
  assert.ok(await until(reported, 5_000), `no platform.report for invocation ${String(invocation)}`);
  return matching();
}

/** The stream holds nothing, or exactly the one whole event that was proposed. */
function wholeOrNone(events: readonly RecordedEvent[], body: Record<string, unknown>): void {
  assert.ok(events.length <= 1, `${events.length} events in one proposal's stream`);
  const [event] = events;
  if (!event) return;
  assert.equal(event.type, destinationProposed);
  assert.equal(event.eventNumber, 0);
  assert.match(event.eventId, /^[0-9a-f-]{36}$/);
  assert.ok(!Number.isNaN(Date.parse(event.recordedAt)));
  assert.deepEqual(event.data, body);
  assert.equal(typeof event.metadata["correlationId"], "string");
}

function assertUnavailable(reply: Reply): void {
  assert.equal(reply.status, 503, reply.text);
  assert.equal(reply.headers.get("content-type"), "application/problem+json");
  assert.match(reply.headers.get("retry-after") ?? "", /^\d+$/);
  assert.equal(reply.json.status, 503);
  assert.equal(reply.json.correlationId, reply.headers.get("x-amzn-requestid"));
}

/** What each fault leaves in the table of the proposal it hit. */
const written: Record<FaultKind, "none" | "whole"> = {
  throttle: "none",
  serverError: "none",
  resetBeforeApply: "none",
  resetAfterApply: "whole",
  slow: "whole",
};

describe("faults between the function and the event store", function () {
  this.timeout(60_000);
  let stack: LocalStack;
  before(async () => {
    stack = await sharedLocalStack();
  });

  for (const kind of ["throttle", "serverError", "resetBeforeApply", "resetAfterApply"] as const) {
    it(`${kind}: 503 with Retry-After, one error logged with the correlation id, ${written[kind]} written, and a keyed retry gets the one result`, async () => {
      const key = `fault-${kind}-${Date.now()}`;
      const body = proposal({ name: `Fault ${kind}` });
      const headers = { ...jsonHeaders, "Idempotency-Key": key };
      const streamName = streamNameFor(keyedDestinationId(key));
      const client = await storeClient();
      const logs = new LogStream(stack);
      const injected = fault(kind);
      const remove = stack.dynamo.use(injected.interceptor);
      let reply: Reply;
      try {
        try {
          reply = await post(stack.destinationUrl, JSON.stringify(body), headers);
        } finally {
          remove();
        }
        assert.ok(injected.injected >= 1, "the fault was never hit");
        assertUnavailable(reply);
        const errors = await errorsOf(logs, String(reply.json.correlationId));
        assert.equal(errors.length, 1, `errors logged: ${JSON.stringify(errors)}`);
      } finally {
        logs.stop();
      }

      const events = await read(client, stack.tableName, streamName);
      wholeOrNone(events, body);
      assert.equal(events.length, written[kind] === "whole" ? 1 : 0);

      const retry = await post(stack.destinationUrl, JSON.stringify(body), headers);
      assert.equal(retry.status, 201, retry.text);
      assert.deepEqual(retry.json, { destinationId: keyedDestinationId(key), streamName, eventNumber: 0 });
      // After a fault that wrote, the retry is the original result replayed, not a second write.
      assert.equal(retry.headers.get("idempotent-replayed"), written[kind] === "whole" ? "true" : null);
      const after = await read(client, stack.tableName, streamName);
      assert.equal(after.length, 1);
      if (written[kind] === "whole") assert.equal(after[0]!.eventId, events[0]!.eventId);
    });
  }

  it("a write whose answer was lost once is accepted, not reported as a conflict (no idempotency key)", async () => {
    const body = proposal({ name: "Lost answer" });
    const injected = fault("resetAfterApply", { times: 1 });
    const remove = stack.dynamo.use(injected.interceptor);
    let reply: Reply;
    try {
      reply = await post(stack.destinationUrl, JSON.stringify(body), jsonHeaders);
    } finally {
      remove();
    }
    assert.equal(injected.injected, 1);
    assert.equal(reply.status, 201, reply.text);
    const events = await read(await storeClient(), stack.tableName, String(reply.json.streamName));
    assert.equal(events.length, 1);
    wholeOrNone(events, body);
  });
});

describe("a store slower than the function's timeout", function () {
  this.timeout(60_000);
  const timeoutSeconds = 1;
  const delayMs = 2_500;
  let stack: LocalStack;
  before(async () => {
    stack = await startLocalStack({
      port: 0,
      dynamoPort: 0,
      settings: settingsWith({ timeout: timeoutSeconds }),
    });
  });
  after(async () => {
    await stack?.close();
  });

  it("answers 504, the write it gave up on still lands whole, and a keyed retry replays it", async () => {
    const key = `slow-${Date.now()}`;
    const body = proposal({ name: "Slow store" });
    const headers = { ...jsonHeaders, "Idempotency-Key": key };
    const streamName = streamNameFor(keyedDestinationId(key));
    const injected = fault("slow", { delayMs, times: 1 });
    const remove = stack.dynamo.use(injected.interceptor);
    const client = localDynamoClient(stack.dynamo.endpoint);
    try {
      const reply = await post(stack.destinationUrl, JSON.stringify(body), headers);
      assert.equal(injected.injected, 1);
      assert.equal(reply.status, 504, reply.text);
      assert.deepEqual(reply.json, { message: "Endpoint request timed out" });

      // The write the function gave up on still lands when the store gets to it.
      const outcome = await injected.firstOutcome;
      assert.ok(outcome.kind === "response" && outcome.response.status === 200, "the store applied the slowed write");
      const events = await read(client, stack.tableName, streamName);
      wholeOrNone(events, body);
      assert.equal(events.length, written.slow === "whole" ? 1 : 0);

      const retry = await post(stack.destinationUrl, JSON.stringify(body), headers);
      assert.equal(retry.status, 201, retry.text);
      assert.deepEqual(retry.json, { destinationId: keyedDestinationId(key), streamName, eventNumber: 0 });
      // The write landed, so the retry is its result replayed, not a second write.
      assert.equal(retry.headers.get("idempotent-replayed"), "true");
      const after = await read(client, stack.tableName, streamName);
      assert.equal(after.length, 1);
      assert.equal(after[0]!.eventId, events[0]!.eventId);
    } finally {
      remove();
      client.destroy();
    }
  });
});
