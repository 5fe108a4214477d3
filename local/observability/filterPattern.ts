// Evaluates CloudWatch Logs metric filters of the JSON form this project uses, so tests and the
// local stack can run the real filter definitions against real log lines: a pattern
// `{ $.a.b = "text" }` or `{ $.a.b = 12 }` (also `!=`), and value selectors `$.a.b`.
// Anything else throws, so a new pattern form cannot silently go unevaluated; that includes a
// `*` in the text, a wildcard in CloudWatch's pattern syntax that this evaluator does not expand.
import type { MetricFilterDefinition } from "../../dashboards/metricFilters";

export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

export interface JsonComparison {
  readonly selector: readonly string[];
  readonly operator: "=" | "!=";
  readonly value: string | number;
}

const patternForm = /^\{\s*\$((?:\.[A-Za-z_][A-Za-z0-9_]*)+)\s*(!=|=)\s*(?:("(?:[^"\\*]|\\.)*")|(-?\d+(?:\.\d+)?))\s*\}$/;
const selectorForm = /^\$((?:\.[A-Za-z_][A-Za-z0-9_]*)+)$/;

function path(dotted: string): readonly string[] {
  return dotted.slice(1).split(".");
}

export function parsePattern(pattern: string): JsonComparison {
  const m = patternForm.exec(pattern.trim());
  if (!m) throw new Error(`unsupported metric filter pattern: ${pattern}`);
  const [, dotted, operator, text, number] = m as unknown as [string, string, "=" | "!=", string | undefined, string];
  const value = text === undefined ? Number(number) : (JSON.parse(text) as string);
  return { selector: path(dotted), operator, value };
}

function parseSelector(selector: string): readonly string[] {
  const m = selectorForm.exec(selector.trim());
  if (!m) throw new Error(`unsupported value selector: ${selector}`);
  return path(m[1] as string);
}

/** Nothing for a line that is no JSON object (undefined), as for a path through a non-object. */
function select(event: Json | undefined, selector: readonly string[]): Json | undefined {
  let current: Json | undefined = event;
  for (const key of selector) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
    current = (current as { readonly [key: string]: Json })[key];
  }
  return current;
}

/** A log line as JSON patterns see it; undefined for lines they never match (not a JSON object). */
export function parseEvent(logLine: string): Json | undefined {
  const text = logLine.trim();
  if (!text.startsWith("{")) return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

function compilePattern(pattern: string): (event: Json | undefined) => boolean {
  const { selector, operator, value } = parsePattern(pattern);
  return (event) => {
    const found = select(event, selector);
    return found !== undefined && (operator === "=") === (found === value);
  };
}

export function matches(pattern: string, logLine: string): boolean {
  return compilePattern(pattern)(parseEvent(logLine));
}

/**
 * The value a metric filter publishes for one log line, or undefined when it publishes nothing:
 * the pattern does not match, or the selected field is absent or not a number (as for
 * initDurationMs on a warm invocation).
 */
export function extractValue(filter: FilterForm, logLine: string): number | undefined {
  return compileFilter(filter)(parseEvent(logLine));
}

type FilterForm = Pick<MetricFilterDefinition, "pattern" | "valueSelector">;

/** A filter's pattern and selector parsed once, for evaluating many already parsed events. */
export function compileFilter(filter: FilterForm): (event: Json | undefined) => number | undefined {
  const matchesPattern = compilePattern(filter.pattern);
  const valueSelector = parseSelector(filter.valueSelector);
  return (event) => {
    if (!matchesPattern(event)) return undefined;
    const selected = select(event, valueSelector);
    return typeof selected === "number" ? selected : undefined;
  };
}
