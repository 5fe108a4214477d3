// Pulumi.yaml and the stack files are generated from the setting declarations; the committed
// copies must be exactly what the generator writes (the stack files keeping what was set in them
// by hand), and the stack values must be valid.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { resolveSettings, objectSource, settingSpecList } from "../../config/settings";
import { defaultFor, isStackDependent } from "../../config/spec";
import { stackConfigs } from "../../config/stackFiles";
import { generatedFiles, stackYaml } from "../../scripts/writePulumiYaml";

const root = path.resolve(__dirname, "..", "..");

describe("Pulumi project and stack files", () => {
  const committed = (file: string): string => readFileSync(path.join(root, file), "utf8");
  for (const file of Object.keys(generatedFiles(committed))) {
    it(`${file} is what \`npm run pulumi-yaml\` generates`, () => {
      assert.equal(committed(file), generatedFiles(committed)[file], `${file} is stale: run npm run pulumi-yaml`);
    });
  }

  it("sets the values config/ gives a stack in its file and keeps what `pulumi config set` stored there", () => {
    // A prod stack file as Pulumi leaves it after `pulumi config set` (its header gone, keys sorted,
    // values quoted), with a region, a secret, the load test's sizing and a retention changed by hand.
    const edited = [
      "encryptionsalt: v1:abc=",
      "config:",
      "  aws:region: us-east-1",
      '  visitplannr:logRetentionDays: "90"',
      "  visitplannr:signingKey:",
      "    secure: v1:def=",
      '  visitplannr:writeCapacity: "41"',
      "",
    ].join("\n");
    const written = stackYaml("prod", edited);
    assert.equal(
      written.split("\n").slice(1).join("\n"),
      [
        "encryptionsalt: v1:abc=",
        "config:",
        "  aws:region: us-east-1",
        "  visitplannr:logRetentionDays: 365",
        "  visitplannr:signingKey:",
        "    secure: v1:def=",
        '  visitplannr:writeCapacity: "41"',
        "  visitplannr:deletionProtection: true",
        "  visitplannr:webAcl: true",
        '  visitplannr:editorMfa: "ON"',
        '  visitplannr:editorThreatProtection: "ENFORCED"',
        "  visitplannr:autoScaling: true",
        '  visitplannr:alarmEmail: "alarms@example.org"',
        "",
      ].join("\n"),
    );
    assert.match(written.split("\n")[0]!, /^# /);
    assert.equal(stackYaml("prod", written), written, "running it again changes nothing");
  });

  it("declares every setting with its type, description and default", () => {
    const yaml = generatedFiles(committed)["Pulumi.yaml"]!;
    for (const s of settingSpecList) {
      if (isStackDependent(s)) {
        // A project default would override the stack-dependent one, and a declared key without
        // one would be required on every stack, so it is described in a comment only.
        assert.ok(!yaml.includes(`\n  ${s.key}:\n`), s.key);
        const line = yaml.split("\n").find((l) => l.startsWith(`  #   ${s.key} (${s.type}): "`)) ?? "";
        assert.match(line, /: ".+"$/, s.key);
        // The comment is a quoted YAML string: a string default appears quoted and escaped in it.
        const prod = defaultFor(s, "prod");
        const shown = JSON.stringify(`prod: ${typeof prod === "string" ? JSON.stringify(prod) : String(prod)}`).slice(1, -1);
        assert.ok(line.includes(shown), s.key);
        continue;
      }
      const block = yaml.split(`\n  ${s.key}:\n`)[1]?.split(/\n {2}\S/)[0] ?? "";
      assert.match(block, new RegExp(`^    type: ${s.type}$`, "m"), s.key);
      assert.match(block, /^ {4}description: ".+"$/m, s.key);
      assert.match(block, /^ {4}default: .+$/m, s.key);
    }
  });

  it("lets a stack without a stack file of its own run: every key Pulumi.yaml declares has a default", () => {
    // Pulumi refuses `up` on a stack that leaves a declared key without a default unset
    // ("Stack 'staging' is missing configuration value …").
    const config = generatedFiles(committed)["Pulumi.yaml"]!.split("\nconfig:\n")[1] ?? "";
    const declared = config.split(/\n(?= {2}\S)/).filter((block) => /^ {2}\w+:/.test(block));
    assert.ok(declared.length > 0);
    for (const block of declared) assert.match(block, /^ {4}default: .+$/m, block.split("\n")[0]);
  });

  it("gives dev exactly the dev defaults", () => {
    assert.deepEqual(resolveSettings("dev", objectSource(stackConfigs.dev!)), resolveSettings("dev"));
  });

  it("gives prod the prod defaults, with auto scaling on and an example alarm address", () => {
    const prod = resolveSettings("prod", objectSource(stackConfigs.prod!));
    assert.deepEqual(prod, { ...resolveSettings("prod"), autoScaling: true, alarmEmail: "alarms@example.org" });
    assert.equal(prod.deletionProtection, true);
    assert.equal(prod.logRetentionDays, 365);
  });
});
