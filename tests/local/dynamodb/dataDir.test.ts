// A store kept in a folder (npm start --data-dir) that cannot be opened is refused with the
// folder and the reason, and nothing is changed: neither what is in the way nor a running
// stack's store.
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { tableKeys } from "../../../handlers/eventStore/table";
import { localDynamoClient, startLocalDynamo } from "../../../local/dynamodb/server";
import { countItems } from "../../support/localStack";

const tableName = "data-dir-test";
const capacity = { readCapacity: 5, writeCapacity: 5 };

describe("local store kept in a folder", () => {
  let parent: string;
  before(async () => {
    parent = await mkdtemp(join(tmpdir(), "data-dir-"));
  });
  after(() => rm(parent, { recursive: true, force: true }));

  it("refuses a file in the folder's place, naming it, and leaves the file as it was", async () => {
    const file = join(parent, "notes.txt");
    await writeFile(file, "keep me");
    await assert.rejects(startLocalDynamo({ port: 0, dataDir: file, tableName, ...capacity }), (err: Error) => {
      assert.match(err.message, new RegExp(`^cannot open the store in ${file}: .*EEXIST`));
      return true;
    });
    assert.equal(await readFile(file, "utf8"), "keep me");
  });

  it("refuses a folder another store holds, which goes on serving its data", async () => {
    const dataDir = join(parent, "held");
    const holder = await startLocalDynamo({ port: 0, dataDir, tableName, ...capacity });
    const client = localDynamoClient(holder.endpoint);
    try {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: { [tableKeys.partitionKey.name]: { S: "destination-held" }, [tableKeys.sortKey.name]: { N: "0" } },
        }),
      );
      await assert.rejects(startLocalDynamo({ port: 0, dataDir, tableName, ...capacity }), (err: Error) => {
        assert.match(err.message, new RegExp(`^cannot open the store in ${dataDir}: .*lock.* \\(is another local stack using it\\?\\)$`));
        return true;
      });
      assert.equal(await countItems(client, tableName), 1);
    } finally {
      client.destroy();
      await holder.close();
    }
  });
});
