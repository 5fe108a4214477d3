// The calculator against what dynalite itself reports as ConsumedCapacity for real PutItem
// calls: an independent implementation of the same rules. (The local store's front charges
// writes by the calculator, so the check talks to dynalite with no front.) Each generated item is padded to exactly 1,024 bytes by the calculator's
// count, then to 1,025: the store must charge 1 unit and then 2, so any byte of
// disagreement in either direction fails. Strings are ASCII here: dynalite counts string
// length in UTF-16 code units where DynamoDB counts UTF-8 bytes (see itemSize.test.ts).
import assert from "node:assert/strict";
import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { PutItemCommand, type AttributeValue, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";
import fc from "fast-check";
import { writeUnitBytes } from "../../aws/dynamodb/capacityUnits";
import { itemSize, type AttributeValueJson, type ItemJson } from "../../aws/dynamodb/itemSize";
import { tableKeys } from "../../handlers/eventStore/table";
import { ensureEventsTable, localDynamoClient } from "../../local/dynamodb/server";

const tableName = "capacity-agreement";

const ascii = fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 24 });
const attributeName = fc.stringMatching(/^a[A-Za-z0-9_]{0,8}$/);
const numberText = fc.oneof(
  fc
    .tuple(fc.boolean(), fc.stringMatching(/^[1-9]\d{0,17}$/), fc.stringMatching(/^\d{0,17}$/))
    .map(([negative, whole, fraction]) => `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`),
  fc.stringMatching(/^-?0\.0{0,6}[1-9]\d{0,12}$/),
  fc.constant("0"),
);
const base64 = fc.uint8Array({ minLength: 1, maxLength: 24 }).map((bytes) => Buffer.from(bytes).toString("base64"));

const { value: attributeValue } = fc.letrec<{ value: AttributeValueJson }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    ascii.map((S) => ({ S })),
    numberText.map((N) => ({ N })),
    base64.map((B) => ({ B })),
    fc.boolean().map((BOOL) => ({ BOOL })),
    fc.constant({ NULL: true }),
    fc.uniqueArray(ascii, { minLength: 1, maxLength: 4 }).map((SS) => ({ SS })),
    fc.uniqueArray(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 4 }).map((ns) => ({ NS: ns.map(String) })),
    fc.uniqueArray(base64, { minLength: 1, maxLength: 3 }).map((BS) => ({ BS })),
    fc.array(tie("value"), { maxLength: 4 }).map((L) => ({ L })),
    fc.dictionary(attributeName, tie("value"), { maxKeys: 4 }).map((M) => ({ M })),
  ),
}));

describe("the calculator agrees with dynalite's ConsumedCapacity", function () {
  let db: Server;
  let client: DynamoDBClient;
  let streams = 0;

  before(async () => {
    db = dynalite({ createTableMs: 0 });
    db.listen(0, "127.0.0.1");
    await once(db, "listening");
    client = localDynamoClient(`http://127.0.0.1:${(db.address() as AddressInfo).port}`);
    await ensureEventsTable(client, { tableName, readCapacity: 1, writeCapacity: 1 });
  });

  after(async () => {
    client.destroy();
    await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
  });

  async function consumedByPut(item: ItemJson): Promise<number | undefined> {
    const output = await client.send(new PutItemCommand({ TableName: tableName, Item: toSdk(item), ReturnConsumedCapacity: "TOTAL" }));
    return output.ConsumedCapacity?.CapacityUnits;
  }

  it("charges 1 unit at exactly 1,024 bytes and 2 units at 1,025, for varied items", async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(attributeName, attributeValue, { maxKeys: 6 }), async (attributes) => {
        const stream = `stream-${streams++}`;
        // Event numbers 1 and 2 have the same size, so both items share `unpadded`.
        const keyed = (eventNumber: number): ItemJson => ({
          [tableKeys.partitionKey.name]: { S: stream },
          [tableKeys.sortKey.name]: { N: String(eventNumber) },
          ...attributes,
        });
        const unpadded = itemSize(keyed(1));
        fc.pre(unpadded <= writeUnitBytes - 2);
        // "P" costs 1 byte of name; the rest of the padding is string bytes.
        const padded = (eventNumber: number, bytes: number): ItemJson => ({
          ...keyed(eventNumber),
          P: { S: "x".repeat(bytes - unpadded - 1) },
        });

        const atLimit = padded(1, writeUnitBytes);
        const overLimit = padded(2, writeUnitBytes + 1);
        assert.equal(itemSize(atLimit), writeUnitBytes);
        assert.equal(await consumedByPut(atLimit), 1);
        assert.equal(itemSize(overLimit), writeUnitBytes + 1);
        assert.equal(await consumedByPut(overLimit), 2);
      }),
      { numRuns: 60 },
    );
  });

  it("charges multi-KB items alike", async () => {
    for (const kilobytes of [3, 7, 12]) {
      const item: ItemJson = {
        [tableKeys.partitionKey.name]: { S: `big-${kilobytes}` },
        [tableKeys.sortKey.name]: { N: "1" },
        Data: { M: { text: { S: "y".repeat(kilobytes * writeUnitBytes - 200) }, tags: { SS: ["a", "b"] } } },
      };
      assert.equal(await consumedByPut(item), Math.ceil(itemSize(item) / writeUnitBytes));
    }
  });
});

/** The wire JSON form as the SDK takes it (binary as bytes). */
function toSdk(item: ItemJson): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, toSdkValue(value)]));
}

function toSdkValue(value: AttributeValueJson): AttributeValue {
  if ("B" in value) return { B: bytes(value.B) };
  if ("BS" in value) return { BS: value.BS.map(bytes) };
  if ("L" in value) return { L: value.L.map(toSdkValue) };
  if ("M" in value) return { M: toSdk(value.M) };
  if ("SS" in value) return { SS: [...value.SS] };
  if ("NS" in value) return { NS: [...value.NS] };
  return value;
}

function bytes(value: string | Uint8Array): Uint8Array {
  return typeof value === "string" ? Buffer.from(value, "base64") : value;
}
