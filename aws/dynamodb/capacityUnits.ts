// Capacity units from item sizes, as DynamoDB charges them in provisioned mode.
// Rules: DynamoDB Developer Guide, "DynamoDB read and write operations"
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
// and "Condition expressions" (failed conditional writes)
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html
import { itemSize, type ItemJson } from "./itemSize";

/** One write unit covers an item up to 1 KB (1,024 bytes); larger items round up per KB. */
export const writeUnitBytes = 1024;
/** One read unit covers a strongly consistent read of up to 4 KB; larger reads round up per 4 KB. */
const readUnitBytes = 4096;

export type ReadConsistency = "eventual" | "strong" | "transactional";
export type WriteKind = "standard" | "transactional";

/** Eventually consistent reads cost half, transactional reads double. */
const readFactor: Readonly<Record<ReadConsistency, number>> = { eventual: 0.5, strong: 1, transactional: 2 };
const writeFactor: Readonly<Record<WriteKind, number>> = { standard: 1, transactional: 2 };

/** Write units for writing `sizeBytes`; every write costs at least one unit. */
export function writeUnits(sizeBytes: number, kind: WriteKind = "standard"): number {
  return Math.max(1, Math.ceil(sizeBytes / writeUnitBytes)) * writeFactor[kind];
}

/** Read units for reading `sizeBytes` as one operation; reading nothing still costs one unit. */
export function readUnits(sizeBytes: number, consistency: ReadConsistency): number {
  return Math.max(1, Math.ceil(sizeBytes / readUnitBytes)) * readFactor[consistency];
}

/**
 * PutItem, UpdateItem: DynamoDB charges the larger of the item before and after the write.
 * DeleteItem: the deleted item (pass it as `before`, and no `after`).
 */
export function itemWriteUnits(after: ItemJson | undefined, before?: ItemJson, kind: WriteKind = "standard"): number {
  return writeUnits(Math.max(after ? itemSize(after) : 0, before ? itemSize(before) : 0), kind);
}

/**
 * A write whose condition evaluated to false still consumes capacity: the size of the
 * existing item, or one unit when there is none.
 */
export function failedConditionalWriteUnits(existing: ItemJson | undefined, kind: WriteKind = "standard"): number {
  return writeUnits(existing ? itemSize(existing) : 0, kind);
}
