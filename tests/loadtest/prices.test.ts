// `--prices FILE`: overrides by key, and a clear refusal for a file that is not a price list.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OptionsError } from "../../cli/commandLine";
import { parseOptions } from "../../loadtest/options";
import { dynamoDbPrices, dynamoDbPricesFromFile } from "../../aws/prices";

let dir: string;
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("load test prices", function () {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "prices-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("overrides the prices a file names and keeps the others", function () {
    const prices = dynamoDbPricesFromFile(file("one.json", '{"writeCapacityUnitHour": 0.00074}'));
    assert.equal(prices.writeCapacityUnitHour.usd, 0.00074);
    assert.equal(prices.writeCapacityUnitHour.readOn, "configured");
    assert.deepEqual(prices.readCapacityUnitHour, dynamoDbPrices.readCapacityUnitHour);
  });

  it("refuses keys that are not prices, inherited object names included", function () {
    for (const key of ["writeCapacityUnitsHour", "toString", "constructor", "__proto__"]) {
      const path = file(`${key}.json`, `{"${key}": 1}`);
      assert.throws(() => dynamoDbPricesFromFile(path), new RegExp(`unknown price "${key}"`), key);
    }
  });

  it("refuses a malformed file as an error of --prices", function () {
    for (const [name, text] of [
      ["broken.json", '{"writeCapacityUnitHour": '],
      ["list.json", "[1]"],
      ["negative.json", '{"readCapacityUnitHour": -1}'],
    ]) {
      assert.throws(
        () => parseOptions(["--prices", file(name!, text!)]),
        (err: Error) => err instanceof OptionsError && err.message.startsWith("--prices: "),
        name,
      );
    }
  });
});
