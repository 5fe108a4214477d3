// The sizing math against values worked out by hand from DynamoDB's published prices and
// limits, both sides of each limit, the warnings a user reads, and the commands it prints.
import assert from "node:assert/strict";
import { objectSource, resolveSettings } from "../../config/settings";
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

// Published list prices (us-east-1, Standard table class): $0.00065 per WCU-hour, $0.00013 per
// RCU-hour, $0.625 per million write request units, $0.125 per million read request units.
// A month is 730 hours, 2,628,000 seconds.

/** The warning for a target beyond one table's 40,000 units, with what it needs. */
const beyondOneTableWarning = (rate: number, needs: string): string =>
  `${rate} proposals/s at 70 % needs ${needs}, more than the 40000 one table may be provisioned ` +
  "(DynamoDB's default per-table quota, the most writeCapacity and readCapacity accept): provisioned capacity cannot meet the target. " +
  "What would: a per-table quota increase (Service Quotas; provisioned capacity also counts against the account's per-Region quota), " +
  "or on-demand (billingMode PAY_PER_REQUEST), which takes 40000 request units per second per table by default and needs the same increase beyond that";

function assertClose(actual: number | null, expected: number): void {
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${actual} is not ${expected}`);
}

describe("sizing", function () {
  it("sizes a steady load: capacity at the target utilisation, rounding up, and no warning", function () {
    const { burst, ...s } = size(base);
    assert.deepEqual(s, {
      targetRate: 20,
      steadyRate: 20,
      targetUtilizationPercent: 70,
      writeUnitsPerRequest: 1.025,
      readUnitsPerRequest: 0,
      // 20 × 1.025 / 0.7 = 29.29 → 30; reads never go below 1 unit.
      writeCapacityUnits: 30,
      readCapacityUnits: 1,
      autoScaling: {
        enabled: false,
        write: { minCapacity: 30, maxCapacity: 30 },
        read: { minCapacity: 1, maxCapacity: 1 },
        targetUtilizationPercent: 70,
      },
      partitionKey: { writeUnitsPerSecondLimit: 1000, readUnitsPerSecondLimit: 3000, hottestKeyWriteUnitsPerSecond: 2, withinLimit: true },
      monthlyCostUsd: {
        // (30 × $0.00065 + 1 × $0.00013) × 730 h = 14.235 + 0.0949 = 14.33
        provisionedAtPeak: 14.33,
        provisionedAutoScaled: 14.33,
        // 20.5 WRU/s × 2,628,000 s = 53.874 million × $0.625 = 33.67
        onDemand: 33.67,
        pricesAsOf: "2026-12-07",
      },
      // 20/s × 250 ms = 5 executions.
      lambda: { durationMs: 250, durationBasis: "mean Duration", concurrencyNeeded: 5, accountLimit: 1000, withinLimit: true },
      // floor(30 / 1.025) = 29 requests/s; burst half of it.
      apiThrottle: { rateLimit: 29, burstLimit: 15 },
      warnings: [],
    });
    // 300 s of 30 WCU banked; the spike's 41 WCU/s is 11 above 30 → 9000 / 11 = 818.2 s of ride,
    // and the steady 20.5 WCU/s leaves 9.5 spare → 9000 / 9.5 = 947.4 s to bank it all.
    assert.equal(burst.creditUnits, 9000);
    assert.equal(burst.spikeRate, 40);
    assertClose(burst.rideSeconds, 818.1818181818);
    assertClose(burst.secondsToFill, 947.3684210526);
  });

  it("accepts a target utilisation from 20 to 90 %, both ends included", function () {
    // 20 × 1.025 / 0.2 = 102.5 → 103; / 0.9 = 22.8 → 23.
    const low = size({ ...base, targetUtilization: 0.2 });
    assert.deepEqual([low.targetUtilizationPercent, low.autoScaling.targetUtilizationPercent, low.writeCapacityUnits], [20, 20, 103]);
    const high = size({ ...base, targetUtilization: 0.9 });
    assert.deepEqual([high.targetUtilizationPercent, high.autoScaling.targetUtilizationPercent, high.writeCapacityUnits], [90, 90, 23]);
  });

  it("refuses a target utilisation outside 20–90 %, saying the range in percent", function () {
    for (const [utilization, shown] of [
      [0.19, "19"],
      [0.91, "91"],
      [0.1, "10"],
      [0.95, "95"],
      [Number.NaN, "NaN"],
    ] as const) {
      assert.throws(() => size({ ...base, targetUtilization: utilization }), {
        name: "RangeError",
        message: `target utilisation must be from 20 to 90 %, got ${shown}`,
      });
    }
  });

  it("auto scales reads and writes each between its own steady and peak need", function () {
    const s = size({ ...base, steadyRate: 5, readUnitsPerRequest: 0.5 });
    // Writes: 5 × 1.025 / 0.7 = 7.3 → 8 up to 30. Reads: 5 × 0.5 / 0.7 = 3.6 → 4 up to 20 × 0.5 / 0.7 = 14.3 → 15.
    assert.deepEqual(s.autoScaling, {
      enabled: true,
      write: { minCapacity: 8, maxCapacity: 30 },
      read: { minCapacity: 4, maxCapacity: 15 },
      targetUtilizationPercent: 70,
    });
    assert.deepEqual(s.monthlyCostUsd, {
      // (30 × $0.00065 + 15 × $0.00013) × 730 = 15.6585
      provisionedAtPeak: 15.66,
      // (8 × $0.00065 + 4 × $0.00013) × 730 = 4.1756
      provisionedAutoScaled: 4.18,
      // 5.125 WRU/s × 2,628,000 s = 13.4685 million × $0.625 = 8.4178;
      // 2.5 RRU/s × 2,628,000 s = 6.57 million × $0.125 = 0.8213
      onDemand: 9.24,
      pricesAsOf: "2026-12-07",
    });
    assert.deepEqual(s.warnings, []);
  });

  it("prices a month of 730 hours of reads and writes, provisioned and on-demand", function () {
    const s = size({ ...base, writeUnitsPerRequest: 1, readUnitsPerRequest: 1 });
    // 20 / 0.7 = 28.6 → 29 WCU and 29 RCU: (29 × $0.00065 + 29 × $0.00013) × 730 = 16.5126.
    // 20 WRU/s and 20 RRU/s × 2,628,000 s = 52.56 million each: × $0.625 = 32.85, × $0.125 = 6.57.
    assert.deepEqual(s.monthlyCostUsd, {
      provisionedAtPeak: 16.51,
      provisionedAutoScaled: 16.51,
      onDemand: 39.42,
      pricesAsOf: "2026-12-07",
    });
  });

  it("prices with an overridden price, and says which prices were configured", function () {
    const prices = {
      ...dynamoDbPrices,
      writeCapacityUnitHour: { ...dynamoDbPrices.writeCapacityUnitHour, usd: 0.00074, readOn: "configured" },
    };
    const s = size({ ...base, writeUnitsPerRequest: 1, readUnitsPerRequest: 1, prices });
    // (29 × $0.00074 + 29 × $0.00013) × 730 = 18.4179
    assert.equal(s.monthlyCostUsd.provisionedAtPeak, 18.42);
    assert.equal(s.monthlyCostUsd.pricesAsOf, "configured, 2026-12-07");
  });

  it("needs rate × duration Lambda concurrency and warns only above the account limit", function () {
    // 20/s × 250 ms = 5 concurrent executions.
    const atLimit = size({ ...base, accountConcurrencyLimit: 5 });
    assert.deepEqual([atLimit.lambda.concurrencyNeeded, atLimit.lambda.withinLimit, atLimit.warnings], [5, true, []]);
    const above = size({ ...base, accountConcurrencyLimit: 4 });
    assert.equal(above.lambda.withinLimit, false);
    assert.deepEqual(above.warnings, ["Lambda needs 5 concurrent executions, above the account limit of 4"]);
    // 3,000/s × 500 ms = 1,500.
    assert.equal(size({ ...base, targetRate: 3000, durationMs: 500 }).lambda.concurrencyNeeded, 1500);
  });

  it("checks the hottest partition key against 1,000 WCU per key, that much included", function () {
    const atLimit = size({ ...base, hottestKeyWriteUnitsPerSecond: 1000 });
    assert.deepEqual([atLimit.partitionKey.withinLimit, atLimit.warnings], [true, []]);
    const above = size({ ...base, hottestKeyWriteUnitsPerSecond: 1001 });
    assert.equal(above.partitionKey.withinLimit, false);
    assert.deepEqual(above.warnings, ["one partition key took 1001 WCU in a second, above DynamoDB's 1000 per key"]);
  });

  it("throttles the stage at what the provisioned writes sustain, or at the target when nothing is written", function () {
    // 10 × 1.025 / 0.7 = 14.6 → 15 WCU sustain floor(15 / 1.025) = 14 requests/s, not 10 / 0.7 → 15.
    assert.deepEqual(size({ ...base, targetRate: 10, steadyRate: 10 }).apiThrottle, { rateLimit: 14, burstLimit: 7 });
    // No writes: the target at the utilisation, 20 / 0.7 = 28.6 → 29.
    assert.deepEqual(size({ ...base, writeUnitsPerRequest: 0 }).apiThrottle, { rateLimit: 29, burstLimit: 15 });
  });

  it("keeps the stage's limits within what a stack accepts, 1 to 10,000 requests/s, and says when it does", function () {
    // 7,000 × 1 / 0.7 = 10,000 WCU sustain 10,000 requests/s: the most a stage is set to.
    const most = size({
      ...base,
      targetRate: 7000,
      steadyRate: 7000,
      writeUnitsPerRequest: 1,
      durationMs: 100,
      accountConcurrencyLimit: 10_000,
    });
    assert.deepEqual([most.apiThrottle, most.warnings], [{ rateLimit: 10_000, burstLimit: 5000 }, []]);
    // 7,001 / 0.7 = 10,001.4 → 10,002 WCU would sustain 10,002.
    const over = size({
      ...base,
      targetRate: 7001,
      steadyRate: 7001,
      writeUnitsPerRequest: 1,
      durationMs: 100,
      accountConcurrencyLimit: 10_000,
    });
    assert.deepEqual(
      [over.apiThrottle, over.warnings],
      [{ rateLimit: 10_000, burstLimit: 5000 }, ["throttlingRateLimit: 10002 is outside 1–10000; using 10000"]],
    );
    const none = size({ ...base, targetRate: 0, steadyRate: 0, spikeRate: 0 });
    assert.deepEqual(
      [none.apiThrottle, none.warnings],
      [{ rateLimit: 1, burstLimit: 1 }, ["throttlingRateLimit: 0 is outside 1–10000; using 1"]],
    );
  });

  it("estimates the burst ride only for a spike above the provisioned capacity", function () {
    // 20 / 0.7 → 29 WCU bank 29 × 300 = 8,700 units.
    const even = size({ ...base, writeUnitsPerRequest: 1, spikeRate: 29 });
    assert.deepEqual(even.burst, { creditUnits: 8700, secondsToFill: 8700 / 9, spikeRate: 29, rideSeconds: null });
    // One WCU/s above: 8,700 s.
    assert.equal(size({ ...base, writeUnitsPerRequest: 1, spikeRate: 30 }).burst.rideSeconds, 8700);
  });

  it("banks no burst credit when the steady writes take all of one table's capacity", function () {
    const input = { ...base, writeUnitsPerRequest: 1, durationMs: 10, accountConcurrencyLimit: 10_000 };
    // 40,000/s of 1 WCU are capped at 40,000 WCU: nothing spare. A spike to 80,000/s spends
    // the 12,000,000 banked units at 40,000 a second.
    const full = size({ ...input, targetRate: 40_000, steadyRate: 40_000, spikeRate: 80_000 });
    assert.deepEqual(full.burst, { creditUnits: 12_000_000, secondsToFill: null, spikeRate: 80_000, rideSeconds: 300 });
    const over = size({ ...input, targetRate: 50_000, steadyRate: 50_000, spikeRate: 80_000 });
    assert.equal(over.burst.secondsToFill, null);
  });

  it("sizes up to 40,000 WCU on one table, and says past that the target cannot be met that way", function () {
    // 28,000/s × 1 WCU at 70 % is exactly 40,000 WCU: one table's most.
    const input = { ...base, writeUnitsPerRequest: 1, durationMs: 10, accountConcurrencyLimit: 10_000 };
    const most = size({ ...input, targetRate: 28_000, steadyRate: 28_000 });
    assert.equal(most.writeCapacityUnits, 40_000);
    assert.equal(most.beyondOneTable, undefined);
    // 28,001/s needs 40,002 WCU.
    const over = size({ ...input, targetRate: 28_001, steadyRate: 28_001 });
    assert.deepEqual(over.beyondOneTable, { writeUnitsNeeded: 40_002, readUnitsNeeded: 1, tableLimit: 40_000 });
    assert.equal(over.writeCapacityUnits, 40_000);
    assert.deepEqual(over.warnings, [
      beyondOneTableWarning(28_001, "40002 WCU"),
      "throttlingRateLimit: 40000 is outside 1–10000; using 10000",
    ]);
    // With auto scaling on, its bounds are commands to run, so a clamped bound is worth saying.
    const scaled = size({ ...input, targetRate: 28_001, steadyRate: 28_000.7 });
    assert.deepEqual(scaled.autoScaling.write, { minCapacity: 40_000, maxCapacity: 40_000 });
    assert.deepEqual(scaled.warnings, [
      beyondOneTableWarning(28_001, "40002 WCU"),
      "autoScalingWriteMinCapacity: 40001 is outside 1–40000; using 40000",
      "throttlingRateLimit: 40000 is outside 1–10000; using 10000",
    ]);
  });

  it("sizes up to 40,000 RCU on one table, and names the reads past that", function () {
    const input = { ...base, durationMs: 10, accountConcurrencyLimit: 10_000 };
    // 28,000/s × 1 RCU at 70 % is exactly 40,000 RCU, with 20,000 WCU.
    const most = size({ ...input, targetRate: 28_000, steadyRate: 28_000, writeUnitsPerRequest: 0.5, readUnitsPerRequest: 1 });
    assert.deepEqual([most.writeCapacityUnits, most.readCapacityUnits, most.beyondOneTable], [20_000, 40_000, undefined]);
    // 28,001/s needs 40,002 RCU and 28,000.5 / 0.7 → 20,001 WCU.
    const over = size({ ...input, targetRate: 28_001, steadyRate: 28_001, writeUnitsPerRequest: 0.5, readUnitsPerRequest: 1 });
    assert.deepEqual(over.beyondOneTable, { writeUnitsNeeded: 20_001, readUnitsNeeded: 40_002, tableLimit: 40_000 });
    assert.equal(over.readCapacityUnits, 40_000);
    assert.equal(over.warnings[0], beyondOneTableWarning(28_001, "40002 RCU"));
  });

  it("names only the units past one table's 40,000: writes, reads or both", function () {
    const input = { ...base, targetRate: 28_000, steadyRate: 28_000, durationMs: 10, accountConcurrencyLimit: 10_000 };
    // 28,000 × 1.5 / 0.7 = 60,000 of the one, exactly 40,000 of the other.
    const reads = size({ ...input, writeUnitsPerRequest: 1, readUnitsPerRequest: 1.5 });
    assert.equal(reads.warnings[0], beyondOneTableWarning(28_000, "60000 RCU"));
    const writes = size({ ...input, writeUnitsPerRequest: 1.5, readUnitsPerRequest: 1 });
    assert.equal(writes.warnings[0], beyondOneTableWarning(28_000, "60000 WCU"));
    const both = size({ ...input, writeUnitsPerRequest: 1.5, readUnitsPerRequest: 1.5 });
    assert.equal(both.warnings[0], beyondOneTableWarning(28_000, "60000 WCU and 60000 RCU"));
  });

  it("prints the pulumi config commands of a fixed capacity", function () {
    assert.deepEqual(pulumiCommands(size(base)), [
      "pulumi config set billingMode PROVISIONED",
      "pulumi config set writeCapacity 30",
      "pulumi config set readCapacity 1",
      "pulumi config set autoScaling false",
      "pulumi config set throttlingRateLimit 29",
      "pulumi config set throttlingBurstLimit 15",
    ]);
  });

  it("prints pulumi config commands for a stack with auto scaling, values the stack accepts", function () {
    const commands = pulumiCommands(size({ ...base, steadyRate: 5 }), "prod");
    assert.deepEqual(commands, [
      "pulumi config set --stack prod billingMode PROVISIONED",
      "pulumi config set --stack prod writeCapacity 30",
      "pulumi config set --stack prod readCapacity 1",
      "pulumi config set --stack prod autoScaling true",
      "pulumi config set --stack prod autoScalingWriteMinCapacity 8",
      "pulumi config set --stack prod autoScalingWriteMaxCapacity 30",
      // Nothing is read at the steady rate: reads scale down to 1, not to the writes' minimum.
      "pulumi config set --stack prod autoScalingReadMinCapacity 1",
      "pulumi config set --stack prod autoScalingReadMaxCapacity 1",
      "pulumi config set --stack prod autoScalingTargetUtilization 70",
      "pulumi config set --stack prod throttlingRateLimit 29",
      "pulumi config set --stack prod throttlingBurstLimit 15",
    ]);
    const values = Object.fromEntries(
      commands.map((c) => {
        const [key, value] = c.split(" ").slice(-2) as [string, string];
        return [key, value === "true" || value === "false" ? value === "true" : /^\d+$/.test(value) ? Number(value) : value];
      }),
    );
    // Every value is one the stack's settings accept (resolveSettings throws otherwise).
    assert.equal(resolveSettings("prod", objectSource(values)).autoScalingWriteMinCapacity, 8);
  });
});
