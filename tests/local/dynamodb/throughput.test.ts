// Provisioned throughput of the embedded DynamoDB, over real HTTP with the AWS SDK v3, on a
// clock the tests advance by hand.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type PutItemCommandOutput,
} from "@aws-sdk/client-dynamodb";
import { failedConditionalWriteUnits } from "../../../aws/dynamodb/capacityUnits";
import { itemSize, type ItemJson } from "../../../aws/dynamodb/itemSize";
import { tableKeys } from "../../../handlers/eventStore/table";
import type { RequestObservation } from "../../../local/dynamodb/front";
import { localDynamoClient, startLocalDynamo, type LocalDynamo } from "../../../local/dynamodb/server";
import type { Dispatch } from "../../../local/dynamodb/inProcess";
import { noUsage, ProvisionedThroughput, type CapacitySetting } from "../../../local/dynamodb/throughput";
import { internalCall, internalServerError, provisionedThroughputExceeded, type DynamoCall } from "../../../local/dynamodb/wire";

const tableName = "throughput-test";
const oneSecond = 1000;

describe("provisioned throughput of the embedded DynamoDB", function () {
  let now: number;
  let db: LocalDynamo;
  let client: DynamoDBClient;
  let noRetries: DynamoDBClient;
  let observations: RequestObservation[];
  let streams: number;

  async function start(capacity: CapacitySetting): Promise<void> {
    now = 0;
    streams = 0;
    observations = [];
    db = await startLocalDynamo({ port: 0, tableName, readCapacity: 5, writeCapacity: 5, capacity, clock: () => now });
    db.onRequest((observation) => observations.push(observation));
    client = localDynamoClient(db.endpoint);
    noRetries = localDynamoClient(db.endpoint, { maxAttempts: 1 });
  }

  afterEach(async () => {
    client.destroy();
    noRetries.destroy();
    await db.close();
  });

  /** A new event item of about `bytes` bytes. */
  function event(bytes = 100): ItemJson {
    const key = { [tableKeys.partitionKey.name]: { S: `stream-${streams++}` }, [tableKeys.sortKey.name]: { N: "0" } };
    return { ...key, Data: { S: "d".repeat(Math.max(1, bytes - itemSize(key) - 5)) } };
  }

  function put(item: ItemJson, sdk = noRetries, extra: { ConditionExpression?: string; ReturnConsumedCapacity?: "TOTAL" } = {}) {
    return sdk.send(new PutItemCommand({ TableName: tableName, Item: item as Record<string, AttributeValue>, ...extra }));
  }

  async function stored(item: ItemJson): Promise<boolean> {
    const key = {
      [tableKeys.partitionKey.name]: item[tableKeys.partitionKey.name],
      [tableKeys.sortKey.name]: item[tableKeys.sortKey.name],
    };
    const output = await client.send(
      new GetItemCommand({ TableName: tableName, Key: key as Record<string, AttributeValue>, ConsistentRead: true }),
    );
    return output.Item !== undefined;
  }

  async function refused(write: Promise<unknown>): Promise<void> {
    await assert.rejects(write, (err: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(err.name, "ProvisionedThroughputExceededException");
      assert.equal(err.$metadata?.httpStatusCode, 400);
      return true;
    });
  }

  it("with burst credit spent, a 5 WCU table refuses the 6th one-unit write in a second and accepts again the next", async () => {
    await start({ readCapacity: 5, writeCapacity: 5 });
    for (let i = 0; i < 5; i++) await put(event());
    const sixth = event();
    await refused(put(sixth));
    now += oneSecond;
    await put(sixth);
    assert.deepEqual(
      observations.filter((o) => o.operation === "PutItem").map((o) => o.throttled ?? "ok"),
      ["ok", "ok", "ok", "ok", "ok", "write", "ok"],
    );
  });

  it("changes nothing in the table on a refused write", async () => {
    await start({ readCapacity: 5, writeCapacity: 1 });
    await put(event());
    const refusedItem = event();
    await refused(put(refusedItem));
    assert.equal(await stored(refusedItem), false);
    const throttled = observations.find((o) => o.throttled === "write");
    assert.equal(throttled?.consumedWriteUnits, 0);
  });

  it("is retried by the SDK's default retry strategy as a throttling error", async () => {
    await start({ readCapacity: 5, writeCapacity: 1 });
    await put(event());
    // Capacity comes back a second later, as the SDK backs off.
    db.onRequest((observation) => {
      if (observation.throttled) now += oneSecond;
    });
    const item = event();
    const output: PutItemCommandOutput = await put(item, client);
    assert.equal(output.$metadata.attempts, 2);
    assert.equal(observations.filter((o) => o.throttled === "write").length, 1);
    assert.equal(await stored(item), true);
  });

  it("charges a failed conditional write the existing item's size", async () => {
    await start({ readCapacity: 50, writeCapacity: 3 });
    const existing = event(2.5 * 1024);
    await put(existing);
    now += oneSecond;
    const condition = { ConditionExpression: `attribute_not_exists(${tableKeys.partitionKey.name})` };
    await assert.rejects(put({ ...existing, Data: { S: "small" } }, noRetries, condition), { name: "ConditionalCheckFailedException" });
    const failed = observations.at(-1);
    assert.equal(failed?.conditionalCheckFailed, true);
    assert.equal(failed?.consumedWriteUnits, 3);
    // The failed write spent this second's capacity.
    await refused(put(event()));
  });

  it("charges a failed conditional write one unit when no item exists", async () => {
    await start({ readCapacity: 5, writeCapacity: 5 });
    const condition = { ConditionExpression: `attribute_exists(${tableKeys.partitionKey.name})` };
    await assert.rejects(put(event(3000), noRetries, condition), { name: "ConditionalCheckFailedException" });
    assert.equal(observations.at(-1)?.consumedWriteUnits, 1);
  });

  it("charges a write one unit per started KB of the item, and reports it only to callers who ask", async () => {
    await start("unlimited");
    // Units worked out by hand, not by the calculator the store charges with.
    for (const [bytes, units] of [
      [40, 1],
      [1024, 1],
      [1025, 2],
      [4096, 4],
      [4097, 5],
      [9000, 9],
    ] as const) {
      // Attribute names and string values count their bytes; the number 0 takes 1 byte.
      const stream = `sized-${bytes}`;
      const fixed = tableKeys.partitionKey.name.length + stream.length + tableKeys.sortKey.name.length + 1 + "Data".length;
      const item: ItemJson = {
        [tableKeys.partitionKey.name]: { S: stream },
        [tableKeys.sortKey.name]: { N: "0" },
        Data: { S: "d".repeat(bytes - fixed) },
      };
      assert.equal(itemSize(item), bytes);
      const silent = await put(item);
      assert.equal(silent.ConsumedCapacity, undefined);
      assert.equal(observations.at(-1)?.consumedWriteUnits, units, `${bytes} bytes`);
      const asked = await put({ ...item }, noRetries, { ReturnConsumedCapacity: "TOTAL" });
      assert.equal(asked.ConsumedCapacity?.CapacityUnits, units, `${bytes} bytes, replacing an item as large`);
    }
  });

  it("meters reads too: eventually consistent reads cost half a unit", async () => {
    await start({ readCapacity: 1, writeCapacity: 5 });
    const key = { [tableKeys.partitionKey.name]: { S: "nothing" }, [tableKeys.sortKey.name]: { N: "0" } };
    const get = () => noRetries.send(new GetItemCommand({ TableName: tableName, Key: key }));
    await get();
    await get();
    await refused(get());
    assert.deepEqual(
      observations.map((o) => [o.consumedReadUnits, o.throttled ?? "ok"]),
      [
        [0.5, "ok"],
        [0.5, "ok"],
        [0, "read"],
      ],
    );
  });

  it("never throttles when capacity is unlimited, and capacity can change at run time", async () => {
    await start({ readCapacity: 1, writeCapacity: 1 });
    await put(event());
    await refused(put(event()));
    db.setCapacity("unlimited");
    for (let i = 0; i < 40; i++) await put(event(2048));
    assert.equal(observations.filter((o) => o.throttled).length, 1);
    db.setCapacity({ readCapacity: 1, writeCapacity: 2 });
    assert.deepEqual(db.capacity, { readCapacity: 1, writeCapacity: 2 });
    await put(event(2048));
    await refused(put(event()));
  });

  it("accumulates burst credit from unused capacity, up to 300 seconds of it", async () => {
    await start({ readCapacity: 5, writeCapacity: 1 });
    await put(event());
    now += 20 * oneSecond;
    for (let i = 0; i < 20; i++) await put(event());
    await refused(put(event()));
    now += 1000 * oneSecond;
    for (let i = 0; i < 300; i++) await put(event());
    await refused(put(event()));
  });

  it("lets an interceptor answer before throughput is metered", async () => {
    await start({ readCapacity: 5, writeCapacity: 1 });
    const remove = db.use(async () => ({ kind: "response", response: provisionedThroughputExceeded() }));
    const item = event();
    await refused(put(item));
    remove();
    await put(item);
    assert.equal(await stored(item), true);
  });

  it("lets an interceptor fail a call with a server error or a dropped connection", async () => {
    await start("unlimited");
    const removeError = db.use(async () => ({
      kind: "response",
      response: internalServerError("injected"),
    }));
    await assert.rejects(put(event()), { name: "InternalServerError" });
    removeError();
    db.use(async () => ({ kind: "reset" }));
    await assert.rejects(put(event()), (err: Error & { code?: string }) => err.code === "ECONNRESET" || /socket hang up/.test(err.message));
    assert.deepEqual(
      observations.map((o) => o.statusCode),
      [500, undefined],
    );
  });
});

describe("provisioned throughput settling each call in the buckets it was admitted by", () => {
  const units = { readCapacity: 5, writeCapacity: 5 };
  const now = 0;
  const usage = noUsage;
  const put = (id: string, bytes = 100): DynamoCall =>
    internalCall("PutItem", {
      TableName: tableName,
      Item: { [tableKeys.partitionKey.name]: { S: id }, [tableKeys.sortKey.name]: { N: "0" }, Data: { S: "d".repeat(bytes) } },
    });
  const ok =
    (body: object = {}): Dispatch =>
    async () => ({ status: 200, headers: {}, body: Buffer.from(JSON.stringify(body)) });
  /** How many one-unit writes the table takes now, at most `max`. */
  async function writesTaken(throughput: ProvisionedThroughput, max = 10): Promise<number> {
    for (let i = 0; i < max; i++) {
      const u = usage();
      await throughput.handle(put(`probe-${now}-${i}`), ok(), u);
      if (u.throttled) return i;
    }
    return max;
  }

  it("gives a call's reservation back when the store fails it", async () => {
    const throughput = new ProvisionedThroughput(units, () => now);
    const failing: Dispatch = async () => {
      throw new Error("the store failed");
    };
    await assert.rejects(throughput.handle(put("failed"), failing, usage()), /the store failed/);
    assert.equal(await writesTaken(throughput), 5, "all of the first second's 5 WCU are left");
  });

  it("gives a call's reservation back when the store fails the lookup that prices its failed condition", async () => {
    const throughput = new ProvisionedThroughput(units, () => now);
    // The put is refused by its condition; the store then fails the DescribeTable that finds the item's key.
    const refusedThenFailing: Dispatch = async (call) => {
      if (call.operation !== "PutItem") throw new Error("the store failed");
      return {
        status: 400,
        headers: {},
        body: Buffer.from(JSON.stringify({ __type: "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException" })),
      };
    };
    await assert.rejects(throughput.handle(put("conditional"), refusedThenFailing, usage()), /the store failed/);
    assert.equal(await writesTaken(throughput), 5, "all of the first second's 5 WCU are left");
  });

  it("looks the table's key up again after the store failed the lookup", async () => {
    const throughput = new ProvisionedThroughput(units, () => now);
    const existing: ItemJson = {
      [tableKeys.partitionKey.name]: { S: "kept" },
      [tableKeys.sortKey.name]: { N: "0" },
      Data: { S: "d".repeat(2500) },
    };
    let lookups = 0;
    const refused: Dispatch = async (call) => {
      if (call.operation === "PutItem") {
        return {
          status: 400,
          headers: {},
          body: Buffer.from(JSON.stringify({ __type: "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException" })),
        };
      }
      if (call.operation === "GetItem") return ok({ Item: existing })(call);
      lookups += 1;
      if (lookups === 1) throw new Error("the store failed");
      return ok({ Table: { KeySchema: [{ AttributeName: tableKeys.partitionKey.name }, { AttributeName: tableKeys.sortKey.name }] } })(
        call,
      );
    };
    await assert.rejects(throughput.handle(put("kept"), refused, usage()), /the store failed/);
    const u = usage();
    await throughput.handle(put("kept"), refused, u);
    assert.equal(lookups, 2);
    assert.equal(u.conditionalCheckFailed, true);
    assert.equal(u.consumedWriteUnits, failedConditionalWriteUnits(existing));
  });

  it("settles a call in its own buckets when new capacity replaces them while it runs", async () => {
    const throughput = new ProvisionedThroughput(units, () => now);
    // The put replaces an item of about 4 KB: it costs 4 WCU against the 1 WCU reserved for it.
    const replaced: ItemJson = {
      [tableKeys.partitionKey.name]: { S: "big" },
      [tableKeys.sortKey.name]: { N: "0" },
      Data: { S: "d".repeat(4000) },
    };
    const replacing: Dispatch = async (call) => {
      throughput.setCapacity(units);
      return ok({ Attributes: replaced })(call);
    };
    const u = usage();
    await throughput.handle(put("big"), replacing, u);
    assert.equal(u.consumedWriteUnits, 4);
    assert.equal(await writesTaken(throughput), 5, "the new buckets start with their full second");
  });
});

describe("provisioned throughput of a persisted table", () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "persisted-throughput-"));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  /** Starts the store on the persisted table with `capacity` and returns the capacity DescribeTable reports. */
  async function restart(capacity: { readCapacity: number; writeCapacity: number }) {
    const db = await startLocalDynamo({ port: 0, dataDir, tableName, ...capacity });
    const client = localDynamoClient(db.endpoint);
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      return {
        readCapacity: Table?.ProvisionedThroughput?.ReadCapacityUnits,
        writeCapacity: Table?.ProvisionedThroughput?.WriteCapacityUnits,
      };
    } finally {
      client.destroy();
      await db.close();
    }
  }

  it("records the capacity a restart enforces, not the capacity the table was first created with", async () => {
    assert.deepEqual(await restart({ readCapacity: 10, writeCapacity: 20 }), { readCapacity: 10, writeCapacity: 20 });
    assert.deepEqual(await restart({ readCapacity: 5, writeCapacity: 5 }), { readCapacity: 5, writeCapacity: 5 });
    assert.deepEqual(await restart({ readCapacity: 5, writeCapacity: 5 }), { readCapacity: 5, writeCapacity: 5 });
  });
});
