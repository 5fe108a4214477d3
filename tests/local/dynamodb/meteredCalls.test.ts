// Every data-plane call through the local store's provisioned throughput, against the real
// embedded DynamoDB in process: the units each call is charged (DynamoDB's rules: 1 WCU per
// started KB written, 1 RCU per started 4 KB read strongly consistent and half of it eventually
// consistent, transactional writes twice), what the caller receives, and which calls the
// token buckets refuse before they run.
import assert from "node:assert/strict";
import type { RequestListener } from "node:http";
import dynalite from "dynalite";
import { itemSize, type ItemJson } from "../../../aws/dynamodb/itemSize";
import { tableDefinition, tableKeys } from "../../../handlers/eventStore/table";
import { inProcessDispatch, type Dispatch } from "../../../local/dynamodb/inProcess";
import { noUsage, ProvisionedThroughput, type CapacitySetting, type Usage } from "../../../local/dynamodb/throughput";
import { withTransactions } from "../../../local/dynamodb/transactions";
import { errorType, internalCall, jsonResponse, responseInput, type DynamoCall, type JsonObject } from "../../../local/dynamodb/wire";

const events = "metered-events";
const other = "metered-other";

const key = (stream: string, number = "0"): ItemJson => ({
  [tableKeys.partitionKey.name]: { S: stream },
  [tableKeys.sortKey.name]: { N: number },
});

/** An item of exactly `bytes` bytes, padded with ASCII (one byte per character). */
function item(stream: string, bytes: number, number = "0"): ItemJson {
  const base = key(stream, number);
  return { ...base, Data: { S: "d".repeat(bytes - itemSize(base) - "Data".length) } };
}

/** 600 × "é": 1,200 UTF-8 bytes, which DynamoDB charges, but 600 UTF-16 units, which dynalite counts. */
const accented = (stream: string): ItemJson => ({ ...key(stream), Data: { S: "é".repeat(600) } });

/** The usage of a call that consumed nothing and was not throttled. */
const nothing = { consumedReadUnits: 0, consumedWriteUnits: 0, throttled: undefined, conditionalCheckFailed: false };

interface Answer {
  /** Short error name of a refused call. */
  readonly error: string | undefined;
  readonly output: JsonObject | undefined;
  readonly usage: Usage;
}

describe("provisioned throughput of every data-plane call of the embedded DynamoDB", () => {
  let now: number;
  let store: Dispatch;
  /** Calls as they reached the store. */
  let reached: DynamoCall[];
  let throughput: ProvisionedThroughput;

  const recording: Dispatch = (call) => {
    reached.push(call);
    return store(call);
  };

  beforeEach(async () => {
    now = 0;
    reached = [];
    const listener = dynalite({ createTableMs: 0 }).listeners("request")[0] as RequestListener;
    store = withTransactions(inProcessDispatch(listener));
    for (const TableName of [events, other]) {
      await store(
        internalCall("CreateTable", {
          TableName,
          AttributeDefinitions: tableDefinition.attributeDefinitions,
          KeySchema: tableDefinition.keySchema,
          ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
        }),
      );
    }
    for (const TableName of [events, other]) {
      for (;;) {
        const described = responseInput(await store(internalCall("DescribeTable", { TableName }))) as { Table: { TableStatus: string } };
        if (described.Table.TableStatus === "ACTIVE") break;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    }
  });

  function start(capacity: CapacitySetting): void {
    throughput = new ProvisionedThroughput(capacity, () => now);
  }

  /** Stores an item directly, around the throughput layer. */
  async function seed(table: string, stored: ItemJson): Promise<void> {
    const response = await store(internalCall("PutItem", { TableName: table, Item: stored }));
    assert.equal(response.status, 200);
  }

  async function stored(table: string, itemKey: ItemJson): Promise<JsonObject | undefined> {
    const found = responseInput(await store(internalCall("GetItem", { TableName: table, Key: itemKey, ConsistentRead: true })));
    return found?.["Item"] as JsonObject | undefined;
  }

  async function send(operation: string, input: JsonObject): Promise<Answer> {
    const usage = noUsage();
    const response = await throughput.handle(internalCall(operation, input), recording, usage);
    return { error: errorType(response), output: responseInput(response), usage };
  }

  const throttled = (answer: Answer, kind: "read" | "write"): void => {
    assert.equal(answer.error, "ProvisionedThroughputExceededException");
    assert.deepEqual(answer.usage, { consumedReadUnits: 0, consumedWriteUnits: 0, throttled: kind, conditionalCheckFailed: false });
  };

  describe("reads", () => {
    it("charges GetItem 1 RCU per started 4 KB strongly consistent, half of it eventually consistent, and at least one read", async () => {
      start("unlimited");
      await seed(events, item("four-kb", 4096));
      await seed(events, item("five-kb", 5000));
      const reads: [string, boolean | undefined, number][] = [
        ["four-kb", true, 1],
        ["five-kb", true, 2],
        ["five-kb", false, 1],
        ["five-kb", undefined, 1],
        ["missing", true, 1],
        ["missing", undefined, 0.5],
      ];
      for (const [stream, consistent, units] of reads) {
        const answer = await send("GetItem", { TableName: events, Key: key(stream), ConsistentRead: consistent });
        assert.deepEqual(answer.usage, {
          consumedReadUnits: units,
          consumedWriteUnits: 0,
          throttled: undefined,
          conditionalCheckFailed: false,
        });
        assert.equal(answer.output?.["ConsumedCapacity"], undefined, "not asked for");
      }
      const asked = await send("GetItem", {
        TableName: events,
        Key: key("five-kb"),
        ConsistentRead: true,
        ReturnConsumedCapacity: "TOTAL",
      });
      assert.deepEqual(asked.output?.["ConsumedCapacity"], { CapacityUnits: 2, TableName: events });
      assert.equal(itemSize(asked.output?.["Item"] as ItemJson), 5000);
    });

    it("charges Query and Scan the size of all items read together, rounded up to 4 KB once", async () => {
      start("unlimited");
      for (const number of ["1", "2", "3"]) await seed(events, item("queried", 2000, number));
      const query = { TableName: events, KeyConditionExpression: "StreamName = :s", ExpressionAttributeValues: { ":s": { S: "queried" } } };
      // 6,000 bytes: 2 RCU strongly consistent, 1 eventually consistent. (dynalite's Scan
      // reports eventually consistent units whatever the call asks.)
      const strong = await send("Query", { ...query, ConsistentRead: true });
      assert.equal(strong.usage.consumedReadUnits, 2);
      assert.equal(strong.output?.["Count"], 3);
      assert.equal(strong.output?.["ConsumedCapacity"], undefined);
      for (const [operation, input] of [
        ["Query", query],
        ["Scan", { TableName: events }],
      ] as const) {
        const eventual = await send(operation, { ...input, ReturnConsumedCapacity: "INDEXES" });
        assert.equal(eventual.usage.consumedReadUnits, 1, operation);
        assert.deepEqual(eventual.output?.["ConsumedCapacity"], { CapacityUnits: 1, TableName: events, Table: { CapacityUnits: 1 } });
      }
    });

    it("admits a read only if the bucket holds its least cost: 1 RCU strongly consistent, 0.5 eventually", async () => {
      start({ readCapacity: 1, writeCapacity: 5 });
      await seed(events, item("small", 100));
      const query = { TableName: events, KeyConditionExpression: "StreamName = :s", ExpressionAttributeValues: { ":s": { S: "small" } } };
      assert.equal((await send("GetItem", { TableName: events, Key: key("small") })).usage.consumedReadUnits, 0.5);
      throttled(await send("Query", { ...query, ConsistentRead: true }), "read");
      throttled(await send("Scan", { TableName: events, ConsistentRead: true }), "read");
      throttled(await send("GetItem", { TableName: events, Key: key("small"), ConsistentRead: true }), "read");
      assert.equal((await send("Query", query)).usage.consumedReadUnits, 0.5);
      throttled(await send("Scan", { TableName: events }), "read");
      now += 1000;
      assert.equal((await send("Scan", { TableName: events, ConsistentRead: true })).usage.throttled, undefined);
    });

    it("charges BatchGetItem each item rounded up on its own, per table, drawing each table's bucket", async () => {
      start({ readCapacity: 3, writeCapacity: 5 });
      await seed(events, item("five-kb-a", 5000));
      await seed(events, item("five-kb-b", 5000));
      await seed(other, item("small", 100));
      const answer = await send("BatchGetItem", {
        RequestItems: {
          // 1 + 1 + 0.5 eventually consistent.
          [events]: { Keys: [key("five-kb-a"), key("five-kb-b"), key("missing")] },
          [other]: { Keys: [key("small")], ConsistentRead: true },
        },
        ReturnConsumedCapacity: "TOTAL",
      });
      assert.deepEqual(answer.usage, {
        consumedReadUnits: 3.5,
        consumedWriteUnits: 0,
        throttled: undefined,
        conditionalCheckFailed: false,
      });
      assert.deepEqual(answer.output?.["ConsumedCapacity"], [
        { CapacityUnits: 2.5, TableName: events },
        { CapacityUnits: 1, TableName: other },
      ]);
      // 0.5 RCU left in the first table, 2 in the other.
      throttled(await send("GetItem", { TableName: events, Key: key("small"), ConsistentRead: true }), "read");
      assert.equal((await send("GetItem", { TableName: events, Key: key("small") })).usage.consumedReadUnits, 0.5);
      assert.equal((await send("GetItem", { TableName: other, Key: key("small"), ConsistentRead: true })).usage.consumedReadUnits, 1);
    });

    it("admits a BatchGetItem only if each table's bucket holds half a unit per key, or a unit per strongly consistent key", async () => {
      const keys = (count: number) => Array.from({ length: count }, (_, i) => key(`key-${i}`));
      const batch = (count: number, consistent?: boolean) => ({
        RequestItems: { [events]: { Keys: keys(count), ConsistentRead: consistent } },
      });
      start({ readCapacity: 2, writeCapacity: 5 });
      throttled(await send("BatchGetItem", batch(5)), "read");
      assert.equal((await send("BatchGetItem", batch(4))).usage.consumedReadUnits, 2);
      throttled(await send("BatchGetItem", { RequestItems: { [events]: { Keys: keys(1) }, [other]: { Keys: keys(1) } } }), "read");
      start({ readCapacity: 2, writeCapacity: 5 });
      throttled(await send("BatchGetItem", batch(3, true)), "read");
      assert.equal((await send("BatchGetItem", batch(2, true))).usage.consumedReadUnits, 2);
    });

    it("leaves a malformed BatchGetItem for the store to refuse, charging nothing", async () => {
      start({ readCapacity: 1, writeCapacity: 1 });
      for (const [input, refusal] of [
        [{}, "ValidationException"],
        [{ RequestItems: { [events]: {} } }, "ValidationException"],
        [{ RequestItems: { [events]: "keys" } }, "SerializationException"],
      ] as const) {
        const answer = await send("BatchGetItem", input);
        assert.equal(answer.error, refusal);
        assert.deepEqual(answer.usage, nothing);
      }
    });
  });

  describe("writes", () => {
    it("admits a put only if the bucket holds the new item's units", async () => {
      start({ readCapacity: 5, writeCapacity: 2 });
      throttled(await send("PutItem", { TableName: events, Item: item("big", 2049) }), "write");
      assert.equal(await stored(events, key("big")), undefined);
      assert.equal((await send("PutItem", { TableName: events, Item: item("big", 2048) })).usage.consumedWriteUnits, 2);
      throttled(await send("DeleteItem", { TableName: events, Key: key("big") }), "write");
      throttled(await send("UpdateItem", { TableName: events, Key: key("big"), UpdateExpression: "REMOVE Data" }), "write");
      now += 500;
      assert.equal((await send("DeleteItem", { TableName: events, Key: key("big") })).usage.consumedWriteUnits, 2);
    });

    it("charges a put by the calculator for every ReturnValues DynamoDB accepts, and returns the replaced item only when asked", async () => {
      start("unlimited");
      // 1,234 UTF-8 bytes: 2 WCU, where dynalite would count 634 bytes and 1 WCU.
      for (const returnValues of [undefined, "NONE", "ALL_OLD"]) {
        const replaced = { ...accented("accented"), Old: { S: String(returnValues) } };
        await seed(events, replaced);
        const answer = await send("PutItem", { TableName: events, Item: accented("accented"), ReturnValues: returnValues });
        assert.equal(answer.usage.consumedWriteUnits, 2, String(returnValues));
        assert.deepEqual(answer.output, returnValues === "ALL_OLD" ? { Attributes: replaced } : {});
      }
    });

    it("leaves a put's ReturnValues other than NONE or ALL_OLD for the store to refuse", async () => {
      start("unlimited");
      const answer = await send("PutItem", { TableName: events, Item: item("refused", 100), ReturnValues: "ALL_NEW" });
      assert.equal(answer.error, "ValidationException");
      assert.deepEqual(answer.usage, nothing);
      assert.equal(await stored(events, key("refused")), undefined);
    });

    it("reports the charge in the shape asked for: TOTAL, INDEXES with the table's part, or none", async () => {
      start("unlimited");
      const put = (level?: string) => send("PutItem", { TableName: events, Item: accented("accented"), ReturnConsumedCapacity: level });
      assert.deepEqual((await put("TOTAL")).output, { ConsumedCapacity: { CapacityUnits: 2, TableName: events } });
      assert.deepEqual((await put("INDEXES")).output, {
        ConsumedCapacity: { CapacityUnits: 2, TableName: events, Table: { CapacityUnits: 2 } },
      });
      assert.deepEqual((await put("NONE")).output, {});
      assert.deepEqual((await put()).output, {});
    });

    it("charges UpdateItem the larger of the item before and after, and returns what the caller asked for", async () => {
      start("unlimited");
      const grown = { Grown: { S: "g".repeat(2500) } };
      const update = (returnValues?: string) =>
        send("UpdateItem", {
          TableName: events,
          Key: key("updated"),
          UpdateExpression: "SET Grown = :g",
          ExpressionAttributeValues: { ":g": grown.Grown },
          ReturnValues: returnValues,
          ReturnConsumedCapacity: "TOTAL",
        });
      for (const [returnValues, attributes] of [
        [undefined, undefined],
        ["NONE", undefined],
        ["UPDATED_NEW", grown],
        ["ALL_OLD", item("updated", 500)],
      ] as const) {
        await seed(events, item("updated", 500));
        // 500 + 5 + 2,500 bytes after: 3 WCU.
        const answer = await update(returnValues);
        assert.equal(answer.usage.consumedWriteUnits, 3);
        assert.deepEqual(answer.output, {
          ...(attributes ? { Attributes: attributes } : {}),
          ConsumedCapacity: { CapacityUnits: 3, TableName: events },
        });
      }
      const shrunk = await send("UpdateItem", { TableName: events, Key: key("updated"), UpdateExpression: "REMOVE Grown" });
      assert.equal(shrunk.usage.consumedWriteUnits, 3, "the item before was the larger");
      assert.deepEqual(shrunk.output, {});
    });

    it("charges DeleteItem the deleted item, at least one unit, and returns it only when asked", async () => {
      start("unlimited");
      for (const returnValues of [undefined, "NONE", "ALL_OLD"]) {
        const deleted = item("deleted", 2100);
        await seed(events, deleted);
        const answer = await send("DeleteItem", { TableName: events, Key: key("deleted"), ReturnValues: returnValues });
        assert.equal(answer.usage.consumedWriteUnits, 3, String(returnValues));
        assert.deepEqual(answer.output, returnValues === "ALL_OLD" ? { Attributes: deleted } : {});
      }
      await seed(events, accented("accented"));
      assert.equal((await send("DeleteItem", { TableName: events, Key: key("accented") })).usage.consumedWriteUnits, 2);
      assert.equal((await send("DeleteItem", { TableName: events, Key: key("missing") })).usage.consumedWriteUnits, 1);
    });

    it("charges BatchWriteItem each put and delete as its own write, per table, and admits it by the puts' sizes", async () => {
      start({ readCapacity: 5, writeCapacity: 3 });
      await seed(events, item("deleted", 2100));
      const batch = (putBytes: number) => ({
        RequestItems: {
          [events]: [{ PutRequest: { Item: item("put", putBytes) } }, { DeleteRequest: { Key: key("deleted") } }],
          [other]: [{ PutRequest: { Item: item("other", 100) } }],
        },
        ReturnConsumedCapacity: "TOTAL",
      });
      // 3 WCU for the put and 1 at least for the delete, against 3 in the bucket.
      throttled(await send("BatchWriteItem", batch(2049)), "write");
      assert.equal(await stored(events, key("put")), undefined);
      // 2 + 3 (the deleted item) in one table, 1 in the other.
      const answer = await send("BatchWriteItem", batch(2048));
      assert.deepEqual(answer.usage, { consumedReadUnits: 0, consumedWriteUnits: 6, throttled: undefined, conditionalCheckFailed: false });
      assert.deepEqual(answer.output, {
        UnprocessedItems: {},
        ConsumedCapacity: [
          { CapacityUnits: 5, TableName: events },
          { CapacityUnits: 1, TableName: other },
        ],
      });
      now += 1000;
      // The first table is 2 WCU in debt, then refilled by 3; the other has 2 + 3.
      throttled(await send("PutItem", { TableName: events, Item: item("next", 2048) }), "write");
      assert.equal((await send("PutItem", { TableName: events, Item: item("next", 1024) })).usage.consumedWriteUnits, 1);
      assert.equal((await send("PutItem", { TableName: other, Item: item("next", 5120) })).usage.consumedWriteUnits, 5);
    });

    it("leaves a malformed BatchWriteItem for the store to refuse, charging nothing", async () => {
      start({ readCapacity: 1, writeCapacity: 1 });
      for (const [input, refusal] of [
        [{}, "ValidationException"],
        [{ RequestItems: { [events]: {} } }, "SerializationException"],
        [{ RequestItems: { [events]: ["put"] } }, "SerializationException"],
      ] as const) {
        const answer = await send("BatchWriteItem", input);
        assert.equal(answer.error, refusal);
        assert.deepEqual(answer.usage, nothing);
      }
    });

    it("charges TransactWriteItems twice the standard units per table, and admits it only if each table can pay", async () => {
      start({ readCapacity: 5, writeCapacity: 5 });
      const transaction = (puts: readonly [string, string, number][]) => ({
        TransactItems: puts.map(([table, stream, bytes]) => ({ Put: { TableName: table, Item: item(stream, bytes) } })),
        ReturnConsumedCapacity: "TOTAL",
      });
      // 4 + 2 WCU in one table, against 5 in its bucket.
      const tooMuch = transaction([
        [events, "a", 1025],
        [events, "b", 100],
      ]);
      throttled(await send("TransactWriteItems", tooMuch), "write");
      assert.equal(await stored(events, key("b")), undefined);
      const answer = await send(
        "TransactWriteItems",
        transaction([
          [events, "a", 1025],
          [other, "b", 100],
        ]),
      );
      assert.deepEqual(answer.usage, { consumedReadUnits: 0, consumedWriteUnits: 6, throttled: undefined, conditionalCheckFailed: false });
      assert.deepEqual(answer.output?.["ConsumedCapacity"], [
        { TableName: events, CapacityUnits: 4, WriteCapacityUnits: 4 },
        { TableName: other, CapacityUnits: 2, WriteCapacityUnits: 2 },
      ]);
      // 1 WCU left in the first table, 3 in the other.
      throttled(await send("PutItem", { TableName: events, Item: item("c", 1025) }), "write");
      assert.equal((await send("PutItem", { TableName: events, Item: item("c", 1024) })).usage.consumedWriteUnits, 1);
      assert.equal((await send("PutItem", { TableName: other, Item: item("c", 3072) })).usage.consumedWriteUnits, 3);
    });

    it("leaves a transaction of other actions than Puts for the store to refuse, charging nothing", async () => {
      start({ readCapacity: 1, writeCapacity: 1 });
      const update = {
        Update: { TableName: events, Key: key("a"), UpdateExpression: "SET A = :a", ExpressionAttributeValues: { ":a": { S: "a" } } },
      };
      for (const input of [{}, { TransactItems: [update] }]) {
        const answer = await send("TransactWriteItems", input);
        assert.equal(answer.error, "ValidationException");
        assert.deepEqual(answer.usage, nothing);
      }
    });

    it("leaves a malformed item for the store to refuse, and keeps throttling by what is left", async () => {
      start({ readCapacity: 5, writeCapacity: 1 });
      const malformed = await send("PutItem", { TableName: events, Item: { ...key("malformed"), Data: { Q: "?" } } });
      assert.equal(malformed.error, "ValidationException");
      assert.deepEqual(malformed.usage, nothing);
      assert.equal((await send("PutItem", { TableName: events, Item: item("fits", 100) })).usage.consumedWriteUnits, 1);
      throttled(await send("PutItem", { TableName: events, Item: item("does-not-fit", 100) }), "write");
    });
  });

  describe("failed conditions", () => {
    const exists = `attribute_exists(${tableKeys.partitionKey.name})`;
    const absent = `attribute_not_exists(${tableKeys.partitionKey.name})`;

    it("charges a failed DeleteItem or UpdateItem condition the existing item, and returns it only when asked", async () => {
      start("unlimited");
      const existing = item("existing", 2100);
      await seed(events, existing);
      for (const [operation, extra] of [
        ["DeleteItem", {}],
        ["UpdateItem", { UpdateExpression: "SET A = :a", ExpressionAttributeValues: { ":a": { S: "a" } } }],
      ] as const) {
        for (const onFailure of [undefined, "NONE", "ALL_OLD"]) {
          const answer = await send(operation, {
            TableName: events,
            Key: key("existing"),
            ConditionExpression: absent,
            ReturnValuesOnConditionCheckFailure: onFailure,
            ...extra,
          });
          assert.equal(answer.error, "ConditionalCheckFailedException");
          assert.deepEqual(answer.usage, {
            consumedReadUnits: 0,
            consumedWriteUnits: 3,
            throttled: undefined,
            conditionalCheckFailed: true,
          });
          assert.deepEqual(answer.output?.["Item"], onFailure === "ALL_OLD" ? existing : undefined, `${operation} ${onFailure}`);
          assert.equal(answer.output?.["message"], "The conditional request failed");
        }
      }
    });

    it("charges a failed put condition by the item its key finds, one unit and no item when there is none", async () => {
      start("unlimited");
      const existing = item("existing", 2100);
      await seed(events, existing);
      const put = (stream: string, condition: string) =>
        send("PutItem", {
          TableName: events,
          Item: item(stream, 100),
          ConditionExpression: condition,
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        });
      const met = await put("existing", absent);
      assert.equal(met.usage.consumedWriteUnits, 3);
      assert.deepEqual(met.output?.["Item"], existing);
      const missing = await put("missing", exists);
      assert.deepEqual(missing.usage, { consumedReadUnits: 0, consumedWriteUnits: 1, throttled: undefined, conditionalCheckFailed: true });
      assert.equal(missing.output?.["Item"], undefined);
      assert.equal(reached.filter((call) => call.operation === "DescribeTable").length, 1, "the table's key is looked up once");
    });

    it("fails a failed put condition, returning its reservation, when the store cannot describe the table", async () => {
      start({ readCapacity: 5, writeCapacity: 1 });
      const undescribed: Dispatch = async (call) =>
        call.operation === "DescribeTable"
          ? jsonResponse(400, { __type: "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", message: "gone" })
          : store(call);
      const put = internalCall("PutItem", { TableName: events, Item: item("new", 100), ConditionExpression: exists });
      await assert.rejects(
        throughput.handle(put, undescribed, noUsage()),
        /^Error: the store did not describe the table: .*ResourceNotFoundException/,
      );
      assert.equal((await send("PutItem", { TableName: events, Item: item("fits", 100) })).usage.consumedWriteUnits, 1);
    });

    it("charges nothing for a call the store refuses for another reason", async () => {
      start("unlimited");
      const answer = await send("PutItem", { TableName: events, Item: { Data: { S: "no key" } }, ConditionExpression: absent });
      assert.equal(answer.error, "ValidationException");
      assert.deepEqual(answer.usage, nothing);
    });
  });

  describe("calls that demand no capacity", () => {
    it("passes control-plane calls and calls without a JSON body to the store as sent, even with no capacity left", async () => {
      start({ readCapacity: 1, writeCapacity: 1 });
      await send("PutItem", { TableName: events, Item: item("spent", 100) });
      await send("GetItem", { TableName: events, Key: key("spent"), ConsistentRead: true });
      reached = [];
      const calls = [internalCall("DescribeTable", { TableName: events }), internalCall("ListTables", {})];
      const noBody = { ...internalCall("PutItem", {}), body: Buffer.from("not json"), input: undefined };
      for (const call of [...calls, noBody]) {
        const usage = noUsage();
        const response = await throughput.handle(call, recording, usage);
        assert.equal(reached.at(-1), call);
        assert.deepEqual(usage, nothing);
        if (call === noBody) assert.equal(errorType(response), "SerializationException");
        else assert.equal(response.status, 200);
      }
      assert.deepEqual(responseInput(await throughput.handle(calls[1] as DynamoCall, recording, noUsage())), {
        TableNames: [events, other],
      });
    });
  });
});
