// Nothing lost, nothing duplicated under load: every 201 is one DestinationProposed event in
// its own stream, and an idempotency key yields exactly one event however often and however
// concurrently it is sent.
import assert from "node:assert/strict";
import { ScanCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { read } from "../../handlers/eventStore/eventStore";
import { eventAttributes } from "../../handlers/eventStore/table";
import { destinationProposed } from "../../handlers/proposal/propose";
import type { LocalStack } from "../../local/stack";
import { jsonHeaders, post, proposal, type Reply } from "../support/http";
import { sharedLocalStack, storeClient } from "../support/localStack";

const total = 2_000;
const concurrency = 64;
/** Requests that carry an idempotency key; each key is sent `sendsPerKey` times. */
const keyedShare = 0.3;
const sendsPerKey = 3;

interface Sent {
  readonly key?: string;
  readonly body: string;
}

/** Streams holding DestinationProposed events, with how many each holds. */
async function proposedEventsByStream(stack: LocalStack): Promise<Map<string, number>> {
  const client = await storeClient();
  const streams = new Map<string, number>();
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: stack.tableName,
        ConsistentRead: true,
        FilterExpression: "#t = :t",
        ExpressionAttributeNames: { "#t": eventAttributes.eventType, "#s": eventAttributes.streamName },
        ExpressionAttributeValues: { ":t": { S: destinationProposed } },
        ProjectionExpression: "#s",
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const stream = item[eventAttributes.streamName]!.S!;
      streams.set(stream, (streams.get(stream) ?? 0) + 1);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return streams;
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the order of results. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/**
 * `total` requests: plain proposals, and keyed ones whose sends are spread so that some meet
 * their duplicates in flight (adjacent, so they run concurrently) and some arrive later as retries.
 */
function workload(runId: string): Sent[] {
  const keyedSends = Math.round(total * keyedShare);
  const keys = Math.floor(keyedSends / sendsPerKey);
  const plain = total - keys * sendsPerKey;
  const sent: Sent[] = Array.from({ length: plain }, (_, i) => ({ body: JSON.stringify(proposal({ name: `Plain ${runId} ${i}` })) }));
  for (let k = 0; k < keys; k++) {
    const key = `load-${runId}-${k}`;
    const body = JSON.stringify(proposal({ name: `Keyed ${runId} ${k}`, tags: ["retry"] }));
    // Two sends side by side (concurrent duplicates), the last one later in the run (a retry).
    const at = Math.floor((k * plain) / keys);
    sent.splice(at + 2 * k, 0, { key, body }, { key, body });
    sent.push({ key, body });
  }
  return sent;
}

describe("2,000 proposals at 64 concurrent", function () {
  this.timeout(300_000);
  let stack: LocalStack;
  let restoreCapacity: () => void;

  before(async () => {
    stack = await sharedLocalStack();
    const previous = stack.dynamo.capacity;
    // Throughput limits are proven elsewhere; here every request must reach the store.
    stack.dynamo.setCapacity("unlimited");
    restoreCapacity = () => stack.dynamo.setCapacity(previous);
  });
  after(() => restoreCapacity?.());

  it("loses nothing and duplicates nothing: one event per 201, one per idempotency key", async () => {
    const runId = `${Date.now()}`;
    const sent = workload(runId);
    assert.equal(sent.length, total);
    const before = await proposedEventsByStream(stack);

    const replies = await pool(
      sent,
      concurrency,
      (s): Promise<Reply> => post(stack.destinationUrl, s.body, s.key ? { ...jsonHeaders, "Idempotency-Key": s.key } : jsonHeaders),
    );

    const after = await proposedEventsByStream(stack);
    const created = [...after].filter(([stream]) => !before.has(stream));
    const statuses = new Map<number, number>();
    for (const r of replies) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    assert.deepEqual([...statuses], [[201, total]], "every request is accepted");

    // Plain requests: each 201 is a stream of its own, none shared.
    const plainIds = replies.filter((_, i) => !sent[i]!.key).map((r) => String(r.json.destinationId));
    assert.equal(new Set(plainIds).size, plainIds.length, "no two plain proposals share an id");

    // Keyed requests: every send of a key answers the same id; exactly one of them wrote.
    const byKey = new Map<string, Reply[]>();
    for (const [i, s] of sent.entries()) if (s.key) byKey.set(s.key, [...(byKey.get(s.key) ?? []), replies[i]!]);
    for (const [key, answers] of byKey) {
      assert.equal(answers.length, sendsPerKey);
      assert.equal(new Set(answers.map((a) => a.json.destinationId)).size, 1, `${key} answered different ids`);
      const fresh = answers.filter((a) => a.headers.get("idempotent-replayed") !== "true");
      assert.equal(fresh.length, 1, `${key}: ${fresh.length} sends claim to have written`);
    }

    // The table: exactly the new streams the 201s name, one DestinationProposed event each.
    const ids = new Set([...plainIds, ...[...byKey.values()].map((a) => String(a[0]!.json.destinationId))]);
    const written = replies.filter((r) => r.headers.get("idempotent-replayed") !== "true").length;
    assert.equal(created.length, written, "new streams = 201s that wrote");
    assert.equal(created.length, ids.size);
    assert.deepEqual(
      created.filter(([, n]) => n !== 1),
      [],
      "a stream holds more than one proposal",
    );
    assert.deepEqual(new Set(created.map(([stream]) => stream)), new Set([...ids].map((id) => `destination-${id}`)));

    // Every returned id resolves to its stream, holding the proposal that was sent.
    const client = await storeClient();
    await pool([...replies.keys()], 16, async (i) => {
      const r = replies[i]!;
      assert.equal(r.json.streamName, `destination-${String(r.json.destinationId)}`);
      const events = await read(client, stack.tableName, String(r.json.streamName));
      assert.equal(events.length, 1);
      assert.equal(events[0]!.type, destinationProposed);
      assert.deepEqual(events[0]!.data, JSON.parse(sent[i]!.body));
    });
  });
});
