// Worked examples of "DynamoDB read and write operations"
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
// and of "Condition expressions" (failed conditional writes)
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html
import assert from "node:assert/strict";
import { failedConditionalWriteUnits, itemWriteUnits, readUnits, writeUnits } from "../../aws/dynamodb/capacityUnits";
import { itemSize, type ItemJson } from "../../aws/dynamodb/itemSize";

const kb = 1024;

/** An item of exactly `bytes` bytes: one attribute `P` holding a padding string. */
function itemOf(bytes: number): ItemJson {
  const item = { P: { S: "x".repeat(bytes - 1) } };
  assert.equal(itemSize(item), bytes);
  return item;
}

describe("capacity units", () => {
  it("reads a 3,500-byte item for the same as a 4 KB item", () => {
    assert.equal(readUnits(3500, "strong"), 1);
    assert.equal(readUnits(4 * kb, "strong"), 1);
    assert.equal(readUnits(4 * kb + 1, "strong"), 2);
  });

  it("charges a read of nothing (a missing item) as the smallest read", () => {
    assert.equal(readUnits(0, "strong"), 1);
    assert.equal(readUnits(0, "eventual"), 0.5);
  });

  it("reads an 8 KB item for 2 units strongly, 1 eventually, 4 transactionally", () => {
    assert.equal(readUnits(8 * kb, "strong"), 2);
    assert.equal(readUnits(8 * kb, "eventual"), 1);
    assert.equal(readUnits(8 * kb, "transactional"), 4);
  });

  it("writes per 1 KB: a 2 KB item takes 2 units, 4 in a transaction; anything up to 1 KB takes 1", () => {
    assert.equal(writeUnits(2 * kb), 2);
    assert.equal(writeUnits(2 * kb, "transactional"), 4);
    assert.equal(writeUnits(1), 1);
    assert.equal(writeUnits(kb), 1);
    assert.equal(writeUnits(kb + 1), 2);
  });

  it("charges a put or update the larger of the item before and after", () => {
    assert.equal(itemWriteUnits(itemOf(500), itemOf(3.5 * kb)), 4);
    assert.equal(itemWriteUnits(itemOf(3.5 * kb), itemOf(500)), 4);
    assert.equal(itemWriteUnits(undefined, itemOf(2.5 * kb)), 3, "a delete is charged the deleted item");
  });

  it("charges a failed conditional write the existing item: 300 KB existing, 310 KB new, 300 units", () => {
    assert.equal(failedConditionalWriteUnits(itemOf(300 * kb)), 300);
    assert.equal(itemWriteUnits(itemOf(310 * kb), itemOf(300 * kb)), 310, "the same write, succeeding");
    assert.equal(failedConditionalWriteUnits(undefined), 1, "no existing item: one unit");
  });
});
