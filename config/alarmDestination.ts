// Where alarms go. An alarm that notifies a topic nobody reads is no alarm, so a prod-like stack
// must name at least one destination before it deploys.
import type { Settings } from "./settings";
import { isProdLike } from "./spec";

type Destinations = Pick<Settings, "alarmEmail" | "alarmTopicArn" | "alarmHttpsEndpoint">;

/** Why this stack's alarms would reach nobody, or undefined when they reach someone or need not. */
export function missingAlarmDestination(stack: string, settings: Destinations): string | undefined {
  if (!isProdLike(stack)) return undefined;
  if (settings.alarmEmail !== "" || settings.alarmTopicArn !== "" || settings.alarmHttpsEndpoint !== "") return undefined;
  return `alarmEmail: stack ${stack} is prod-like, so its alarms must reach someone; set alarmEmail (an e-mail address), alarmTopicArn (an existing SNS topic) or alarmHttpsEndpoint (an https:// webhook)`;
}
