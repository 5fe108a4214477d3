// Arrival schedules: how many requests a profile plans, where they sit, and that Poisson
// arrivals have the mean they should.
import assert from "node:assert/strict";
import { arrivalTimes, expectedCount, rateAt, type Profile } from "../../loadtest/arrivals";
import { seededRandom } from "../../loadtest/random";

const unused = () => {
  throw new Error("even spacing draws no random numbers");
};

function countBetween(times: readonly number[], fromMs: number, toMs: number): number {
  return times.filter((t) => t > fromMs && t <= toMs).length;
}

describe("arrival schedules", function () {
  it("evenly spaced at a constant rate: rate × duration requests, 1/rate apart", function () {
    const times = arrivalTimes({ kind: "constant", rate: 20 }, 3, "even", unused);
    assert.equal(times.length, 60);
    for (let i = 1; i < times.length; i++) assert.ok(Math.abs(times[i]! - times[i - 1]! - 50) < 1e-6, `gap ${i}`);
    assert.ok(times.every((t) => t > 0 && t <= 3000));
  });

  it("a ramp plans the area under the rate, with more requests late than early", function () {
    const profile: Profile = { kind: "ramp", from: 10, to: 30 };
    const times = arrivalTimes(profile, 4, "even", unused);
    assert.equal(expectedCount(profile, 4), 80);
    assert.equal(times.length, 80);
    // ∫ over the first half = 2 s × (10 + 20) / 2 = 30; the second half holds the other 50.
    assert.equal(countBetween(times, 0, 2000), 30);
    assert.equal(countBetween(times, 2000, 4000), 50);
    assert.equal(rateAt(profile, 4, 2), 20);
  });

  it("steps hold each rate for an equal share of the duration", function () {
    const times = arrivalTimes({ kind: "step", rates: [5, 10, 20] }, 6, "even", unused);
    assert.deepEqual([countBetween(times, 0, 2000), countBetween(times, 2000, 4000), countBetween(times, 4000, 6000)], [10, 20, 40]);
  });

  it("Poisson arrivals average the requested rate with exponential gaps", function () {
    const random = seededRandom(42);
    const runs = 200;
    let total = 0;
    const gaps: number[] = [];
    for (let i = 0; i < runs; i++) {
      const times = arrivalTimes({ kind: "constant", rate: 50 }, 2, "poisson", random);
      total += times.length;
      for (let j = 1; j < times.length; j++) gaps.push(times[j]! - times[j - 1]!);
    }
    // Each run's count is Poisson(100): the mean of 200 runs has a standard error of 0.71.
    const mean = total / runs;
    assert.ok(Math.abs(mean - 100) < 3, `mean count ${mean}`);
    const meanGap = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    assert.ok(Math.abs(meanGap - 20) < 0.5, `mean gap ${meanGap} ms`);
    // Exponential gaps: about e^-1 of them are longer than the mean, unlike even spacing.
    const longer = gaps.filter((g) => g > 20).length / gaps.length;
    assert.ok(Math.abs(longer - Math.exp(-1)) < 0.02, `share of long gaps ${longer}`);
  });

  it("the same seed plans the same schedule", function () {
    const a = arrivalTimes({ kind: "ramp", from: 1, to: 40 }, 5, "poisson", seededRandom(7));
    const b = arrivalTimes({ kind: "ramp", from: 1, to: 40 }, 5, "poisson", seededRandom(7));
    assert.deepEqual(a, b);
  });
});
