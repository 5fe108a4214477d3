// The store probe on a real embedded DynamoDB, fed by the event store's own writes: what each
// write adds to its partition key's tally, whether the write went in or its condition failed.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { apiGatewayIntegrationTimeoutSeconds } from "../../config/infrastructure";
import { append, ConcurrencyError } from "../../handlers/eventStore/eventStore";
import { localDynamoClient, startLocalDynamo, type LocalDynamo } from "../../local/dynamodb/server";
import { failedConditionalWriteUnits } from "../../aws/dynamodb/capacityUnits";
import { attachStoreProbe, type StoreProbe } from "../../loadtest/storeProbe";
import { Timeline } from "../../loadtest/timeline";

const tableName = "store-probe-test-events";
// About 2.5 KB of data: a write of more than one unit, so units are not mistaken for calls.
const largeEvent = { type: "Large", data: { text: "x".repeat(2500) }, metadata: {} };

describe("load test store probe", function () {
  let store: LocalDynamo;
  let client: DynamoDBClient;
  let probe: StoreProbe | undefined;

  before(async () => {
    store = await startLocalDynamo({ port: 0, tableName, readCapacity: 5, writeCapacity: 5, capacity: "unlimited" });
    client = localDynamoClient(store.endpoint);
  });

  afterEach(() => probe?.detach());

  after(async () => {
    client.destroy();
    await store.close();
  });

  const attach = (): StoreProbe => (probe = attachStoreProbe(store, tableName, new Timeline(), Date.now()));

  it("tallies a write on its partition key at the units the store charged for it", async () => {
    const p = attach();
    const { consumedWriteCapacity } = await append(client, tableName, `probe-${randomUUID()}`, -1, [largeEvent]);
    assert.ok(consumedWriteCapacity > 1);
    assert.equal(p.measurement().hottestKeyWriteUnitsPerSecond, consumedWriteCapacity);
    assert.equal(p.measurement().demandedWriteUnits, consumedWriteCapacity);
  });

  it("tallies a failed condition on the key too, at what it is priced", async () => {
    const stream = `probe-${randomUUID()}`;
    await append(client, tableName, stream, -1, [largeEvent]);
    const p = attach();
    await assert.rejects(append(client, tableName, stream, -1, [largeEvent]), ConcurrencyError);
    const m = p.measurement();
    assert.equal(m.conditionalCheckFailures, 1);
    // The item was written before the probe watched, so its size is unknown to it.
    assert.equal(m.hottestKeyWriteUnitsPerSecond, failedConditionalWriteUnits(undefined));
    assert.equal(m.demandedWriteUnits, failedConditionalWriteUnits(undefined));
  });

  it("holds one second's key tallies and the retry window's items however long the run, and still prices a resent key's item", async () => {
    const resentKey = `resent-${randomUUID()}`;
    let now = Date.now();
    const p = (probe = attachStoreProbe(store, tableName, new Timeline(), now, { resentKeys: new Set([resentKey]), clock: () => now }));
    const resentStream = `probe-${randomUUID()}`;
    const { consumedWriteCapacity: resentUnits } = await append(client, tableName, resentStream, -1, [
      { ...largeEvent, metadata: { idempotencyKey: resentKey } },
    ]);
    const seconds = 3 * apiGatewayIntegrationTimeoutSeconds;
    let lastStream = "";
    let lastUnits = 0;
    let demanded = resentUnits;
    for (let second = 1; second <= seconds; second++) {
      now += 1000;
      lastStream = `probe-${randomUUID()}`;
      lastUnits = (await append(client, tableName, lastStream, -1, [largeEvent])).consumedWriteCapacity;
      demanded += lastUnits;
      const held = p.retained();
      assert.equal(held.keyTallies, 1, `second ${second}`);
      // The resent key's item, and at most one item per second of the retry window.
      assert.ok(held.items <= 2 + apiGatewayIntegrationTimeoutSeconds, `second ${second}: ${held.items} items held`);
      // And the SDK commands of the retry window alone, whose further attempts it times.
      assert.ok(held.commands <= 2 + apiGatewayIntegrationTimeoutSeconds, `second ${second}: ${held.commands} commands held`);
    }
    // A resent key long after its write, and an SDK retry inside the window, meet items priced.
    await assert.rejects(append(client, tableName, resentStream, -1, [largeEvent]), ConcurrencyError);
    await assert.rejects(append(client, tableName, lastStream, -1, [largeEvent]), ConcurrencyError);
    const m = p.measurement();
    assert.ok(resentUnits > failedConditionalWriteUnits(undefined));
    assert.equal(m.demandedWriteUnits, demanded + resentUnits + lastUnits);
    // Each second's writes went to keys of their own: one large write is the hottest key-second,
    // except the last second, whose key takes its write and a failed condition.
    assert.equal(m.hottestKeyWriteUnitsPerSecond, 2 * lastUnits);
  });
});
