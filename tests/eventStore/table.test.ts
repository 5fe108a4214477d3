// The event store table as ADR 0001 decides it: StreamName (string) as partition key and
// EventNumber (number) as sort key, in the shapes CreateTable and aws.dynamodb.Table take.
import { strict as assert } from "node:assert";
import { eventAttributes, tableDefinition } from "../../handlers/eventStore/table";

describe("event store table", () => {
  it("is keyed by StreamName (S, HASH) and EventNumber (N, RANGE)", () => {
    assert.deepEqual(tableDefinition, {
      hashKey: "StreamName",
      rangeKey: "EventNumber",
      attributeDefinitions: [
        { AttributeName: "StreamName", AttributeType: "S" },
        { AttributeName: "EventNumber", AttributeType: "N" },
      ],
      keySchema: [
        { AttributeName: "StreamName", KeyType: "HASH" },
        { AttributeName: "EventNumber", KeyType: "RANGE" },
      ],
    });
  });

  it("names the attributes of an event item", () => {
    assert.deepEqual(eventAttributes, {
      streamName: "StreamName",
      eventNumber: "EventNumber",
      eventId: "EventId",
      eventType: "EventType",
      data: "Data",
      metadata: "Metadata",
      recordedAt: "RecordedAt",
    });
  });
});
