// docs/security.md states, per FSBP control, whether dev and prod pass it or carry a documented
// suppression. Each control here is evaluated on the mocked graph of both stacks, and the
// table's word must agree with the graph: "pass" where it holds, "suppressed" where it does not.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { stackConfigs } from "../../config/stackFiles";
import { programGraph, type Graph } from "./graph";

type Status = "pass" | "suppressed";

const doc = readFileSync(new URL("../../docs/security.md", `file://${__filename}`), "utf8");

/** The table between the fsbp-table markers: control -> status on dev and prod. */
function documented(): Map<string, { dev: Status; prod: Status }> {
  const table = doc.split("<!-- fsbp-table -->")[1]?.split("<!-- /fsbp-table -->")[0] ?? "";
  const rows = table
    .split("\n")
    .filter((line) => /^\| [A-Za-z]+\.\d+ \|/.test(line))
    .map((line) => line.split("|").map((cell) => cell.trim()));
  return new Map(rows.map((cells) => [cells[1]!, { dev: cells[3] as Status, prod: cells[4] as Status }]));
}

const all = (g: Graph, type: string) => g.all(type).map((r) => r.inputs);
const stageMethodSettings = (g: Graph) =>
  all(g, "aws:apigateway/methodSettings:MethodSettings").map((m) => m.settings as Record<string, unknown>);

/** Whether a stack's graph meets each control, as Security Hub evaluates it. */
const controls: Readonly<Record<string, (g: Graph) => boolean>> = {
  "APIGateway.1": (g) => stageMethodSettings(g).every((s) => s.loggingLevel === "ERROR" || s.loggingLevel === "INFO"),
  "APIGateway.2": (g) => all(g, "aws:apigateway/stage:Stage").every((s) => typeof s.clientCertificateId === "string"),
  "APIGateway.3": (g) => all(g, "aws:apigateway/stage:Stage").every((s) => s.xrayTracingEnabled === true),
  "APIGateway.4": (g) =>
    all(g, "aws:apigateway/stage:Stage").every((stage) =>
      all(g, "aws:wafv2/webAclAssociation:WebAclAssociation").some((a) =>
        String(a.resourceArn).endsWith(`/stages/${String(stage.stageName)}`),
      ),
    ),
  "APIGateway.5": (g) => stageMethodSettings(g).every((s) => s.cachingEnabled !== true || s.cacheDataEncrypted === true),
  "DynamoDB.1": (g) =>
    all(g, "aws:dynamodb/table:Table").every((t) => {
      if (t.billingMode === "PAY_PER_REQUEST") return true;
      const scaled = all(g, "aws:appautoscaling/target:Target").filter((a) => a.resourceId === `table/${String(t.name)}`);
      return ["dynamodb:table:ReadCapacityUnits", "dynamodb:table:WriteCapacityUnits"].every((d) =>
        scaled.some((a) => a.scalableDimension === d),
      );
    }),
  "DynamoDB.2": (g) =>
    all(g, "aws:dynamodb/table:Table").every((t) => (t.pointInTimeRecovery as { enabled?: boolean } | undefined)?.enabled === true),
  "DynamoDB.6": (g) => all(g, "aws:dynamodb/table:Table").every((t) => t.deletionProtectionEnabled === true),
  "Lambda.1": (g) =>
    all(g, "aws:lambda/permission:Permission").every(
      (p) => p.principal !== "*" && typeof p.sourceArn === "string" && String(p.sourceArn).length > 0,
    ) && g.all("aws:lambda/functionUrl:FunctionUrl").length === 0,
  // Node.js runtimes Lambda supports for new and updated functions.
  "Lambda.2": (g) => all(g, "aws:lambda/function:Function").every((f) => ["nodejs22.x", "nodejs24.x"].includes(String(f.runtime))),
  "Cognito.1": (g) =>
    all(g, "aws:cognito/userPool:UserPool").every(
      (p) => (p.userPoolAddOns as { advancedSecurityMode?: string } | undefined)?.advancedSecurityMode === "ENFORCED",
    ),
  "Cognito.3": (g) =>
    all(g, "aws:cognito/userPool:UserPool").every((p) => {
      const policy = p.passwordPolicy as Record<string, unknown>;
      return (
        Number(policy.minimumLength) >= 8 &&
        policy.requireLowercase === true &&
        policy.requireUppercase === true &&
        policy.requireNumbers === true &&
        policy.requireSymbols === true &&
        Number(policy.temporaryPasswordValidityDays) <= 7
      );
    }),
};

describe("FSBP controls as docs/security.md states them", () => {
  const table = documented();
  const graphs: Record<"dev" | "prod", Graph | undefined> = { dev: undefined, prod: undefined };
  before(async function () {
    this.timeout(300_000);
    // The stacks as shipped: their stack files' settings (Pulumi.dev.yaml, Pulumi.prod.yaml).
    graphs.dev = await programGraph("dev", stackConfigs.dev);
    graphs.prod = await programGraph("prod", stackConfigs.prod);
  });

  it("lists every control checked here, and checks every control it lists", () => {
    assert.deepEqual([...table.keys()].sort(), Object.keys(controls).sort());
  });

  it("documents every suppression with its reason and the setting that would meet it", () => {
    const suppressions = doc.split("## Suppressions")[1] ?? "";
    for (const [control, status] of table) {
      if (status.dev !== "suppressed" && status.prod !== "suppressed") continue;
      const row = suppressions.split("\n").find((line) => line.startsWith(`| ${control} |`));
      assert.ok(row, `${control} is suppressed without a reason`);
      assert.equal(row.split("|").filter((cell) => cell.trim().length > 0).length, 4, row);
    }
  });

  for (const control of Object.keys(controls)) {
    it(`${control}: the graph of each stack agrees with the table`, () => {
      const status = table.get(control);
      assert.ok(status, `${control} is not in docs/security.md`);
      for (const stack of ["dev", "prod"] as const) {
        const met = controls[control]!(graphs[stack]!);
        assert.equal(met ? "pass" : "suppressed", status[stack], `${control} on ${stack}`);
      }
    });
  }
});
