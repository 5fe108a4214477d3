// What the dashboard, alarms and metric filters observe: one stack's settings and the names of
// its resources. Names are generic so the same definitions serve plain strings (tests, the local
// ops page) and Pulumi inputs (the Observability component) without importing Pulumi here.
import { alarmThresholdSettings } from "../config/alarmThresholds";
import type { Settings } from "../config/settings";

/** Alarm thresholds and the M-of-N evaluation every alarm uses, as config/alarmThresholds.ts declares them. */
export type AlarmThresholds = Omit<Pick<Settings, keyof typeof alarmThresholdSettings>, AlarmDestinationKey>;

/** Where alarms go: settings declared beside the thresholds, handed on apart as `alarms`. */
const alarmDestinationKeys = ["alarmEmail", "alarmHttpsEndpoint", "alarmTopicArn"] as const;
type AlarmDestinationKey = (typeof alarmDestinationKeys)[number];

/** What the function runs with: the duration, memory, concurrency and cost views measure against it. */
export type ObservedFunction = Pick<
  Settings,
  "timeout" | "memorySize" | "architecture" | "reservedConcurrency" | "accountConcurrencyLimit"
>;

/** What the alarms, the dashboard and the metric filters read of a stack's settings. */
export type ObservedSettings = AlarmThresholds & ObservedFunction & Pick<Settings, "billingMode">;

/** A stack's alarm thresholds, out of all its settings. */
function alarmThresholds(settings: Settings): AlarmThresholds {
  const keys = Object.keys(alarmThresholdSettings).filter(
    (key) => !(alarmDestinationKeys as readonly string[]).includes(key),
  ) as (keyof AlarmThresholds)[];
  return Object.fromEntries(keys.map((key) => [key, settings[key]])) as unknown as AlarmThresholds;
}

/** What the stack's operations view takes from its settings, as the program and its tests pass it. */
export function observabilitySettings(settings: Settings) {
  return {
    function: {
      timeout: settings.timeout,
      memorySize: settings.memorySize,
      architecture: settings.architecture,
      reservedConcurrency: settings.reservedConcurrency,
      accountConcurrencyLimit: settings.accountConcurrencyLimit,
    },
    billingMode: settings.billingMode,
    thresholds: alarmThresholds(settings),
    alarms: { email: settings.alarmEmail, httpsEndpoint: settings.alarmHttpsEndpoint, topicArn: settings.alarmTopicArn },
  };
}

export interface ObservedNames<N> {
  readonly functionName: N;
  readonly logGroupName: N;
  readonly restApiName: N;
  readonly stageName: N;
  readonly tableName: N;
  /** Powertools service name of the function: the `service` dimension of its EMF metrics. */
  readonly serviceName: N;
}

export interface ObservedStack<N = string> {
  readonly project: string;
  readonly stack: string;
  readonly settings: ObservedSettings;
  readonly names: ObservedNames<N>;
}
