// The runbook shown next to the alarm status: when each alarm fires and what to check first,
// generated from the alarm definitions so it cannot fall behind them.
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
