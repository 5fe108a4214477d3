// The event-store ADR quotes a measured item size; this keeps the quote true as the event
// layout changes, measured both by the calculator and by the store itself.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { toItem } from "../../handlers/eventStore/eventStore";
import { itemSize, type ItemJson } from "../../loadtest/capacity/itemSize";
import { writeUnits } from "../../loadtest/capacity/capacityUnits";
import { localDynamoClient, startLocalDynamo } from "../../local/dynamodb/server";
import { typicalEvent } from "../support/typicalEvent";

const adr = readFileSync(new URL("../../docs/adr/0001-event-store-keys.md", `file://${__filename}`), "utf8");

describe("ADR 0001: event store keys", () => {
  it("quotes the typical event's item size and write cost as measured", async () => {
    const item = toItem(typicalEvent);
    const bytes = itemSize(item as ItemJson);
    const quoted = /is \*\*(\d+) bytes\*\*, (\d+) WCU/.exec(adr);
    assert.ok(quoted, "the ADR states the typical event's size");
    assert.equal(Number(quoted[1]), bytes);
    assert.equal(Number(quoted[2]), writeUnits(bytes));

    const store = await startLocalDynamo({ port: 0, tableName: "adr-events", readCapacity: 5, writeCapacity: 5 });
    const client = localDynamoClient(store.endpoint);
    try {
      const out = await client.send(new PutItemCommand({ TableName: "adr-events", Item: item, ReturnConsumedCapacity: "TOTAL" }));
      assert.equal(out.ConsumedCapacity?.CapacityUnits, writeUnits(bytes));
    } finally {
      client.destroy();
      await store.close();
    }
  });
});
