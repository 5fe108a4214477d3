// The AWS prices the project uses, each with its region, the day read and its source; and the
// Lambda cost formulas, written once and rendered two ways: as numbers (the bench) and as the
// dashboard's metric math. Both renderings must mean the same.
import { strict as assert } from "node:assert";
import * as prices from "../../aws/prices";
import { costPerMillionRequestsUsd, gbSeconds, metricMath, numbers, scaledDurationMs } from "../../aws/prices";
import { settingSpecs } from "../../config/settings";
import { evaluateMath } from "../../local/observability/metricMath";

/** The expression's value with `billed` as its one series' value at one timestamp. */
function evaluated(expression: string, billed: number): number {
  const v = evaluateMath(expression, { series: () => [{ timestamp: 0, value: billed }], periodSeconds: () => 60, periods: () => [0] });
  assert.equal(v.kind, "series");
  return v.kind === "series" ? v.points[0]!.value : NaN;
}

describe("AWS prices", () => {
  it("gives every price its region, the day it was read and an AWS pricing page", () => {
    const groups = [prices.lambdaPrices, prices.dynamoDbPrices, prices.apiGatewayPrices, prices.cloudWatchPrices, prices.xrayPrices];
    const all = groups.flatMap((group) => Object.values(group) as prices.Price[]);
    assert.ok(all.length >= 14);
    for (const p of all) {
      assert.ok(p.usd > 0, p.per);
      assert.match(p.region, /^[a-z]{2}-[a-z]+-\d$/, p.per);
      assert.match(p.readOn, /^\d{4}-\d{2}-\d{2}$/, p.per);
      assert.match(p.source, /^https:\/\/aws\.amazon\.com\/[a-z-]+\/pricing\//, p.per);
    }
  });

  it("estimates the duration below a full vCPU (1,769 MB) in proportion to memory, and never below the local one", () => {
    assert.equal(scaledDurationMs(2, 1769), 2);
    assert.equal(scaledDurationMs(2, 3538), 2);
    assert.ok(Math.abs(scaledDurationMs(1, 128) - 1769 / 128) < 1e-12);
  });
});

describe("Lambda pricing formulas", () => {
  it("gives the same cost as numbers and as the dashboard's metric math", () => {
    // Every architecture a stack may be configured with has a price.
    for (const architecture of settingSpecs.architecture.allowed as readonly string[]) {
      for (const memory of [128, 256, 512, 1024, 1769, 10240]) {
        for (const billed of [1, 2, 27, 1000, 29_999]) {
          const expected = costPerMillionRequestsUsd(numbers, billed, memory, architecture);
          const rendered = costPerMillionRequestsUsd(metricMath, "billedAverage", memory, architecture);
          assert.ok(Math.abs(evaluated(rendered, billed) - expected) < 1e-9 * expected, `${rendered} at ${billed} ms`);
          assert.ok(Math.abs(evaluated(gbSeconds(metricMath, "billedSum", memory), billed) - gbSeconds(numbers, billed, memory)) < 1e-12);
        }
      }
    }
  });

  it("prices the request alone when nothing is billed, and a GB-second at its list price", () => {
    // $0.20 per million requests.
    assert.equal(costPerMillionRequestsUsd(numbers, 0, 128, "arm64"), 0.2);
    // 1,000 ms at 1,024 MB is one GB-second per request: $0.0000133334 on arm64, $0.0000166667 on x86_64.
    assert.ok(Math.abs(costPerMillionRequestsUsd(numbers, 1000, 1024, "arm64") - 13.5334) < 1e-9);
    assert.ok(Math.abs(costPerMillionRequestsUsd(numbers, 1000, 1024, "x86_64") - 16.8667) < 1e-9);
    assert.throws(() => costPerMillionRequestsUsd(numbers, 1, 128, "sparc"), /no Lambda price known for architecture sparc/);
  });

  it("brackets a sum before multiplying it, so the expression means what the formula says", () => {
    const expression = metricMath.multiply(metricMath.add("billedAverage", 1), 2);
    assert.equal(expression, "(billedAverage + 1) * 2");
    assert.equal(evaluated(expression, 3), 8);
    assert.equal(metricMath.divide("-billedAverage", 2), "-billedAverage / 2");
    // A difference given as the series is bracketed too, a negated one included.
    assert.equal(metricMath.multiply("billedSum - initSum", 2), "(billedSum - initSum) * 2");
    assert.equal(metricMath.divide("-billedSum - initSum", 2), "(-billedSum - initSum) / 2");
    assert.equal(evaluated(metricMath.divide("10 - billedAverage", 2), 4), 3);
  });
});
