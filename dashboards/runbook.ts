// The runbook shown next to the alarm status: when each alarm fires and what to check first,
// generated from the alarm definitions so it cannot fall behind them.
import { projectName } from "../config/names";
import type { AlarmDefinition, CompositeAlarmDefinition } from "./alarms";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

export function runbookMarkdown(
  alarms: readonly Pick<AlarmDefinition<unknown>, "key" | "thresholdText" | "checkFirst" | "pages">[],
  composite: CompositeAlarmDefinition,
): string {
  const rows = alarms.map((a) => `| ${a.pages ? "page" : "warn"} | ${cell(a.key)} | ${cell(a.thresholdText)} | ${cell(a.checkFirst)} |`);
  return [
    "## Runbook",
    `**${composite.name}** pages: ${composite.meaning} ${composite.checkFirst}`,
    "",
    "| | alarm | fires at | check first |",
    "|---|---|---|---|",
    ...rows,
  ].join("\n");
}

/** The alarm table of docs/operations.md: every alarm with its missing data, meaning and first check. */
export function alarmTableMarkdown(
  alarms: readonly Pick<AlarmDefinition<unknown>, "key" | "thresholdText" | "treatMissingData" | "meaning" | "checkFirst" | "pages">[],
  composite: CompositeAlarmDefinition,
): string {
  const row = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [
    row([`alarm \`${projectName}-<stack>-…\``, "", "fires at", "missing data", "means", "check first"]),
    "|---|---|---|---|---|---|",
    ...alarms.map((a) => row([`\`${a.key}\``, a.pages ? "page" : "warn", a.thresholdText, a.treatMissingData, a.meaning, a.checkFirst])),
    row([`\`${composite.key}\``, "composite", "any page alarm in ALARM", "—", composite.meaning, composite.checkFirst]),
  ].join("\n");
}
