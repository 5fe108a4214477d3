// The Lambda cost formulas are written once and rendered two ways: as numbers (the bench's
// memory table) and as the dashboard's metric math. Both renderings must mean the same.
import { strict as assert } from "node:assert";
import { costPerMillionRequestsUsd, gbSeconds, metricMath, numbers, requestPricePerMillionUsd } from "../../dashboards/lambdaPricing";
import { settingSpecs } from "../../config/settings";
import { evaluateMath } from "../../local/observability/metricMath";

/** The expression's value with `billed` as its one series' value at one timestamp. */
function evaluated(expression: string, billed: number): number {
  const v = evaluateMath(expression, { series: () => [{ timestamp: 0, value: billed }], periodSeconds: () => 60, periods: () => [0] });
  assert.equal(v.kind, "series");
  return v.kind === "series" ? v.points[0]!.value : NaN;
}

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
    assert.equal(costPerMillionRequestsUsd(numbers, 0, 128, "arm64"), requestPricePerMillionUsd);
    // 1,000 ms at 1,024 MB is one GB-second per request.
    assert.ok(Math.abs(costPerMillionRequestsUsd(numbers, 1000, 1024, "arm64") - (0.0000133334 * 1e6 + requestPricePerMillionUsd)) < 1e-9);
    assert.throws(() => costPerMillionRequestsUsd(numbers, 1, 128, "sparc"), /no Lambda price known for architecture sparc/);
  });

  it("brackets a sum before multiplying it, so the expression means what the formula says", () => {
    const expression = metricMath.multiply(metricMath.add("billedAverage", 1), 2);
    assert.equal(expression, "(billedAverage + 1) * 2");
    assert.equal(evaluated(expression, 3), 8);
    assert.equal(metricMath.divide("-billedAverage", 2), "-billedAverage / 2");
  });
});
