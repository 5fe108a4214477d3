// The sizing math against values worked out by hand, and the commands it prints.
import assert from "node:assert/strict";
import { objectSource, resolveSettings, settingSpecs } from "../../config/settings";
import { dynamoDbPrices } from "../../aws/prices";
import { pulumiCommands, size, type SizingInput } from "../../loadtest/sizing";

const base: SizingInput = {
  targetRate: 20,
  steadyRate: 20,
  targetUtilization: 0.7,
  writeUnitsPerRequest: 1.025,
  readUnitsPerRequest: 0,
  spikeRate: 40,
  hottestKeyWriteUnitsPerSecond: 2,
  durationMs: 250,
  durationBasis: "mean Duration",
  accountConcurrencyLimit: 1000,
  prices: dynamoDbPrices,
};

describe("sizing", function () {
  it("provisions the peak at the target utilisation, rounding up", function () {
    const s = size(base);
    // 20 × 1.025 / 0.7 = 29.29 → 30; reads never go below 1 unit.
    assert.equal(s.writeCapacityUnits, 30);
    assert.equal(s.readCapacityUnits, 1);
  });

  it("estimates the burst ride: 300 s of provisioned capacity spent at the spike's excess", function () {
    const s = size(base);
    assert.equal(s.burst.creditUnits, 9000);
    // Spike: 40 × 1.025 = 41 WCU/s, 11 above 30 → 9000 / 11 = 818.2 s.
    assert.ok(Math.abs(s.burst.rideSeconds! - 9000 / 11) < 1e-9);
    // Steady 20.5 WCU/s leaves 9.5 spare → 9000 / 9.5 = 947.4 s to bank it all.
    assert.ok(Math.abs(s.burst.secondsToFill! - 9000 / 9.5) < 1e-9);
    assert.equal(size({ ...base, spikeRate: 25 }).burst.rideSeconds, null);
  });

  it("prices a month of 730 hours provisioned and on-demand", function () {
    const s = size(base);
    // 30 × 0.00065 × 730 + 1 × 0.00013 × 730 = 14.235 + 0.0949 = 14.33
    assert.equal(s.monthlyCostUsd.provisionedAtPeak, 14.33);
    // 20.5 WRU/s × 2,628,000 s = 53.874 million × $0.625 = 33.67
    assert.equal(s.monthlyCostUsd.onDemand, 33.67);
    assert.equal(s.monthlyCostUsd.pricesAsOf, "2026-12-07");
  });

  it("auto scales between the steady and the peak need when they differ", function () {
    const s = size({ ...base, steadyRate: 5 });
    // 5 × 1.025 / 0.7 = 7.3 → 8
    assert.deepEqual(s.autoScaling, {
      enabled: true,
      write: { minCapacity: 8, maxCapacity: 30 },
      read: { minCapacity: 1, maxCapacity: 1 },
      targetUtilizationPercent: 70,
    });
    // Reads scale within bounds of their own: nothing is read, so 1 RCU, not the writes' 8.
    assert.equal(s.monthlyCostUsd.provisionedAutoScaled, Math.round((8 * 0.00065 + 1 * 0.00013) * 730 * 100) / 100);
    assert.equal(size(base).autoScaling.enabled, false);
  });

  it("needs rate × duration Lambda concurrency and warns above the account limit", function () {
    assert.equal(size(base).lambda.concurrencyNeeded, 5);
    const busy = size({ ...base, targetRate: 3000, durationMs: 500, accountConcurrencyLimit: 1000 });
    assert.equal(busy.lambda.concurrencyNeeded, 1500);
    assert.equal(busy.lambda.withinLimit, false);
    assert.ok(busy.warnings.some((w) => w.includes("1500")));
  });

  it("throttles the stage at what the provisioned writes sustain", function () {
    // floor(30 / 1.025) = 29 requests/s; burst half of it.
    assert.deepEqual(size(base).apiThrottle, { rateLimit: 29, burstLimit: 15 });
  });

  it("checks the hottest partition key against 1,000 WCU per key", function () {
    assert.equal(size(base).partitionKey.withinLimit, true);
    const hot = size({ ...base, hottestKeyWriteUnitsPerSecond: 1200 });
    assert.equal(hot.partitionKey.withinLimit, false);
    assert.ok(hot.warnings.some((w) => w.includes("1000")));
  });

  it("refuses a target utilisation outside 20–90 %", function () {
    assert.throws(() => size({ ...base, targetUtilization: 0.95 }), RangeError);
    assert.throws(() => size({ ...base, targetUtilization: 0.1 }), RangeError);
  });

  it("sizes up to 40,000 WCU on one table, and says past that the target cannot be met that way", function () {
    // 28,000/s × 1 WCU at 70 % is exactly 40,000 WCU: one table's most.
    const most = size({ ...base, targetRate: 28_000, steadyRate: 28_000, writeUnitsPerRequest: 1 });
    assert.equal(most.writeCapacityUnits, 40_000);
    assert.equal(most.beyondOneTable, undefined);
    // 28,001/s needs 40,002 WCU.
    const over = size({ ...base, targetRate: 28_001, steadyRate: 28_001, writeUnitsPerRequest: 1 });
    assert.deepEqual(over.beyondOneTable, { writeUnitsNeeded: 40_002, readUnitsNeeded: 1, tableLimit: 40_000 });
    assert.equal(over.writeCapacityUnits, 40_000);
    const warning = over.warnings.find((w) => w.includes("40002 WCU"));
    assert.ok(warning, over.warnings.join("\n"));
    assert.match(warning, /cannot meet the target/);
    assert.match(warning, /quota increase/);
    assert.match(warning, /on-demand/);
  });

  it("prints pulumi config commands with the settings' keys, values a stack accepts", function () {
    const s = size({ ...base, steadyRate: 5 });
    const commands = pulumiCommands(s, "prod");
    assert.ok(commands.includes(`pulumi config set --stack prod ${settingSpecs.writeCapacity.key} 30`));
    const values = Object.fromEntries(
      commands.map((c) => {
        const [key, value] = c.split(" ").slice(-2) as [string, string];
        return [key, value === "true" || value === "false" ? value === "true" : /^\d+$/.test(value) ? Number(value) : value];
      }),
    );
    const settings = resolveSettings("prod", objectSource(values));
    assert.equal(settings.writeCapacity, 30);
    assert.equal(settings.autoScalingWriteMinCapacity, 8);
    // Nothing is read at the steady rate: reads scale down to 1, not to the writes' minimum.
    assert.equal(settings.autoScalingReadMinCapacity, 1);
    assert.equal(settings.throttlingRateLimit, 29);
  });
});
