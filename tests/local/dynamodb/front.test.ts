// The local store's front over real HTTP: a caller that goes away mid-request (a Lambda
// environment ended by its timeout, a killed client) costs that request only, never the store.
import assert from "node:assert/strict";
import { once } from "node:events";
import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { localDynamoClient, startLocalDynamo, type LocalDynamo } from "../../../local/dynamodb/server";

const tableName = "front-test";

describe("the embedded DynamoDB's front", () => {
  let db: LocalDynamo;
  before(async () => {
    db = await startLocalDynamo({ port: 0, tableName, readCapacity: 5, writeCapacity: 5 });
  });
  after(() => db.close());

  it("keeps serving after a caller drops the connection halfway through a request body", async () => {
    const unhandled: unknown[] = [];
    const collect = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", collect);
    try {
      const socket = connect(db.port, "127.0.0.1");
      await once(socket, "connect");
      const head = ["POST / HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/x-amz-json-1.0", "X-Amz-Target: DynamoDB_20120810.PutItem", "Content-Length: 1000"];
      socket.write(`${head.join("\r\n")}\r\n\r\n{"TableName":"${tableName}",`);
      await sleep(50);
      socket.destroy();
      await sleep(100);
      assert.deepEqual(unhandled, []);
    } finally {
      process.off("unhandledRejection", collect);
    }
    const client = localDynamoClient(db.endpoint);
    try {
      assert.deepEqual((await client.send(new ListTablesCommand({}))).TableNames, [tableName]);
    } finally {
      client.destroy();
    }
  });
});
