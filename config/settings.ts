// Resolves the settings of one stack from a config source (Pulumi config, environment or a
// plain object), applying the declared defaults and refusing bad values with one error that
// names every offending key.
import { infrastructureSettings, lambdaUnreservedConcurrency } from "./infrastructure";
import { alarmThresholdSettings } from "./alarmThresholds";
import { defaultFor, type SettingSpec, type SettingValue } from "./spec";

export const settingSpecs = { ...infrastructureSettings, ...alarmThresholdSettings } as const;

/** Every setting's declaration, in declaration order. */
export const settingSpecList: readonly SettingSpec[] = Object.values(settingSpecs);

type Specs = typeof settingSpecs;
type ValueOf<S> = S extends SettingSpec<infer T> ? T : never;
export type Settings = { readonly [K in keyof Specs]: ValueOf<Specs[K]> };

/** Returns the raw configured value of a key, or undefined when it is not set. */
export type ConfigSource = (key: string, type: SettingSpec["type"]) => SettingValue | undefined;

export class InvalidSettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid stack configuration:\n  - ${problems.join("\n  - ")}`);
    this.name = "InvalidSettingsError";
  }
}

function check(s: SettingSpec, value: SettingValue): string | undefined {
  const expected = s.type === "integer" ? "number" : s.type;
  if (typeof value !== expected) return `${s.key}: expected ${s.type}, got ${JSON.stringify(value)}`;
  if (s.type === "integer" && !Number.isInteger(value)) return `${s.key}: expected an integer, got ${value}`;
  const refusal = typeof value === "string" ? s.refused?.[value] : undefined;
  if (refusal) return `${s.key}: ${JSON.stringify(value)} is refused: ${refusal}`;
  if (s.allowed && !s.allowed.includes(value)) {
    return `${s.key}: ${JSON.stringify(value)} is not one of ${s.allowed.map((a) => JSON.stringify(a)).join(", ")}`;
  }
  if (typeof value === "string" && s.pattern && !s.pattern.regex.test(value))
    return `${s.key}: ${JSON.stringify(value)} is not ${s.pattern.text}`;
  const broken = s.rule?.problem(value);
  if (broken !== undefined) return `${s.key}: ${broken}`;
  if (typeof value === "number") {
    if (s.min !== undefined && value < s.min) return `${s.key}: ${value} is below the minimum ${s.min}`;
    if (s.max !== undefined && value > s.max) return `${s.key}: ${value} is above the maximum ${s.max}`;
  }
  return undefined;
}

/** The most a function may reserve of an account's quota: Lambda keeps some of it unreserved. */
export function maxReservedConcurrency(accountConcurrencyLimit: number): number {
  return accountConcurrencyLimit - Math.min(lambdaUnreservedConcurrency, accountConcurrencyLimit);
}

/** Rules between settings, each checked once every setting is valid on its own. */
const relations: readonly ((s: Settings) => string | undefined)[] = [
  (s) =>
    s.alarmDatapointsToAlarm > s.alarmEvaluationPeriods
      ? `alarmDatapointsToAlarm: ${s.alarmDatapointsToAlarm} must not exceed alarmEvaluationPeriods (${s.alarmEvaluationPeriods})`
      : undefined,
  (s) =>
    s.autoScaling && s.billingMode !== "PROVISIONED"
      ? `autoScaling: auto scaling applies to PROVISIONED tables only, not billingMode ${s.billingMode}`
      : undefined,
  (s) => {
    const most = maxReservedConcurrency(s.accountConcurrencyLimit);
    return s.reservedConcurrency > most
      ? `reservedConcurrency: ${s.reservedConcurrency} would leave fewer than the ${s.accountConcurrencyLimit - most} unreserved executions Lambda keeps of accountConcurrencyLimit (${s.accountConcurrencyLimit}); reserve at most ${most}`
      : undefined;
  },
  (s) =>
    s.autoScaling && s.autoScalingWriteMinCapacity > s.autoScalingWriteMaxCapacity
      ? `autoScalingWriteMinCapacity: ${s.autoScalingWriteMinCapacity} must not exceed autoScalingWriteMaxCapacity (${s.autoScalingWriteMaxCapacity})`
      : undefined,
  (s) =>
    s.autoScaling && s.autoScalingReadMinCapacity > s.autoScalingReadMaxCapacity
      ? `autoScalingReadMinCapacity: ${s.autoScalingReadMinCapacity} must not exceed autoScalingReadMaxCapacity (${s.autoScalingReadMaxCapacity})`
      : undefined,
];

export function resolveSettings(stack: string, source: ConfigSource = () => undefined): Settings {
  const problems: string[] = [];
  const resolved: Record<string, SettingValue> = {};
  for (const s of settingSpecList) {
    const value = source(s.key, s.type) ?? defaultFor(s, stack);
    const problem = check(s, value);
    if (problem) problems.push(problem);
    resolved[s.key] = value;
  }
  if (problems.length === 0) {
    for (const relation of relations) {
      const problem = relation(resolved as unknown as Settings);
      if (problem) problems.push(problem);
    }
  }
  if (problems.length > 0) throw new InvalidSettingsError(problems);
  return resolved as unknown as Settings;
}

/**
 * The concurrency the function can reach: its reservation (0 throttles every invocation), else,
 * with none reserved (-1), the account's regional quota. The concurrency alarm and the local
 * Lambda emulation both go by it.
 */
export function concurrencyLimit(settings: Pick<Settings, "reservedConcurrency" | "accountConcurrencyLimit">): number {
  return settings.reservedConcurrency >= 0 ? settings.reservedConcurrency : settings.accountConcurrencyLimit;
}

/** A config source over a plain object, for tests and the local stack. */
export function objectSource(values: Readonly<Record<string, SettingValue>>): ConfigSource {
  return (key) => values[key];
}
