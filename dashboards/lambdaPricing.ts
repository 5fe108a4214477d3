// Lambda list prices (US East (N. Virginia), first pricing tier), for the dashboard's cost
// estimate and the bench's memory table. Source: aws.amazon.com/lambda/pricing, as read on
// the date below. Other regions differ by a few percent; the figure is a sizing aid, not a bill.

export const lambdaPricesReadOn = "2026-11-27";

export const requestPricePerMillionUsd = 0.2;

const pricePerGbSecondUsd: Readonly<Record<string, number>> = {
  arm64: 0.0000133334,
  x86_64: 0.0000166667,
};

function gbSecondPriceUsd(architecture: string): number {
  const price = pricePerGbSecondUsd[architecture];
  if (price === undefined) throw new Error(`no Lambda price known for architecture ${architecture}`);
  return price;
}

/** Lambda bills memory in GB of 1024 MB. */
function memoryGb(memorySizeMb: number): number {
  return memorySizeMb / 1024;
}

/**
 * The few operations the cost formulas below need, on numbers (the bench's memory table) or on
 * CloudWatch metric-math expressions (the dashboard), so that each formula is written once.
 */
export interface Arithmetic<T> {
  divide(x: T, by: number): T;
  multiply(x: T, by: number): T;
  add(x: T, amount: number): T;
}

export const numbers: Arithmetic<number> = {
  divide: (x, by) => x / by,
  multiply: (x, by) => x * by,
  add: (x, amount) => x + amount,
};

// A sum multiplied or divided further is bracketed, so that the expression means what the formula says.
const operand = (x: string): string => (/[+-]/.test(x.replace(/^-/, "")) ? `(${x})` : x);

export const metricMath: Arithmetic<string> = {
  divide: (x, by) => `${operand(x)} / ${by}`,
  multiply: (x, by) => `${operand(x)} * ${by}`,
  add: (x, amount) => `${x} + ${amount}`,
};

/** GB-seconds of `billedMs` milliseconds at `memorySizeMb`. */
export function gbSeconds<T>(a: Arithmetic<T>, billedMs: T, memorySizeMb: number): T {
  return a.multiply(a.divide(billedMs, 1000), memoryGb(memorySizeMb));
}

/** What a million invocations billed `billedMs` each cost, in USD: their GB-seconds and the request price. */
export function costPerMillionRequestsUsd<T>(a: Arithmetic<T>, billedMs: T, memorySizeMb: number, architecture: string): T {
  return a.add(
    a.multiply(a.multiply(gbSeconds(a, billedMs, memorySizeMb), gbSecondPriceUsd(architecture)), 1e6),
    requestPricePerMillionUsd,
  );
}
