// The function's timeout on the local Lambda emulation: the environment is stopped at the
// deadline and replaced, the client gets 504, and the table holds the whole event or none.
import assert from "node:assert/strict";
import { ScanCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { localDynamoClient } from "../../../local/dynamodb/server";
import { fault } from "../../../local/dynamodb/faults";
import { fromItem } from "../../../handlers/eventStore/eventStore";
import { startLocalStack, type LocalStack } from "../../../local/stack";
import { jsonHeaders, post, proposal } from "../../support/http";
import { LogStream, settingsWith } from "../../support/logStream";

describe("Lambda emulation: timeout", () => {
  const timeoutSeconds = 1;
  // Past the function's timeout, inside the handler's own DynamoDB request timeout (2 s).
  const storeDelayMs = 1500;
  let stack: LocalStack;
  let log: LogStream;

  before(async () => {
    stack = await startLocalStack({ port: 0, dynamoPort: 0, settings: settingsWith({ timeout: timeoutSeconds }) });
    log = new LogStream(stack);
  });
  after(async () => {
    log.stop();
    await stack.close();
  });

  async function items(): Promise<Record<string, AttributeValue>[]> {
    const client = localDynamoClient(stack.dynamo.endpoint);
    try {
      const out = await client.send(new ScanCommand({ TableName: stack.tableName, ConsistentRead: true }));
      return out.Items ?? [];
    } finally {
      client.destroy();
    }
  }

  it("answers 504, reports the timeout, replaces the environment and leaves no partial event", async () => {
    // Warm an environment first, so the one that times out is a reused one.
    assert.equal((await post(stack.destinationUrl, JSON.stringify(proposal({ name: "Warm-up" })), jsonHeaders)).status, 201);
    const before = new Set((await items()).map((item) => item.StreamName!.S));

    const delayed = fault("slow", { operations: ["PutItem"], delayMs: storeDelayMs, times: 1 });
    const stop = stack.dynamo.use(delayed.interceptor);
    let timedOut: Awaited<ReturnType<typeof post>>;
    try {
      timedOut = await post(stack.destinationUrl, JSON.stringify(proposal({ name: "Too slow" })), jsonHeaders);
    } finally {
      stop();
    }
    assert.equal(timedOut.status, 504, timedOut.text);
    assert.deepEqual(timedOut.json, { message: "Endpoint request timed out" });

    const [warm, late] = log.reports();
    assert.equal(late!.status, "timeout");
    assert.equal(late!.logStream, warm!.logStream);
    assert.ok(late!.metrics.durationMs >= timeoutSeconds * 1000, JSON.stringify(late));
    assert.equal(late!.metrics.billedDurationMs, Math.ceil(late!.metrics.durationMs));

    // The store finishes (or refuses) the write it had begun; let it, then look at the table.
    const outcome = await delayed.firstOutcome;
    const landed = outcome.kind === "response" && outcome.response.status === 200;

    const next = await post(stack.destinationUrl, JSON.stringify(proposal({ name: "After the timeout" })), jsonHeaders);
    assert.equal(next.status, 201, next.text);
    const after = log.reports().at(-1)!;
    assert.ok(after.metrics.initDurationMs! > 0, "the next invocation starts a new environment");
    assert.notEqual(after.logStream, late!.logStream);
    assert.equal(stack.lambda.environments, 1);

    const nextStream = (next.json as { streamName: string }).streamName;
    const fromTimedOut = (await items()).filter((item) => !before.has(item.StreamName!.S) && item.StreamName!.S !== nextStream);
    // Whole or none, as the store's answer to the write says.
    assert.equal(
      fromTimedOut.length,
      landed ? 1 : 0,
      `${fromTimedOut.length} items from one proposal; the store answered ${JSON.stringify(outcome.kind)}`,
    );
    for (const item of fromTimedOut) {
      const event = fromItem(item);
      assert.equal(event.type, "DestinationProposed");
      assert.equal(event.eventNumber, 0);
      assert.equal((event.data as { name: string }).name, "Too slow");
    }
  });
});
