// The runbook next to the alarm status, and the alarm table of docs/operations.md: markdown
// tables, one row per alarm, with `|` in a cell escaped so it cannot split the row.
import { strict as assert } from "node:assert";
import { alarmTableMarkdown, runbookMarkdown } from "../../dashboards/runbook";

const composite = {
  key: "service-unhealthy",
  name: "visitplannr-dev-service-unhealthy",
  rule: 'ALARM("visitplannr-dev-lambda-errors")',
  meaning: "Callers are affected.",
  checkFirst: "See which member fired.",
};

const errors = {
  key: "lambda-errors",
  thresholdText: "≥ 1 per minute",
  treatMissingData: "notBreaching" as const,
  meaning: "Invocations failed.",
  checkFirst: "Latest-errors log widget.",
  pages: true,
};

const memory = {
  key: "lambda-memory-utilization",
  thresholdText: "≥ 85 % of configured memory",
  treatMissingData: "ignore" as const,
  meaning: "Most memory | used.",
  checkFirst: "Memory row; raise a|b.",
  pages: false,
};

describe("runbook", () => {
  it("names the composite and lists every alarm as page or warn with its threshold and first check", () => {
    assert.equal(
      runbookMarkdown([errors, memory], composite),
      [
        "## Runbook",
        "**visitplannr-dev-service-unhealthy** pages: Callers are affected. See which member fired.",
        "",
        "| | alarm | fires at | check first |",
        "|---|---|---|---|",
        "| page | lambda-errors | ≥ 1 per minute | Latest-errors log widget. |",
        "| warn | lambda-memory-utilization | ≥ 85 % of configured memory | Memory row; raise a\\|b. |",
      ].join("\n"),
    );
  });

  it("renders the alarm table of docs/operations.md, the composite last", () => {
    assert.equal(
      alarmTableMarkdown([errors, memory], composite),
      [
        "| alarm `visitplannr-<stack>-…` |  | fires at | missing data | means | check first |",
        "|---|---|---|---|---|---|",
        "| `lambda-errors` | page | ≥ 1 per minute | notBreaching | Invocations failed. | Latest-errors log widget. |",
        "| `lambda-memory-utilization` | warn | ≥ 85 % of configured memory | ignore | Most memory \\| used. | Memory row; raise a\\|b. |",
        "| `service-unhealthy` | composite | any page alarm in ALARM | — | Callers are affected. | See which member fired. |",
      ].join("\n"),
    );
  });

  it("escapes every `|` of a cell, in the alarm key and threshold too", () => {
    const odd = { ...memory, key: "a|b|c", thresholdText: "x | y" };
    const row = runbookMarkdown([odd], composite).split("\n").at(-1);
    assert.equal(row, "| warn | a\\|b\\|c | x \\| y | Memory row; raise a\\|b. |");
    const tableRow = alarmTableMarkdown([odd], composite).split("\n")[2];
    assert.equal(tableRow, "| `a\\|b\\|c` | warn | x \\| y | ignore | Most memory \\| used. | Memory row; raise a\\|b. |");
  });
});
