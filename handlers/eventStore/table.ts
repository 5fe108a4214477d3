// The event store table, defined once: the Pulumi component, the local stack and the tests
// create it from this. See docs/adr/0001-event-store-keys.md for why these keys.

export const tableKeys = {
  partitionKey: { name: "StreamName", type: "S" },
  sortKey: { name: "EventNumber", type: "N" },
} as const;

/** Attribute names of an event item. */
export const eventAttributes = {
  streamName: tableKeys.partitionKey.name,
  eventNumber: tableKeys.sortKey.name,
  eventId: "EventId",
  eventType: "EventType",
  data: "Data",
  metadata: "Metadata",
  recordedAt: "RecordedAt",
} as const;

/** Key schema and attribute definitions as both CreateTable and aws.dynamodb.Table take them. */
export const tableDefinition = {
  hashKey: tableKeys.partitionKey.name,
  rangeKey: tableKeys.sortKey.name,
  attributeDefinitions: [
    { AttributeName: tableKeys.partitionKey.name, AttributeType: tableKeys.partitionKey.type },
    { AttributeName: tableKeys.sortKey.name, AttributeType: tableKeys.sortKey.type },
  ],
  keySchema: [
    { AttributeName: tableKeys.partitionKey.name, KeyType: "HASH" },
    { AttributeName: tableKeys.sortKey.name, KeyType: "RANGE" },
  ],
} as const;
