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

  it("drops a division by zero, between numbers as between a series and a number", () => {
    assert.deepEqual(evaluateMath("1 / 0", context), { kind: "series", points: [] });
    assert.deepEqual(evaluateMath("6 / 4", context), { kind: "scalar", value: 1.5 });
    assert.deepEqual(points("requests / 0"), []);
    assert.deepEqual(points("60 / requests"), [
      { timestamp: 0, value: 15 },
      { timestamp: 120, value: 12 },
      { timestamp: 180, value: 7.5 },
    ]);
    assert.deepEqual(
      points("FILL(1 / 0, 7)").map((p) => p.value),
      [7, 7, 7, 7, 7],
    );
  });

  it("leaves a number as it is under FILL, as it has no missing period", () => {
    assert.deepEqual(evaluateMath("FILL(2, 0)", context), { kind: "scalar", value: 2 });
  });

  it("ignores spaces between and after tokens", () => {
    assert.deepEqual(evaluateMath("  PERIOD ( requests )  *  2.5e1  ", context), { kind: "scalar", value: 1500 });
  });

  it("says plainly what it does not support, naming the expression", () => {
    const refuses = (expression: string, what: string) =>
      assert.throws(() => evaluateMath(expression, context), {
        name: "UnsupportedMathError",
        message: `metric math not supported locally: ${what} in "${expression}"`,
      });
    refuses("errors ^ 2", '"^ 2"');
    refuses("errors # 2  ", '"# 2"');
    refuses("DIFF(errors)", "the function DIFF()");
    refuses("FILL(errors, REPEAT)", "FILL with something other than a number");
    refuses("FILL(errors,", "FILL with something other than a number");
    refuses("FILL(errors 0)", 'expected ","');
    refuses("FILL(errors, 0", 'expected ")"');
    refuses("PERIOD(5)", "PERIOD of something other than a query id");
    refuses("PERIOD(", "PERIOD of something other than a query id");
    refuses("PERIOD(errors, 0)", 'expected ")"');
    refuses("(errors + 1", 'expected ")"');
    refuses("errors +", "an unexpected end");
    refuses("", "an unexpected end");
    refuses("* errors", '"*"');
    refuses("errors requests", "trailing input");
    refuses("errors)", "trailing input");
    assert.throws(() => evaluateMath("errors ^ 2", context), UnsupportedMathError);
  });
});
