// The item-size rules of "DynamoDB item sizes and formats":
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
import assert from "node:assert/strict";
import { attributeValueSize, itemSize, numberSize } from "../../aws/dynamodb/itemSize";

describe("item size", () => {
  it("counts strings and attribute names in UTF-8 bytes, not characters", () => {
    assert.equal(itemSize({ Name: { S: "Paris" } }), 4 + 5);
    // é is 2 bytes, 東京 is 6, 🗼 (outside the BMP) is 4.
    assert.equal(attributeValueSize({ S: "é" }), 2);
    assert.equal(attributeValueSize({ S: "東京" }), 6);
    assert.equal(attributeValueSize({ S: "🗼" }), 4);
    assert.equal(itemSize({ Café: { S: "x" } }), 5 + 1);
  });

  it("counts the raw bytes of binary values, not their base64 text", () => {
    const raw = Buffer.from([0, 1, 2, 3, 4, 5, 6]);
    assert.equal(attributeValueSize({ B: raw.toString("base64") }), 7);
    assert.equal(attributeValueSize({ B: new Uint8Array(raw) }), 7);
    assert.equal(attributeValueSize({ BS: [raw.toString("base64"), "AA=="] }), 8);
  });

  it("counts one byte for null and boolean", () => {
    assert.equal(itemSize({ Done: { BOOL: false }, Gone: { NULL: true } }), 4 + 1 + 4 + 1);
  });

  it("counts numbers as one byte per two significant digits plus one, trimming zeroes", () => {
    assert.equal(numberSize("0"), 1);
    assert.equal(numberSize("7"), 2);
    assert.equal(numberSize("12"), 2);
    assert.equal(numberSize("123"), 3);
    assert.equal(numberSize("1234"), 3);
    assert.equal(numberSize("000100"), 2, "leading and trailing zeroes are trimmed");
    assert.equal(numberSize("100e10"), 2);
    assert.equal(numberSize("12345678901234567890123456789012345678"), 20, "38 digits: 19 pairs + 1");
  });

  it("aligns number digits in pairs on the decimal point, and a negative number takes one more byte", () => {
    // 12 fills one pair; 1.2 straddles the point and fills two (01|20).
    assert.equal(numberSize("1.2"), 3);
    assert.equal(numberSize("0.12"), 2);
    assert.equal(numberSize("-12"), 3);
  });

  it("adds 3 bytes per list or map and 1 byte per element", () => {
    assert.equal(attributeValueSize({ L: [] }), 3);
    assert.equal(attributeValueSize({ M: {} }), 3);
    assert.equal(attributeValueSize({ L: [{ S: "ab" }, { BOOL: true }] }), 3 + (1 + 2) + (1 + 1));
    // A map element also counts its name.
    assert.equal(attributeValueSize({ M: { a: { S: "xyz" }, bc: { NULL: true } } }), 3 + (1 + 1 + 3) + (1 + 2 + 1));
    assert.equal(attributeValueSize({ L: [{ M: { k: { N: "5" } } }] }), 3 + 1 + (3 + 1 + 1 + 2));
  });

  it("sums the members of string and number sets", () => {
    assert.equal(attributeValueSize({ SS: ["a", "bé"] }), 1 + 3);
    assert.equal(attributeValueSize({ NS: ["1", "-1.5"] }), 2 + 4);
  });

  it("reads exponents with or without a sign, and counts zero as one byte whatever its sign", () => {
    assert.equal(numberSize("1.5E+3"), 2, "1500: one pair");
    assert.equal(numberSize("1.5e-2"), 3, "0.015: .01|50, two pairs after the point");
    assert.equal(numberSize("1.5e-3"), 2, "0.0015: .00|15, one pair");
    assert.equal(numberSize("-0"), 1);
    assert.equal(numberSize("0.000"), 1);
    assert.equal(numberSize("00"), 1);
  });

  it("refuses text that is not a number, and an attribute value of no known type, naming them", () => {
    assert.throws(() => numberSize("twelve"), { name: "RangeError", message: "not a DynamoDB number: twelve" });
    assert.throws(() => numberSize("1e"), { name: "RangeError", message: "not a DynamoDB number: 1e" });
    assert.throws(() => attributeValueSize({ X: "1", Y: "2" } as never), {
      name: "TypeError",
      message: "unknown attribute value type: X,Y",
    });
  });
});
