// The local store charges writes by DynamoDB's rules for any text: strings count in UTF-8
// bytes (dynalite alone counts UTF-16 code units), a put is charged the larger of the new and
// the replaced item, a delete the deleted item; the caller reads the same charge, and the
// token buckets are drawn by it.
import assert from "node:assert/strict";
import {
  DeleteItemCommand,
  PutItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type ReturnConsumedCapacity,
} from "@aws-sdk/client-dynamodb";
import { writeUnitBytes } from "../../../aws/dynamodb/capacityUnits";
import { itemSize, type ItemJson } from "../../../aws/dynamodb/itemSize";
import { tableKeys } from "../../../handlers/eventStore/table";
import type { RequestObservation } from "../../../local/dynamodb/front";
import { localDynamoClient, startLocalDynamo, type LocalDynamo } from "../../../local/dynamodb/server";
import type { CapacitySetting } from "../../../local/dynamodb/throughput";

const tableName = "utf8-charge-test";

describe("write charges of the embedded DynamoDB for non-ASCII text", function () {
  let now: number;
  let db: LocalDynamo;
  let client: DynamoDBClient;
  let observations: RequestObservation[];

  async function start(capacity: CapacitySetting): Promise<void> {
    now = 0;
    observations = [];
    db = await startLocalDynamo({ port: 0, tableName, readCapacity: 5, writeCapacity: 5, capacity, clock: () => now });
    db.onRequest((observation) => observations.push(observation));
    client = localDynamoClient(db.endpoint, { maxAttempts: 1 });
  }

  afterEach(async () => {
    client.destroy();
    await db.close();
  });

  const key = (stream: string) => ({ [tableKeys.partitionKey.name]: { S: stream }, [tableKeys.sortKey.name]: { N: "0" } });

  /** 400 × "é" (two UTF-8 bytes, one UTF-16 unit each) plus ASCII padding, to `utf8Bytes` in all. */
  function accented(stream: string, utf8Bytes: number): ItemJson {
    const base: ItemJson = { ...key(stream), Data: { S: "é".repeat(400) } };
    return { ...base, Pad: { S: "x".repeat(utf8Bytes - itemSize(base) - "Pad".length) } };
  }

  /** The item's size as dynalite counts it: every "é" one unit instead of two bytes. */
  const utf16Size = (item: ItemJson): number => itemSize(item) - 400;

  function put(item: ItemJson, extra: { ReturnConsumedCapacity?: ReturnConsumedCapacity; ReturnValues?: "ALL_OLD" } = {}) {
    return client.send(new PutItemCommand({ TableName: tableName, Item: item as Record<string, AttributeValue>, ...extra }));
  }

  const lastWriteUnits = (): number | undefined => observations.at(-1)?.consumedWriteUnits;

  it("charges and reports 2 WCU for an item of 1,100 UTF-8 bytes that is 700 UTF-16 units", async () => {
    await start("unlimited");
    const item = accented("accented", 1100);
    assert.equal(itemSize(item), 1100);
    assert.ok(itemSize(item) > writeUnitBytes && utf16Size(item) <= writeUnitBytes);
    const silent = await put(item);
    assert.equal(lastWriteUnits(), 2);
    assert.equal(silent.ConsumedCapacity, undefined);
    assert.equal(silent.Attributes, undefined);
    // Written again: the replaced item is the same size, so the charge stays 2.
    const total = await put(item, { ReturnConsumedCapacity: "TOTAL" });
    assert.deepEqual(total.ConsumedCapacity, { TableName: tableName, CapacityUnits: 2 });
    assert.equal(total.Attributes, undefined);
    const indexes = await put(item, { ReturnConsumedCapacity: "INDEXES" });
    assert.equal(indexes.ConsumedCapacity?.CapacityUnits, 2);
    assert.equal(indexes.ConsumedCapacity?.Table?.CapacityUnits, 2);
    assert.deepEqual(
      observations.map((o) => o.consumedWriteUnits),
      [2, 2, 2],
    );
  });

  it("draws the write bucket by the UTF-8 charge", async () => {
    await start({ readCapacity: 5, writeCapacity: 3 });
    await put(accented("accented", 1100));
    await put({ ...key("small-1"), Data: { S: "small" } });
    // 2 + 1 units spent this second: a third write is refused.
    await assert.rejects(put({ ...key("small-2"), Data: { S: "small" } }), { name: "ProvisionedThroughputExceededException" });
    now += 1000;
    await put({ ...key("small-2"), Data: { S: "small" } });
  });

  it("charges a put the larger of the new and the replaced item, and returns the old item only when asked", async () => {
    await start("unlimited");
    const large = accented("replaced", 2500);
    await put(large);
    assert.equal(lastWriteUnits(), 3);
    const small: ItemJson = { ...key("replaced"), Data: { S: "now small" } };
    const replaced = await put(small, { ReturnConsumedCapacity: "TOTAL" });
    assert.equal(replaced.ConsumedCapacity?.CapacityUnits, 3);
    assert.equal(replaced.Attributes, undefined);
    assert.equal(lastWriteUnits(), 3);
    const asked = await put(large, { ReturnValues: "ALL_OLD", ReturnConsumedCapacity: "TOTAL" });
    assert.deepEqual(asked.Attributes, small);
    assert.equal(asked.ConsumedCapacity?.CapacityUnits, 3);
  });

  it("charges a delete the deleted item's UTF-8 size, and one unit when nothing was there", async () => {
    await start("unlimited");
    await put(accented("deleted", 2100));
    const removed = await client.send(
      new DeleteItemCommand({
        TableName: tableName,
        Key: key("deleted") as Record<string, AttributeValue>,
        ReturnConsumedCapacity: "TOTAL",
      }),
    );
    assert.equal(removed.ConsumedCapacity?.CapacityUnits, 3);
    assert.equal(removed.Attributes, undefined);
    assert.equal(lastWriteUnits(), 3);
    await client.send(new DeleteItemCommand({ TableName: tableName, Key: key("deleted") as Record<string, AttributeValue> }));
    assert.equal(lastWriteUnits(), 1);
  });
});
