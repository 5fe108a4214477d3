// The local store's front over real HTTP: a caller that goes away mid-request (a Lambda
// environment ended by its timeout, a killed client) costs that request only, never the store.
import assert from "node:assert/strict";
import { once } from "node:events";
import { connect } from "node:net";
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
      const head = [
        "POST / HTTP/1.1",
        "Host: 127.0.0.1",
        "Content-Type: application/x-amz-json-1.0",
        "X-Amz-Target: DynamoDB_20120810.PutItem",
        "Content-Length: 1000",
        "Expect: 100-continue",
      ];
      socket.write(`${head.join("\r\n")}\r\n\r\n`);
      // The server answers 100 Continue as it hands the request to the front: the call is in flight.
      const [interim] = (await once(socket, "data")) as [Buffer];
      assert.match(interim.toString(), /^HTTP\/1\.1 100 Continue/);
      socket.write(`{"TableName":"${tableName}",`);
      // The caller goes away halfway through the body. It ends only its own side, so it sees the
      // server close the connection: by then the front has dealt with the cut-short request.
      socket.end();
      socket.resume();
      await once(socket, "close");
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
