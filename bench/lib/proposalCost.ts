// What a million proposals cost, by part: the arithmetic alone, on figures the cost benchmark
// measures (duration, log bytes) or states (cold-start share, sampling, monthly volume), and on
// unit prices given as plain numbers so that the arithmetic can be checked by hand.

export interface ProposalCostInputs {
  /** Duration of a warm invocation in ms, before Lambda rounds it up to the next 1 ms. */
  readonly durationMs: number;
  readonly memoryMb: number;
  /** INIT duration of a cold start in ms; Lambda bills it like invocation time. */
  readonly initDurationMs: number;
  /** Share of invocations that start an execution environment (0..1). */
  readonly coldStartShare: number;
  /** Write units one proposal consumes. */
  readonly writeUnitsPerProposal: number;
  /** Provisioned write capacity is sized so that the steady load uses this share of it (0..1). */
  readonly targetUtilization: number;
  /** Bytes of log events ingested per proposal: the function's lines and the API's access log. */
  readonly logBytesPerProposal: number;
  /** Share of proposals X-Ray records a trace of (0..1). */
  readonly tracedShare: number;
  /** Proposals a month, over which the fixed monthly costs are spread. */
  readonly proposalsPerMonth: number;
  /** Custom metrics: each metric name with each combination of dimension values is one. */
  readonly customMetrics: number;
  /** Metrics the standard alarms read (an alarm on metric math is billed per metric it reads). */
  readonly standardAlarmMetrics: number;
  readonly compositeAlarms: number;
  readonly dashboards: number;
}

/** Unit prices in USD. */
export interface UnitPrices {
  readonly apiRequestsPerMillion: number;
  readonly lambdaRequestsPerMillion: number;
  readonly gbSecond: number;
  readonly writeRequestUnitsPerMillion: number;
  readonly writeCapacityUnitHour: number;
  readonly logsPerGb: number;
  readonly tracesPerMillion: number;
  readonly customMetricMonth: number;
  readonly standardAlarmMetricMonth: number;
  readonly compositeAlarmMonth: number;
  readonly dashboardMonth: number;
}

type CostKind = "request path" | "observability";

interface CostPart {
  readonly part: string;
  readonly kind: CostKind;
  /** USD per million proposals. */
  readonly usd: number;
}

export interface ProposalCost {
  /** Every part, DynamoDB on demand among them. */
  readonly parts: readonly CostPart[];
  /** DynamoDB provisioned at the target utilisation, the alternative to on demand. */
  readonly provisionedWrites: CostPart;
  /** The fixed monthly cost of metrics, alarms and dashboard, in USD a month. */
  readonly fixedMonthlyUsd: number;
  readonly totalByKind: Readonly<Record<CostKind, number>>;
  readonly total: number;
  /** The part that costs most. */
  readonly dominant: CostPart;
}

const million = 1e6;
const secondsPerHour = 3600;
/** CloudWatch bills log data by the GB of 2^30 bytes. */
const bytesPerGb = 2 ** 30;

/** GB-seconds of `ms` (rounded up to the next 1 ms, as Lambda bills) at `memoryMb` (GB of 1024 MB). */
const gbSeconds = (ms: number, memoryMb: number): number => (Math.ceil(ms) / 1000) * (memoryMb / 1024);

export function costPerMillionProposals(inputs: ProposalCostInputs, prices: UnitPrices): ProposalCost {
  for (const [name, share] of Object.entries({
    coldStartShare: inputs.coldStartShare,
    tracedShare: inputs.tracedShare,
    targetUtilization: inputs.targetUtilization,
  })) {
    if (!(share >= 0 && share <= 1)) throw new Error(`${name} must be from 0 to 1, got ${share}`);
  }
  if (!(inputs.proposalsPerMonth > 0)) throw new Error(`proposalsPerMonth must be above 0, got ${inputs.proposalsPerMonth}`);
  const fixedMonthlyUsd =
    inputs.customMetrics * prices.customMetricMonth +
    inputs.standardAlarmMetrics * prices.standardAlarmMetricMonth +
    inputs.compositeAlarms * prices.compositeAlarmMonth +
    inputs.dashboards * prices.dashboardMonth;
  const parts: CostPart[] = [
    { part: "API Gateway REST requests", kind: "request path", usd: prices.apiRequestsPerMillion },
    { part: "Lambda requests", kind: "request path", usd: prices.lambdaRequestsPerMillion },
    {
      part: "Lambda duration (GB-seconds)",
      kind: "request path",
      usd: million * gbSeconds(inputs.durationMs, inputs.memoryMb) * prices.gbSecond,
    },
    {
      part: "Lambda INIT (cold starts)",
      kind: "request path",
      usd: million * inputs.coldStartShare * gbSeconds(inputs.initDurationMs, inputs.memoryMb) * prices.gbSecond,
    },
    {
      part: "DynamoDB writes, on demand",
      kind: "request path",
      usd: inputs.writeUnitsPerProposal * prices.writeRequestUnitsPerMillion,
    },
    {
      part: "CloudWatch Logs ingestion",
      kind: "observability",
      usd: ((million * inputs.logBytesPerProposal) / bytesPerGb) * prices.logsPerGb,
    },
    { part: "X-Ray traces recorded", kind: "observability", usd: inputs.tracedShare * prices.tracesPerMillion },
    {
      part: "Metrics, alarms, dashboard (fixed monthly)",
      kind: "observability",
      usd: fixedMonthlyUsd / (inputs.proposalsPerMonth / million),
    },
  ];
  // A million writes spread over the month at the target utilisation: WCU-seconds, then hours.
  const provisionedWrites: CostPart = {
    part: "DynamoDB writes, provisioned",
    kind: "request path",
    usd: ((million * inputs.writeUnitsPerProposal) / inputs.targetUtilization / secondsPerHour) * prices.writeCapacityUnitHour,
  };
  const sum = (kind: CostKind): number => parts.filter((p) => p.kind === kind).reduce((total, p) => total + p.usd, 0);
  const totalByKind = { "request path": sum("request path"), observability: sum("observability") };
  const dominant = parts.reduce((most, p) => (p.usd > most.usd ? p : most));
  return {
    parts,
    provisionedWrites,
    fixedMonthlyUsd,
    totalByKind,
    total: totalByKind["request path"] + totalByKind.observability,
    dominant,
  };
}
