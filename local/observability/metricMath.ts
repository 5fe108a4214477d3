// Metric math, as far as this project's dashboard and alarms use it: numbers, query ids,
// + - * / with parentheses, unary minus, PERIOD(id) and FILL(series, number). Series combine
// timestamp by timestamp and keep only timestamps present in both; a division by zero yields no
// value at that time. FILL gives every period of the queried range a value.
// Any other function or syntax throws UnsupportedMathError, so the ops page can say so.
import type { PeriodValue } from "./metricStore";

export type MathValue =
  | { readonly kind: "scalar"; readonly value: number }
  | { readonly kind: "series"; readonly points: readonly PeriodValue[] };

export interface MathContext {
  /** The series of another query of the same widget or alarm. */
  series(id: string): readonly PeriodValue[];
  /** Seconds per period of that query. */
  periodSeconds(id: string): number;
  /** Start of every period of the queried range, oldest first. */
  periods(): readonly number[];
}

export class UnsupportedMathError extends Error {
  constructor(expression: string, what: string) {
    super(`metric math not supported locally: ${what} in "${expression}"`);
    this.name = "UnsupportedMathError";
  }
}

type Token =
  | { readonly kind: "num"; readonly value: number }
  | { readonly kind: "id"; readonly name: string }
  | { readonly kind: "fn"; readonly name: string }
  | { readonly kind: "op"; readonly op: string };

const tokenForm = /\s*(?:(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)(\s*\()?|([-+*/(),]))/y;

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  tokenForm.lastIndex = 0;
  let at = 0;
  while (expression.slice(at).trim() !== "") {
    tokenForm.lastIndex = at;
    const m = tokenForm.exec(expression);
    if (!m) throw new UnsupportedMathError(expression, `"${expression.slice(at).trim()}"`);
    at = tokenForm.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: "num", value: Number(m[1]) });
    // A "(" after a name (group 3) can only follow that name (group 2): the name is a function.
    else if (m[3] !== undefined) tokens.push({ kind: "fn", name: m[2] as string }, { kind: "op", op: "(" });
    else if (m[2] !== undefined) tokens.push({ kind: "id", name: m[2] });
    else tokens.push({ kind: "op", op: m[4] as string });
  }
  return tokens;
}

export function evaluateMath(expression: string, context: MathContext): MathValue {
  const tokens = tokenize(expression);
  let i = 0;
  const peek = () => tokens[i];
  const isOp = (op: string) => {
    const t = peek();
    return t?.kind === "op" && t.op === op;
  };
  const expect = (op: string) => {
    if (!isOp(op)) throw new UnsupportedMathError(expression, `expected "${op}"`);
    i++;
  };

  // One precedence level: operands from `operand`, joined left to right by any of `ops`.
  const level = (ops: readonly string[], operand: () => MathValue) => (): MathValue => {
    let left = operand();
    while (ops.some(isOp)) {
      const op = (tokens[i++] as { op: string }).op;
      left = combine(left, operand(), op);
    }
    return left;
  };
  const sum = level(["+", "-"], () => product());
  const product = level(["*", "/"], () => unary());
  const unary = (): MathValue => {
    if (isOp("-")) {
      i++;
      return combine({ kind: "scalar", value: 0 }, unary(), "-");
    }
    return primary();
  };
  const primary = (): MathValue => {
    const t = tokens[i++];
    if (!t) throw new UnsupportedMathError(expression, "an unexpected end");
    if (t.kind === "num") return { kind: "scalar", value: t.value };
    if (t.kind === "id") return { kind: "series", points: context.series(t.name) };
    if (t.kind === "fn") {
      expect("(");
      if (t.name === "PERIOD") {
        const arg = tokens[i++];
        if (arg?.kind !== "id") throw new UnsupportedMathError(expression, "PERIOD of something other than a query id");
        expect(")");
        return { kind: "scalar", value: context.periodSeconds(arg.name) };
      }
      if (t.name === "FILL") {
        const filled = sum();
        expect(",");
        const value = tokens[i++];
        if (value?.kind !== "num") throw new UnsupportedMathError(expression, "FILL with something other than a number");
        expect(")");
        return fill(filled, value.value, context.periods());
      }
      throw new UnsupportedMathError(expression, `the function ${t.name}()`);
    }
    if (t.op === "(") {
      const inner = sum();
      expect(")");
      return inner;
    }
    throw new UnsupportedMathError(expression, `"${t.op}"`);
  };

  const result = sum();
  if (i !== tokens.length) throw new UnsupportedMathError(expression, "trailing input");
  return result;
}

function fill(value: MathValue, missing: number, periods: readonly number[]): MathValue {
  if (value.kind === "scalar") return value;
  const present = new Map(value.points.map((p) => [p.timestamp, p.value]));
  return { kind: "series", points: periods.map((timestamp) => ({ timestamp, value: present.get(timestamp) ?? missing })) };
}

function apply(a: number, b: number, op: string): number | undefined {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    default:
      return b === 0 ? undefined : a / b;
  }
}

function combine(left: MathValue, right: MathValue, op: string): MathValue {
  if (left.kind === "scalar" && right.kind === "scalar") {
    const value = apply(left.value, right.value, op);
    return value === undefined ? { kind: "series", points: [] } : { kind: "scalar", value };
  }
  const points: PeriodValue[] = [];
  if (left.kind === "series" && right.kind === "series") {
    const other = new Map(right.points.map((p) => [p.timestamp, p.value]));
    for (const p of left.points) {
      const b = other.get(p.timestamp);
      const value = b === undefined ? undefined : apply(p.value, b, op);
      if (value !== undefined) points.push({ timestamp: p.timestamp, value });
    }
  } else {
    const series = (left.kind === "series" ? left : right) as { readonly points: readonly PeriodValue[] };
    for (const p of series.points) {
      const value = left.kind === "scalar" ? apply(left.value, p.value, op) : apply(p.value, (right as { value: number }).value, op);
      if (value !== undefined) points.push({ timestamp: p.timestamp, value });
    }
  }
  return { kind: "series", points };
}
