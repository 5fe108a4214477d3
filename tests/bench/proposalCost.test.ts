// The cost per million proposals, checked against figures worked out by hand from round prices.
import { strict as assert } from "node:assert";
import { costPerMillionProposals, type ProposalCostInputs, type UnitPrices } from "../../bench/lib/proposalCost";

const prices: UnitPrices = {
  apiRequestsPerMillion: 3.5,
  lambdaRequestsPerMillion: 0.2,
  gbSecond: 0.00001,
  writeRequestUnitsPerMillion: 0.625,
  writeCapacityUnitHour: 0.00065,
  logsPerGb: 0.5,
  tracesPerMillion: 5,
  customMetricMonth: 0.3,
  standardAlarmMetricMonth: 0.1,
  compositeAlarmMonth: 0.5,
  dashboardMonth: 3,
};

const inputs: ProposalCostInputs = {
  durationMs: 27.2,
  memoryMb: 128,
  initDurationMs: 399.5,
  coldStartShare: 0.01,
  writeUnitsPerProposal: 1,
  targetUtilization: 0.7,
  logBytesPerProposal: 2147.483648,
  tracedShare: 0.1,
  proposalsPerMonth: 2_000_000,
  customMetrics: 20,
  standardAlarmMetrics: 10,
  compositeAlarms: 1,
  dashboards: 1,
};

const close = (actual: number, expected: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual}, expected ${expected}`);

describe("cost per million proposals", () => {
  const cost = costPerMillionProposals(inputs, prices);
  const usd = (part: string): number => {
    const found = cost.parts.find((p) => p.part === part);
    assert.ok(found, part);
    return found.usd;
  };

  it("prices each request at the API's and Lambda's request prices", () => {
    close(usd("API Gateway REST requests"), 3.5, "API");
    close(usd("Lambda requests"), 0.2, "Lambda requests");
  });

  it("bills Lambda duration rounded up to the next ms, at 128 MB as 1/8 GB", () => {
    // 27.2 ms -> 28 ms = 0.028 s × 0.125 GB = 0.0035 GB-s; × 1e6 = 3,500 GB-s × $0.00001 = $0.035.
    close(usd("Lambda duration (GB-seconds)"), 0.035, "duration");
    // 1 % of a million = 10,000 cold starts × 400 ms × 0.125 GB = 500 GB-s × $0.00001 = $0.005.
    close(usd("Lambda INIT (cold starts)"), 0.005, "INIT");
  });

  it("prices writes on demand per unit, and provisioned at the target utilisation", () => {
    close(usd("DynamoDB writes, on demand"), 0.625, "on demand");
    // 1e6 WCU-seconds / 0.7 = 1,428,571.43 WCU-s = 396.825 WCU-hours × $0.00065 = $0.257937.
    close(cost.provisionedWrites.usd, (1e6 / 0.7 / 3600) * 0.00065, "provisioned");
    assert.ok(Math.abs(cost.provisionedWrites.usd - 0.257937) < 1e-6);
  });

  it("prices the log bytes ingested, the traces sampled and the fixed monthly costs spread over the month", () => {
    // 2,147.483648 B × 1e6 = 2^31 B = 2 GB × $0.50 = $1.00.
    close(usd("CloudWatch Logs ingestion"), 1, "logs");
    // 10 % of a million = 100,000 traces × $5 per million = $0.50.
    close(usd("X-Ray traces recorded"), 0.5, "traces");
    // 20 × $0.30 + 10 × $0.10 + $0.50 + $3 = $10.50 a month, over 2 million proposals = $5.25 per million.
    close(cost.fixedMonthlyUsd, 10.5, "fixed monthly");
    close(usd("Metrics, alarms, dashboard (fixed monthly)"), 5.25, "fixed per million");
  });

  it("totals the request path and observability, and names the part that dominates", () => {
    close(cost.totalByKind["request path"], 3.5 + 0.2 + 0.035 + 0.005 + 0.625, "request path");
    close(cost.totalByKind.observability, 1 + 0.5 + 5.25, "observability");
    close(cost.total, 4.365 + 6.75, "total");
    assert.equal(cost.dominant.part, "Metrics, alarms, dashboard (fixed monthly)");
  });

  it("refuses shares outside 0..1 and a month without proposals", () => {
    assert.throws(() => costPerMillionProposals({ ...inputs, coldStartShare: 1.5 }, prices), /coldStartShare must be from 0 to 1, got 1.5/);
    assert.throws(() => costPerMillionProposals({ ...inputs, tracedShare: -0.1 }, prices), /tracedShare must be from 0 to 1/);
    assert.throws(() => costPerMillionProposals({ ...inputs, proposalsPerMonth: 0 }, prices), /proposalsPerMonth must be above 0/);
  });
});
