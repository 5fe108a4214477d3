// DynamoDB's throughput rules for provisioned tables: how much unused capacity a table banks
// as burst credit, and how much one partition key can take however much the table has.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/burst-adaptive-capacity.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html

/** DynamoDB keeps up to five minutes of unused read and write capacity. */
export const burstSeconds = 300;

/** DynamoDB's throughput limit per partition key value (Developer Guide, "Service quotas"). */
export const partitionKeyLimits = { writeUnitsPerSecond: 1000, readUnitsPerSecond: 3000 } as const;
