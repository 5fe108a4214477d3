// DynamoDB list prices for the sizing report's cost comparison: US East (N. Virginia),
// Standard table class, no free tier. Each price carries the date it was read and its
// source; `--prices FILE` replaces any of them (same keys, plain numbers in USD).
import { readFileSync } from "node:fs";

export interface Price {
  readonly usd: number;
  readonly per: string;
  /** The day the price was read from the source. */
  readonly asOf: string;
  readonly source: string;
}

export interface Prices {
  readonly writeCapacityUnitHour: Price;
  readonly readCapacityUnitHour: Price;
  readonly onDemandWriteRequestUnitMillion: Price;
  readonly onDemandReadRequestUnitMillion: Price;
}

const provisionedSource = "https://aws.amazon.com/dynamodb/pricing/provisioned/";
// On-demand prices were halved from 1 November 2024.
const onDemandSource = "https://aws.amazon.com/dynamodb/pricing/on-demand/";

export const defaultPrices: Prices = {
  writeCapacityUnitHour: { usd: 0.00065, per: "WCU-hour", asOf: "2024-11-01", source: provisionedSource },
  readCapacityUnitHour: { usd: 0.00013, per: "RCU-hour", asOf: "2024-11-01", source: provisionedSource },
  onDemandWriteRequestUnitMillion: { usd: 0.625, per: "million write request units", asOf: "2024-11-01", source: onDemandSource },
  onDemandReadRequestUnitMillion: { usd: 0.125, per: "million read request units", asOf: "2024-11-01", source: onDemandSource },
};

/** AWS prices a month as 730 hours. */
export const hoursPerMonth = 730;

/** Prices with the overrides in a JSON file (`{"writeCapacityUnitHour": 0.00074, …}`) applied. */
export function pricesFromFile(path: string, base: Prices = defaultPrices): Prices {
  const raw: unknown = JSON.parse(readFileSync(path, "utf8"));
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new Error(`${path}: expected a JSON object of prices`);
  const result: Record<string, Price> = { ...base };
  for (const [key, value] of Object.entries(raw)) {
    if (!Object.hasOwn(base, key)) throw new Error(`${path}: unknown price "${key}"; known: ${Object.keys(base).join(", ")}`);
    if (typeof value !== "number" || !(value >= 0)) throw new Error(`${path}: price "${key}" must be a number ≥ 0`);
    result[key] = { ...base[key as keyof Prices], usd: value, asOf: "configured", source: path };
  }
  return result as unknown as Prices;
}
