// AWS list prices the project uses: the dashboard's cost per request, the load test's capacity
// sizing, and the bench's cost per million proposals. Each price says its region, the day it was
// read and where; all are on-demand list prices in the first usage tier, with no free tier.
// The stacks deploy to eu-west-2 (London), whose prices are a little higher than these: the
// figures are for sizing and comparing parts, not a bill.
import { readFileSync } from "node:fs";

export interface Price {
  readonly usd: number;
  readonly per: string;
  readonly region: string;
  /** The day the price was read from the source (or "configured" for an override). */
  readonly readOn: string;
  readonly source: string;
}

const region = "us-east-1";
const readOn = "2026-12-07";
const price = (usd: number, per: string, source: string): Price => ({ usd, per, region, readOn, source });

const lambdaSource = "https://aws.amazon.com/lambda/pricing/";
export const lambdaPrices = {
  requests: price(0.2, "million requests", lambdaSource),
  gbSecondX86: price(0.0000166667, "GB-second (x86_64)", lambdaSource),
  gbSecondArm64: price(0.0000133334, "GB-second (arm64)", lambdaSource),
} as const;

// On-demand throughput prices were halved from 1 November 2024.
const dynamoDbProvisionedSource = "https://aws.amazon.com/dynamodb/pricing/provisioned/";
const dynamoDbOnDemandSource = "https://aws.amazon.com/dynamodb/pricing/on-demand/";

/** DynamoDB throughput prices, Standard table class; the load test's `--prices FILE` overrides them. */
export interface DynamoDbPrices {
  readonly writeCapacityUnitHour: Price;
  readonly readCapacityUnitHour: Price;
  readonly onDemandWriteRequestUnitMillion: Price;
  readonly onDemandReadRequestUnitMillion: Price;
}

export const dynamoDbPrices: DynamoDbPrices = {
  writeCapacityUnitHour: price(0.00065, "WCU-hour", dynamoDbProvisionedSource),
  readCapacityUnitHour: price(0.00013, "RCU-hour", dynamoDbProvisionedSource),
  onDemandWriteRequestUnitMillion: price(0.625, "million write request units", dynamoDbOnDemandSource),
  onDemandReadRequestUnitMillion: price(0.125, "million read request units", dynamoDbOnDemandSource),
};

const apiGatewaySource = "https://aws.amazon.com/api-gateway/pricing/";
export const apiGatewayPrices = {
  /** REST API calls, first 333 million a month. */
  restRequests: price(3.5, "million REST API requests", apiGatewaySource),
} as const;

const cloudWatchSource = "https://aws.amazon.com/cloudwatch/pricing/";
export const cloudWatchPrices = {
  /** Standard log class ingestion; Lambda's logs are billed as vended logs, at this price in the first tier. */
  logsIngested: price(0.5, "GB of logs ingested", cloudWatchSource),
  /** Each metric name with each combination of dimension values is one metric; first 10,000. */
  customMetricMonth: price(0.3, "metric-month", cloudWatchSource),
  standardAlarmMonth: price(0.1, "standard-resolution alarm metric-month", cloudWatchSource),
  compositeAlarmMonth: price(0.5, "composite alarm-month", cloudWatchSource),
  dashboardMonth: price(3, "dashboard-month", cloudWatchSource),
} as const;

export const xrayPrices = {
  tracesRecorded: price(5, "million traces recorded", "https://aws.amazon.com/xray/pricing/"),
} as const;

/** AWS prices a month as 730 hours. */
export const hoursPerMonth = 730;

/** DynamoDB prices with the overrides in a JSON file (`{"writeCapacityUnitHour": 0.00074, …}`) applied. */
export function dynamoDbPricesFromFile(path: string, base: DynamoDbPrices = dynamoDbPrices): DynamoDbPrices {
  const raw: unknown = JSON.parse(readFileSync(path, "utf8"));
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new Error(`${path}: expected a JSON object of prices`);
  const result: Record<string, Price> = { ...base };
  for (const [key, value] of Object.entries(raw)) {
    if (!Object.hasOwn(base, key)) throw new Error(`${path}: unknown price "${key}"; known: ${Object.keys(base).join(", ")}`);
    if (typeof value !== "number" || !(value >= 0)) throw new Error(`${path}: price "${key}" must be a number ≥ 0`);
    result[key] = { ...base[key as keyof DynamoDbPrices], usd: value, readOn: "configured", source: path };
  }
  return result as unknown as DynamoDbPrices;
}

// Lambda's cost formulas, written once for numbers and for CloudWatch metric math.

function gbSecondPriceUsd(architecture: string): number {
  if (architecture === "arm64") return lambdaPrices.gbSecondArm64.usd;
  if (architecture === "x86_64") return lambdaPrices.gbSecondX86.usd;
  throw new Error(`no Lambda price known for architecture ${architecture}`);
}

/** Lambda bills memory in GB of 1024 MB. */
function memoryGb(memorySizeMb: number): number {
  return memorySizeMb / 1024;
}

/**
 * The few operations the cost formulas below need, on numbers (the bench) or on CloudWatch
 * metric-math expressions (the dashboard), so that each formula is written once.
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

// A sum multiplied or divided further is bracketed, so that the expression means what the formula says;
// a sign in first place negates, it adds nothing.
const operand = (x: string): string => (/.[+-]/.test(x) ? `(${x})` : x);

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
    lambdaPrices.requests.usd,
  );
}

/** Memory at which a function gets the equivalent of one full vCPU (Lambda developer guide). */
const fullVcpuMemoryMb = 1769;

/**
 * Duration expected at `memoryMb` for work that took `localMs` on one local core: Lambda gives
 * a function CPU in proportion to its memory, so below a full vCPU the same work takes longer.
 * An estimate for planning; a memory sweep on a deployed stack measures it.
 */
export function scaledDurationMs(localMs: number, memoryMb: number): number {
  return localMs * Math.max(1, fullVcpuMemoryMb / memoryMb);
}
