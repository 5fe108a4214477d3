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

  it("overrides the prices a file names, saying they are configured and where, and keeps the others", function () {
    const path = file("one.json", '{"writeCapacityUnitHour": 0.00074, "onDemandReadRequestUnitMillion": 0}');
    const prices = dynamoDbPricesFromFile(path);
    assert.deepEqual(prices.writeCapacityUnitHour, {
      usd: 0.00074,
      per: "WCU-hour",
      region: "us-east-1",
      readOn: "configured",
      source: path,
    });
    // A price of 0 is a price (a free tier, say).
    assert.equal(prices.onDemandReadRequestUnitMillion.usd, 0);
    assert.deepEqual(prices.readCapacityUnitHour, dynamoDbPrices.readCapacityUnitHour);
    assert.deepEqual(prices.onDemandWriteRequestUnitMillion, dynamoDbPrices.onDemandWriteRequestUnitMillion);
  });

  it("refuses keys that are not prices, inherited object names included, and lists the known ones", function () {
    for (const key of ["writeCapacityUnitsHour", "toString", "constructor", "__proto__"]) {
      const path = file(`${key}.json`, `{"${key}": 1}`);
      assert.throws(
        () => dynamoDbPricesFromFile(path),
        {
          message: `${path}: unknown price "${key}"; known: writeCapacityUnitHour, readCapacityUnitHour, onDemandWriteRequestUnitMillion, onDemandReadRequestUnitMillion`,
        },
        key,
      );
    }
  });

  it("refuses a file that is not a JSON object", function () {
    for (const [name, text] of [
      ["number.json", "0.00074"],
      ["string.json", '"cheap"'],
      ["null.json", "null"],
      ["list.json", "[1]"],
      ["empty-list.json", "[]"],
    ]) {
      const path = file(name!, text!);
      assert.throws(() => dynamoDbPricesFromFile(path), { message: `${path}: expected a JSON object of prices` }, name);
    }
  });

  it("refuses a price that is not a number of at least 0", function () {
    for (const [name, value] of [
      ["negative.json", "-0.0001"],
      ["text.json", '"0.00013"'],
      ["null-price.json", "null"],
      ["object-price.json", '{"usd": 0.00013}'],
    ]) {
      const path = file(name!, `{"readCapacityUnitHour": ${value}}`);
      assert.throws(() => dynamoDbPricesFromFile(path), { message: `${path}: price "readCapacityUnitHour" must be a number ≥ 0` }, name);
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
