// What the shipped stack files (Pulumi.dev.yaml, Pulumi.prod.yaml) set: each stack's
// stack-dependent defaults, stated in its file, and what it sets beyond them.
import { settingSpecList } from "./settings";
import { defaultFor, isStackDependent, type SettingValue } from "./spec";

/** What each shipped stack sets beyond its defaults: dev as used, prod as the example of a prod-like stack. */
const stackOverrides: Readonly<Record<string, Readonly<Record<string, SettingValue>>>> = {
  dev: {},
  // A prod-like stack deploys only with an alarm destination; this address is the example's and
  // reaches no one: replace it with the on-call address (docs/security.md).
  prod: { autoScaling: true, alarmEmail: "alarms@example.org" },
};

/** Stack config shipped with the project: each stack's stack-dependent defaults, stated in its file, and its overrides. */
export const stackConfigs: Readonly<Record<string, Readonly<Record<string, SettingValue>>>> = Object.fromEntries(
  Object.entries(stackOverrides).map(([stack, overrides]) => [
    stack,
    { ...Object.fromEntries(settingSpecList.filter(isStackDependent).map((s) => [s.key, defaultFor(s, stack)])), ...overrides },
  ]),
);
