// What the local store tells a watcher outside it (the load test's probe): every call with its
// input and SDK attempt, and the answer decoded, or no answer for a dropped connection. The
// watcher sits after the interceptors already added.
import assert from "node:assert/strict";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { localDynamoClient, startLocalDynamo, type AnsweredCall, type LocalDynamo } from "../../../local/dynamodb/server";

const tableName = "answers-test";

describe("the embedded DynamoDB's answers to a watcher", () => {
  let db: LocalDynamo;
  before(async () => {
    db = await startLocalDynamo({ port: 0, tableName, readCapacity: 5, writeCapacity: 5, capacity: "unlimited" });
  });
  after(() => db.close());

  const put = (stream: string) =>
    new PutItemCommand({
      TableName: tableName,
      Item: { StreamName: { S: stream }, EventNumber: { N: "0" } },
      ConditionExpression: "attribute_not_exists(StreamName)",
      ReturnConsumedCapacity: "TOTAL",
    });

  it("reports a write, its failed condition and a dropped connection, and nothing once unsubscribed", async () => {
    const seen: AnsweredCall[] = [];
    const stop = db.onAnswer((call) => seen.push(call));
    const client = localDynamoClient(db.endpoint, { maxAttempts: 1 });
    try {
      await client.send(put("stream-a"));
      await assert.rejects(client.send(put("stream-a")), { name: "ConditionalCheckFailedException" });
      const removeReset = db.use(async () => ({ kind: "reset" }));
      await assert.rejects(client.send(put("stream-b")));
      removeReset();
      stop();
      await client.send(put("stream-c"));
    } finally {
      client.destroy();
    }

    assert.deepEqual(
      seen.map((c) => [c.operation, c.input?.["TableName"], c.headers["amz-sdk-request"], c.answer?.status, c.answer?.errorType]),
      [
        ["PutItem", tableName, "attempt=1; max=1", 200, undefined],
        ["PutItem", tableName, "attempt=1; max=1", 400, "ConditionalCheckFailedException"],
        ["PutItem", tableName, "attempt=1; max=1", undefined, undefined],
      ],
    );
    assert.equal(seen[2]?.answer, undefined);
    assert.deepEqual(seen[0]?.answer?.output?.["ConsumedCapacity"], { TableName: tableName, CapacityUnits: 1 });
  });

  it("sees no call that an interceptor added before it answered itself, as such a call never reached the store", async () => {
    const removeReset = db.use(async () => ({ kind: "reset" }));
    const seen: AnsweredCall[] = [];
    const stop = db.onAnswer((call) => seen.push(call));
    const client = localDynamoClient(db.endpoint, { maxAttempts: 1 });
    try {
      await assert.rejects(client.send(put("stream-d")));
    } finally {
      client.destroy();
      stop();
      removeReset();
    }
    assert.deepEqual(seen, []);
  });
});
