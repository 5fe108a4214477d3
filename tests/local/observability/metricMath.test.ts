import { strict as assert } from "node:assert";
import { evaluateMath, UnsupportedMathError, type MathContext } from "../../../local/observability/metricMath";
import type { PeriodValue } from "../../../local/observability/metricStore";

const series: Record<string, PeriodValue[]> = {
  errors: [
    { timestamp: 0, value: 1 },
    { timestamp: 60, value: 0 },
    { timestamp: 180, value: 2 },
  ],
  requests: [
    { timestamp: 0, value: 4 },
    { timestamp: 60, value: 0 },
    { timestamp: 120, value: 5 },
    { timestamp: 180, value: 8 },
  ],
};
const context: MathContext = { series: (id) => series[id] ?? [], periodSeconds: () => 60, periods: () => [0, 60, 120, 180, 240] };

function points(expression: string) {
  const v = evaluateMath(expression, context);
  assert.equal(v.kind, "series");
  return v.kind === "series" ? v.points : [];
}

describe("metric math", () => {
  it("combines series timestamp by timestamp, keeping only common timestamps and dropping division by zero", () => {
    assert.deepEqual(points("100 * errors / requests"), [
      { timestamp: 0, value: 25 },
      { timestamp: 180, value: 25 },
    ]);
  });

  it("honours precedence, parentheses and unary minus", () => {
    assert.deepEqual(points("requests - errors * 2"), [
      { timestamp: 0, value: 2 },
      { timestamp: 60, value: 0 },
      { timestamp: 180, value: 4 },
    ]);
    assert.deepEqual(
      points("(requests - errors) * -1").map((p) => p.value),
      [-3, -0, -6],
    );
  });

  it("knows PERIOD(id) in seconds, as the per-second capacity expressions use it", () => {
    assert.deepEqual(
      points("requests / PERIOD(requests)").map((p) => p.value),
      [4 / 60, 0, 5 / 60, 8 / 60],
    );
    assert.deepEqual(evaluateMath("PERIOD(requests) * 2", context), { kind: "scalar", value: 120 });
  });

  it("fills every period of the range with FILL(series, number), keeping the values there are", () => {
    assert.deepEqual(points("FILL(errors, 0)"), [
      { timestamp: 0, value: 1 },
      { timestamp: 60, value: 0 },
      { timestamp: 120, value: 0 },
      { timestamp: 180, value: 2 },
      { timestamp: 240, value: 0 },
    ]);
    assert.deepEqual(
      points("FILL(nothing, 0)").map((p) => p.value),
      [0, 0, 0, 0, 0],
      "a metric with no data at all",
    );
    assert.deepEqual(
      points("FILL(errors / requests, 1) * 2").map((p) => p.value),
      [0.5, 2, 2, 0.5, 2],
      "division by zero at 60 s is missing, so filled",
    );
  });

  it("says plainly what it does not support", () => {
    assert.throws(
      () => evaluateMath("FILL(errors, REPEAT)", context),
      (e: unknown) => e instanceof UnsupportedMathError && /FILL/.test(e.message),
    );
    assert.throws(
      () => evaluateMath("DIFF(errors)", context),
      (e: unknown) => e instanceof UnsupportedMathError && /DIFF/.test(e.message),
    );
    assert.throws(() => evaluateMath("errors ^ 2", context), UnsupportedMathError);
  });
});
