import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { append, ConcurrencyError, read } from "../../handlers/eventStore/eventStore";
import { localDynamoClient, startLocalDynamo, type LocalDynamo } from "../../local/dynamodb/server";

const tableName = "eventstore-test-events";
const event = (n: number) => ({ type: "Numbered", data: { n }, metadata: { correlationId: `c-${n}` } });

describe("event store on a real embedded DynamoDB", () => {
  let store: LocalDynamo;
  let client: DynamoDBClient;
  before(async () => {
    store = await startLocalDynamo({ port: 0, tableName, readCapacity: 5, writeCapacity: 5, capacity: "unlimited" });
    client = localDynamoClient(store.endpoint);
  });
  after(async () => {
    client.destroy();
    await store.close();
  });

  it("appends at the next event number and reads the stream back in order", async () => {
    const stream = `test-${randomUUID()}`;
    await append(client, tableName, stream, -1, [event(0)]);
    await append(client, tableName, stream, 0, [event(1)]);
    await append(client, tableName, stream, 1, [event(2)]);
    const events = await read(client, tableName, stream);
    assert.deepEqual(
      events.map((e) => e.eventNumber),
      [0, 1, 2],
    );
    assert.deepEqual(
      events.map((e) => e.data),
      [{ n: 0 }, { n: 1 }, { n: 2 }],
    );
    assert.equal(new Set(events.map((e) => e.eventId)).size, 3);
  });

  it("reports the write capacity DynamoDB consumed", async () => {
    const result = await append(client, tableName, `test-${randomUUID()}`, -1, [event(0)]);
    assert.equal(result.consumedWriteCapacity, 1);
  });

  it("refuses an append at a position already taken, with the event that holds it", async () => {
    const stream = `test-${randomUUID()}`;
    const [held] = (await append(client, tableName, stream, -1, [event(0)], () => new Date("2026-11-27T10:00:00.000Z"))).events;
    await assert.rejects(append(client, tableName, stream, -1, [event(99)]), (err: unknown) => {
      assert.ok(err instanceof ConcurrencyError);
      assert.equal(err.streamName, stream);
      assert.equal(err.eventNumber, 0);
      assert.equal(err.message, `stream ${stream} already has event 0`);
      assert.equal(err.name, "ConcurrencyError");
      assert.deepEqual(err.existing, {
        streamName: stream,
        eventNumber: 0,
        eventId: held!.eventId,
        type: "Numbered",
        data: { n: 0 },
        metadata: { correlationId: "c-0" },
        recordedAt: "2026-11-27T10:00:00.000Z",
      });
      // The id of the event this append tried to write, so a retry that meets its own event can tell.
      assert.match(err.attemptedEventId ?? "", /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.notEqual(err.attemptedEventId, held!.eventId);
      return true;
    });
    assert.deepEqual(
      (await read(client, tableName, stream)).map((e) => e.data),
      [{ n: 0 }],
    );
  });

  it("appends several events at once, numbered in order, at two write units each", async () => {
    const stream = `test-${randomUUID()}`;
    const result = await append(client, tableName, stream, -1, [event(0), event(1), event(2)]);
    assert.deepEqual(
      result.events.map((e) => [e.eventNumber, e.data]),
      [
        [0, { n: 0 }],
        [1, { n: 1 }],
        [2, { n: 2 }],
      ],
    );
    // A transactional write of an item up to 1 KB costs 2 write units.
    assert.equal(result.consumedWriteCapacity, 6);
    const more = await append(client, tableName, stream, 2, [event(3), event(4)]);
    assert.equal(more.consumedWriteCapacity, 4);
    assert.deepEqual(
      (await read(client, tableName, stream)).map((e) => [e.eventNumber, e.data]),
      [0, 1, 2, 3, 4].map((n) => [n, { n }]),
    );
  });

  it("refuses a multi-event append whole, naming the position already taken", async () => {
    const stream = `test-${randomUUID()}`;
    // Event 2 alone (expected version 1), so the batch below collides at its third position.
    await append(client, tableName, stream, 1, [event(2)]);
    await assert.rejects(append(client, tableName, stream, -1, [event(10), event(11), event(12)]), (err: unknown) => {
      assert.ok(err instanceof ConcurrencyError);
      assert.equal(err.streamName, stream);
      assert.equal(err.eventNumber, 2);
      return true;
    });
    await assert.rejects(append(client, tableName, stream, 1, [event(20), event(21)]), (err: unknown) => {
      assert.ok(err instanceof ConcurrencyError);
      assert.equal(err.eventNumber, 2);
      return true;
    });
    assert.deepEqual(
      (await read(client, tableName, stream)).map((e) => [e.eventNumber, e.data]),
      [[2, { n: 2 }]],
    );
  });

  it("refuses a batch with an event over DynamoDB's 400 KB item limit as DynamoDB does, not as a conflict", async () => {
    const stream = `test-${randomUUID()}`;
    const huge = { type: "Numbered", data: { text: "x".repeat(400 * 1024) }, metadata: {} };
    await assert.rejects(append(client, tableName, stream, -1, [event(0), huge]), (err: Error & { CancellationReasons?: unknown }) => {
      assert.equal(err.name, "TransactionCanceledException");
      assert.deepEqual(
        (err.CancellationReasons as { Code: string }[]).map((r) => r.Code),
        ["None", "ValidationError"],
      );
      return true;
    });
    assert.deepEqual(await read(client, tableName, stream), []);
  });

  it("passes other failures through unchanged", async () => {
    await assert.rejects(append(client, "no-such-table", `test-${randomUUID()}`, -1, [event(0)]), { name: "ResourceNotFoundException" });
    await assert.rejects(append(client, "no-such-table", `test-${randomUUID()}`, -1, [event(0), event(1)]), {
      name: "ResourceNotFoundException",
    });
  });

  it("reads strongly consistently, every page", async () => {
    const stream = `test-${randomUUID()}`;
    // Events of about 100 KB, so a 1 MB query page holds fewer than all of them.
    const big = (n: number) => ({ type: "Big", data: { n, pad: "p".repeat(100_000) }, metadata: {} });
    for (let n = 0; n < 14; n++) await append(client, tableName, stream, n - 1, [big(n)]);
    const queries: unknown[] = [];
    const stop = store.use(async (call, next) => {
      if (call.operation === "Query") queries.push(call.input?.["ConsistentRead"]);
      return next(call);
    });
    try {
      const events = await read(client, tableName, stream);
      assert.deepEqual(
        events.map((e) => e.eventNumber),
        Array.from({ length: 14 }, (_, n) => n),
      );
    } finally {
      stop();
    }
    assert.ok(queries.length >= 2, `one page only (${queries.length})`);
    assert.deepEqual(
      queries,
      queries.map(() => true),
    );
  });

  it("lets exactly one of many concurrent writers with the same expected version win", async () => {
    const stream = `test-${randomUUID()}`;
    await append(client, tableName, stream, -1, [event(0)]);
    const writers = Array.from({ length: 16 }, (_, i) => append(client, tableName, stream, 0, [event(100 + i)]));
    const results = await Promise.allSettled(writers);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    assert.equal(won.length, 1);
    assert.ok(lost.every((r) => r.status === "rejected" && r.reason instanceof ConcurrencyError));
    const events = await read(client, tableName, stream);
    assert.equal(events.length, 2);
  });

  it("reads an empty list for a stream that does not exist", async () => {
    assert.deepEqual(await read(client, tableName, `missing-${randomUUID()}`), []);
  });
});
