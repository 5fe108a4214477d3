// From measured cost per request to what to provision: capacity at a target utilisation,
// auto scaling bounds, per-partition-key limits, burst ride time, monthly cost provisioned vs
// on-demand, Lambda concurrency and the API stage throttle, with the `pulumi config set`
// commands that apply it.
import { settingSpecs } from "../config/settings";
import { defaultFor, type SettingSpec } from "../config/spec";
import { burstSeconds, partitionKeyLimits } from "../aws/dynamodb/throughput";
import { hoursPerMonth, type DynamoDbPrices } from "../aws/prices";
import { localStackName } from "../config/names";

const utilizationSetting = settingSpecs.autoScalingTargetUtilization;
/** Target utilisation as a share: the range and default of the setting the sizing sets (in percent). */
export const utilizationRange = {
  min: (utilizationSetting.min ?? 0) / 100,
  max: (utilizationSetting.max ?? 100) / 100,
  default: defaultFor(utilizationSetting, localStackName) / 100,
} as const;

const secondsPerMonth = hoursPerMonth * 3600;

/** The most capacity one table may be provisioned: what both capacity settings accept. */
const tableLimit = Math.min(settingSpecs.writeCapacity.max ?? Infinity, settingSpecs.readCapacity.max ?? Infinity);

export interface SizingInput {
  /** Peak proposals per second to provision for. */
  readonly targetRate: number;
  /** Typical proposals per second (auto scaling's floor, the monthly cost); the peak when absent. */
  readonly steadyRate: number;
  /** Consumed / provisioned capacity to aim for, within utilizationRange. */
  readonly targetUtilization: number;
  /** Measured write and read units per request of the run's mix. */
  readonly writeUnitsPerRequest: number;
  readonly readUnitsPerRequest: number;
  /** A spike the burst estimate is made for, proposals per second. */
  readonly spikeRate: number;
  readonly hottestKeyWriteUnitsPerSecond: number;
  /** The function's duration per invocation, without waits for table capacity (Little's law: concurrency = rate × duration). */
  readonly durationMs: number;
  /** Where durationMs comes from, in words ("mean Duration without capacity waits"). */
  readonly durationBasis: string;
  readonly accountConcurrencyLimit: number;
  readonly prices: DynamoDbPrices;
}

export interface Sizing {
  readonly targetRate: number;
  readonly steadyRate: number;
  readonly targetUtilizationPercent: number;
  readonly writeUnitsPerRequest: number;
  readonly readUnitsPerRequest: number;
  readonly writeCapacityUnits: number;
  readonly readCapacityUnits: number;
  /**
   * Set when the target needs more than one table's capacity setting allows: the units it
   * needs, which the capped writeCapacityUnits and readCapacityUnits do not serve.
   */
  readonly beyondOneTable?: { readonly writeUnitsNeeded: number; readonly readUnitsNeeded: number; readonly tableLimit: number };
  readonly autoScaling: {
    readonly enabled: boolean;
    readonly write: { readonly minCapacity: number; readonly maxCapacity: number };
    readonly read: { readonly minCapacity: number; readonly maxCapacity: number };
    readonly targetUtilizationPercent: number;
  };
  readonly partitionKey: {
    readonly writeUnitsPerSecondLimit: number;
    readonly readUnitsPerSecondLimit: number;
    readonly hottestKeyWriteUnitsPerSecond: number;
    readonly withinLimit: boolean;
  };
  readonly burst: {
    readonly creditUnits: number;
    /** Seconds at the steady rate to bank the full credit; null when nothing is left over. */
    readonly secondsToFill: number | null;
    readonly spikeRate: number;
    /** How long the spike rides on a full credit; null when provisioned capacity covers it. */
    readonly rideSeconds: number | null;
  };
  readonly monthlyCostUsd: {
    readonly provisionedAtPeak: number;
    readonly provisionedAutoScaled: number;
    readonly onDemand: number;
    readonly pricesAsOf: string;
  };
  readonly lambda: {
    readonly durationMs: number;
    readonly durationBasis: string;
    readonly concurrencyNeeded: number;
    readonly accountLimit: number;
    readonly withinLimit: boolean;
  };
  readonly apiThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly warnings: readonly string[];
}

/** Capacity units that serve `rate` requests at `unitsPerRequest` at the target utilisation. */
function capacityFor(rate: number, unitsPerRequest: number, utilization: number): number {
  // A tiny tolerance keeps 14.000000000000002 from becoming 15.
  return Math.max(1, Math.ceil((rate * unitsPerRequest) / utilization - 1e-9));
}

export function size(input: SizingInput): Sizing {
  const u = input.targetUtilization;
  if (!(u >= utilizationRange.min && u <= utilizationRange.max)) {
    throw new RangeError(
      `target utilisation must be from ${utilizationRange.min * 100} to ${utilizationRange.max * 100} %, got ${u * 100}`,
    );
  }
  const warnings: string[] = [];
  const within = (spec: SettingSpec, value: number): number => {
    const bounded = Math.min(spec.max ?? value, Math.max(spec.min ?? value, value));
    if (bounded !== value) warnings.push(`${spec.key}: ${value} is outside ${spec.min}–${spec.max}; using ${bounded}`);
    return bounded;
  };
  const w = input.writeUnitsPerRequest;
  const r = input.readUnitsPerRequest;
  const writeUnitsNeeded = capacityFor(input.targetRate, w, u);
  const readUnitsNeeded = capacityFor(input.targetRate, r, u);
  const beyondOneTable = writeUnitsNeeded > tableLimit || readUnitsNeeded > tableLimit;
  if (beyondOneTable) {
    const needs = [
      ...(writeUnitsNeeded > tableLimit ? [`${writeUnitsNeeded} WCU`] : []),
      ...(readUnitsNeeded > tableLimit ? [`${readUnitsNeeded} RCU`] : []),
    ].join(" and ");
    warnings.push(
      `${input.targetRate} proposals/s at ${Math.round(u * 100)} % needs ${needs}, more than the ${tableLimit} one table may be provisioned ` +
        "(DynamoDB's default per-table quota, the most writeCapacity and readCapacity accept): provisioned capacity cannot meet the target. " +
        "What would: a per-table quota increase (Service Quotas; provisioned capacity also counts against the account's per-Region quota), " +
        `or on-demand (billingMode PAY_PER_REQUEST), which takes ${tableLimit} request units per second per table by default and needs the same increase beyond that`,
    );
  }
  const capped = (spec: SettingSpec, value: number): number => Math.min(spec.max ?? value, value);
  const writeCapacityUnits = capped(settingSpecs.writeCapacity, writeUnitsNeeded);
  const readCapacityUnits = capped(settingSpecs.readCapacity, readUnitsNeeded);
  // Reads and writes have bounds of their own: each scales down to its own steady need.
  // The bounds are commands to run only with auto scaling on; otherwise a clamp is not worth a warning.
  const autoScaled = input.steadyRate < input.targetRate;
  const bound = (spec: SettingSpec, value: number): number => (autoScaled ? within(spec, value) : capped(spec, value));
  const writeMax = bound(settingSpecs.autoScalingWriteMaxCapacity, writeCapacityUnits);
  const readMax = bound(settingSpecs.autoScalingReadMaxCapacity, readCapacityUnits);
  const writeMin = Math.min(bound(settingSpecs.autoScalingWriteMinCapacity, capacityFor(input.steadyRate, w, u)), writeMax);
  const readMin = Math.min(bound(settingSpecs.autoScalingReadMinCapacity, capacityFor(input.steadyRate, r, u)), readMax);

  const steadyWrite = input.steadyRate * w;
  const spikeWrite = input.spikeRate * w;
  const creditUnits = writeCapacityUnits * burstSeconds;
  const spare = writeCapacityUnits - steadyWrite;

  const concurrencyNeeded = Math.max(1, Math.ceil((input.targetRate * input.durationMs) / 1000 - 1e-9));
  if (concurrencyNeeded > input.accountConcurrencyLimit) {
    warnings.push(`Lambda needs ${concurrencyNeeded} concurrent executions, above the account limit of ${input.accountConcurrencyLimit}`);
  }
  if (input.hottestKeyWriteUnitsPerSecond > partitionKeyLimits.writeUnitsPerSecond) {
    warnings.push(
      `one partition key took ${input.hottestKeyWriteUnitsPerSecond} WCU in a second, above DynamoDB's ${partitionKeyLimits.writeUnitsPerSecond} per key`,
    );
  }

  // The stage admits what the provisioned writes sustain, so excess load meets a fast 429
  // at the edge instead of throttled writes and 503s; burst is half a second of it, as the
  // stack's defaults are.
  const sustainedRate = w > 0 ? Math.floor(writeCapacityUnits / w) : Math.ceil(input.targetRate / u);
  const rateLimit = within(settingSpecs.throttlingRateLimit, Math.max(Math.ceil(input.targetRate), sustainedRate));
  const burstLimit = within(settingSpecs.throttlingBurstLimit, Math.max(1, Math.ceil(rateLimit / 2)));

  const p = input.prices;
  const provisionedMonth = (wcu: number, rcu: number): number =>
    (wcu * p.writeCapacityUnitHour.usd + rcu * p.readCapacityUnitHour.usd) * hoursPerMonth;
  const provisionedAtPeak = provisionedMonth(writeCapacityUnits, readCapacityUnits);
  // At the steady rate auto scaling holds reads and writes each at its own minimum.
  const autoScaling = {
    enabled: autoScaled,
    write: { minCapacity: writeMin, maxCapacity: writeMax },
    read: { minCapacity: readMin, maxCapacity: readMax },
    targetUtilizationPercent: Math.round(u * 100),
  };
  const onDemand =
    ((steadyWrite * secondsPerMonth) / 1e6) * p.onDemandWriteRequestUnitMillion.usd +
    ((input.steadyRate * r * secondsPerMonth) / 1e6) * p.onDemandReadRequestUnitMillion.usd;

  return {
    targetRate: input.targetRate,
    steadyRate: input.steadyRate,
    targetUtilizationPercent: Math.round(u * 100),
    writeUnitsPerRequest: w,
    readUnitsPerRequest: r,
    writeCapacityUnits,
    readCapacityUnits,
    ...(beyondOneTable ? { beyondOneTable: { writeUnitsNeeded, readUnitsNeeded, tableLimit } } : {}),
    autoScaling,
    partitionKey: {
      writeUnitsPerSecondLimit: partitionKeyLimits.writeUnitsPerSecond,
      readUnitsPerSecondLimit: partitionKeyLimits.readUnitsPerSecond,
      hottestKeyWriteUnitsPerSecond: input.hottestKeyWriteUnitsPerSecond,
      withinLimit: input.hottestKeyWriteUnitsPerSecond <= partitionKeyLimits.writeUnitsPerSecond,
    },
    burst: {
      creditUnits,
      secondsToFill: spare > 0 ? creditUnits / spare : null,
      spikeRate: input.spikeRate,
      rideSeconds: spikeWrite > writeCapacityUnits ? creditUnits / (spikeWrite - writeCapacityUnits) : null,
    },
    monthlyCostUsd: {
      provisionedAtPeak: round2(provisionedAtPeak),
      provisionedAutoScaled: round2(
        autoScaling.enabled ? provisionedMonth(autoScaling.write.minCapacity, autoScaling.read.minCapacity) : provisionedAtPeak,
      ),
      onDemand: round2(onDemand),
      pricesAsOf: [...new Set(Object.values(p).map((price: { readOn: string }) => price.readOn))].join(", "),
    },
    lambda: {
      durationMs: input.durationMs,
      durationBasis: input.durationBasis,
      concurrencyNeeded,
      accountLimit: input.accountConcurrencyLimit,
      withinLimit: concurrencyNeeded <= input.accountConcurrencyLimit,
    },
    apiThrottle: { rateLimit, burstLimit },
    warnings,
  };
}

/** `pulumi config set` lines that apply the sizing to a stack (keys from the settings specs). */
export function pulumiCommands(sizing: Sizing, stack?: string): readonly string[] {
  const s = settingSpecs;
  const values: readonly (readonly [SettingSpec, string | number | boolean])[] = [
    [s.billingMode, "PROVISIONED"],
    [s.writeCapacity, sizing.writeCapacityUnits],
    [s.readCapacity, sizing.readCapacityUnits],
    [s.autoScaling, sizing.autoScaling.enabled],
    ...(sizing.autoScaling.enabled
      ? ([
          [s.autoScalingWriteMinCapacity, sizing.autoScaling.write.minCapacity],
          [s.autoScalingWriteMaxCapacity, sizing.autoScaling.write.maxCapacity],
          [s.autoScalingReadMinCapacity, sizing.autoScaling.read.minCapacity],
          [s.autoScalingReadMaxCapacity, sizing.autoScaling.read.maxCapacity],
          [s.autoScalingTargetUtilization, sizing.autoScaling.targetUtilizationPercent],
        ] as const)
      : []),
    [s.throttlingRateLimit, sizing.apiThrottle.rateLimit],
    [s.throttlingBurstLimit, sizing.apiThrottle.burstLimit],
  ];
  const stackFlag = stack ? ` --stack ${stack}` : "";
  return values.map(([spec, value]) => `pulumi config set${stackFlag} ${spec.key} ${value}`);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
