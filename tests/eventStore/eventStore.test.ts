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
    await append(client, tableName, stream, -1, [event(0)]);
    await assert.rejects(append(client, tableName, stream, -1, [event(99)]), (err: unknown) => {
      assert.ok(err instanceof ConcurrencyError);
      assert.equal(err.eventNumber, 0);
      return true;
    });
    assert.deepEqual(
      (await read(client, tableName, stream)).map((e) => e.data),
      [{ n: 0 }],
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
