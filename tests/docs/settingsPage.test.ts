// docs/settings.md is generated from the setting declarations: the committed page must be what
// the generator writes, and it documents each setting's type, both defaults and allowed values.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { settingSpecList } from "../../config/settings";
import { settingsPage } from "../../config/settingsPage";
import { stackConfigs } from "../../config/stackFiles";

const root = path.resolve(__dirname, "..", "..");

/** The rows of one setting's table, by row name. */
function rows(page: string, key: string): Record<string, string> {
  const section = page.split(`\n## \`${key}\`\n`)[1]?.split("\n## ")[0] ?? "";
  return Object.fromEntries(
    section
      .split("\n")
      .map((line) => /^\| ([a-z ]+) \| (.*) \|$/.exec(line))
      .filter((m) => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );
}

describe("docs/settings.md", () => {
  const page = settingsPage(stackConfigs);

  it("is what `npm run pulumi-yaml` generates from config/", () => {
    const committed = readFileSync(path.join(root, "docs", "settings.md"), "utf8");
    assert.ok(
      committed === page,
      "docs/settings.md differs from the setting declarations in config/: run `npm run pulumi-yaml` and commit docs/settings.md",
    );
  });

  it("has a section for every declared setting, linked from the top", () => {
    for (const s of settingSpecList) {
      assert.ok(page.includes(`\n## \`${s.key}\`\n`), s.key);
      assert.ok(page.includes(`[\`${s.key}\`](#${s.key.toLowerCase()})`), s.key);
    }
  });

  it("gives a setting whose default depends on the stack both defaults", () => {
    const retention = rows(page, "logRetentionDays");
    assert.equal(retention["key"], "`visitplannr:logRetentionDays`");
    assert.equal(retention["type"], "integer");
    assert.equal(retention["dev default"], "`30`");
    assert.equal(retention["prod default"], "`365` (differs from dev)");
    assert.match(retention["allowed values"]!, /^One of `1`, `3`, .*, `3653`\.$/);
    const protection = rows(page, "deletionProtection");
    assert.equal(protection["dev default"], "`false`");
    assert.equal(protection["prod default"], "`true` (differs from dev)");
    assert.equal(protection["allowed values"], "`true` or `false`.");
  });

  it("says where a shipped stack file sets a value other than that stack's default", () => {
    assert.equal(rows(page, "autoScaling")["shipped stack files"], "`Pulumi.prod.yaml` sets `true`.");
    assert.equal(rows(page, "logRetentionDays")["shipped stack files"], undefined, "prod's file states its own default");
    const own = settingsPage({ staging: { memorySize: 512, timeout: 10 } });
    assert.equal(rows(own, "memorySize")["shipped stack files"], "`Pulumi.staging.yaml` sets `512`.");
    assert.equal(rows(own, "timeout")["shipped stack files"], undefined);
  });

  it("states closed sets, ranges, patterns and free text as the values a setting takes", () => {
    const billing = rows(page, "billingMode");
    assert.deepEqual(billing, {
      key: "`visitplannr:billingMode`",
      type: "string",
      "dev default": '`"PROVISIONED"`',
      "prod default": '`"PROVISIONED"`',
      "allowed values": "One of `PROVISIONED`, `PAY_PER_REQUEST`.",
      description: "DynamoDB billing mode for the events table.",
    });
    assert.equal(rows(page, "memorySize")["allowed values"], "128 to 10240.");
    assert.equal(rows(page, "stageName")["allowed values"], "1 to 128 letters, digits, _ or -.");
    assert.equal(rows(page, "alarmEmail")["dev default"], '`""`');
    assert.equal(rows(page, "alarmEmail")["allowed values"], "Any string.");
  });
});
