// The event-store ADR quotes the measured size of a typical event; this keeps the quote true as
// the event layout changes: the real `propose` stores the bench's typical request, and the item
// is sized as written, by the calculator and by the store.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { localDynamoClient, startLocalDynamo } from "../../local/dynamodb/server";
import { typicalProposal, typicalRequest } from "../../bench/lib/proposals";
import { storedProposalCost } from "../../bench/lib/storedProposal";

const adr = readFileSync(new URL("../../docs/adr/0001-event-store-keys.md", `file://${__filename}`), "utf8");

describe("ADR 0001: event store keys", () => {
  it("quotes the typical event's item size and write cost as measured", async () => {
    const tableName = "adr-events";
    const store = await startLocalDynamo({ port: 0, tableName, readCapacity: 5, writeCapacity: 5, capacity: "unlimited" });
    const client = localDynamoClient(store.endpoint);
    try {
      const cost = await storedProposalCost(client, tableName, typicalProposal, typicalRequest);
      const quoted = /is \*\*(\d+) bytes\*\*, (\d+) WCU/.exec(adr);
      assert.ok(quoted, "the ADR states the typical event's size");
      assert.equal(Number(quoted[1]), cost.bytes);
      assert.equal(Number(quoted[2]), cost.calculated);
      assert.equal(cost.reported, cost.calculated);
    } finally {
      client.destroy();
      await store.close();
    }
  });
});
