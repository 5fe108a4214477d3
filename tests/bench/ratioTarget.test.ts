// A target's verdict and the figure printed beside it agree, even at the limit.
import { strict as assert } from "node:assert";
import { ratioTarget } from "../../bench/lib/benchmark";

describe("bench ratio targets", () => {
  it("prints two decimals, and more where two would show a missed target as equal to it", () => {
    assert.deepEqual(ratioTarget("t", 1.2, 1, 1.25), { name: "t", target: "<= 1.25 x", measured: "1.20 x", met: true });
    assert.deepEqual(ratioTarget("t", 1.25, 1, 1.25), { name: "t", target: "<= 1.25 x", measured: "1.25 x", met: true });
    assert.deepEqual(ratioTarget("t", 1.2502, 1, 1.25), { name: "t", target: "<= 1.25 x", measured: "1.2502 x", met: false });
    assert.deepEqual(ratioTarget("t", 2.6, 2, 1.25), { name: "t", target: "<= 1.25 x", measured: "1.30 x", met: false });
  });
});
