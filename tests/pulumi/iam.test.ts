// Least privilege of the function's role, read from the policy JSON the program deploys.
import { strict as assert } from "node:assert";
import { buildHandlerBundle } from "../../components/bundle";
import { eventStoreActions, type PolicyDocument } from "../../components/policies";
import { programGraph, type Graph } from "./graph";
import { mockRegion } from "./mocks";

// Actions X-Ray offers no resource-level permissions for; "*" is the only valid resource.
const resourceless = new Set(["xray:PutTraceSegments", "xray:PutTelemetryRecords"]);

describe("function role", () => {
  let g: Graph;
  let policy: PolicyDocument;
  let tableArn: string;
  let logGroupArn: string;
  before(async () => {
    g = await programGraph("dev");
    policy = JSON.parse(String(g.one("aws:iam/rolePolicy:RolePolicy").inputs.policy)) as PolicyDocument;
    const table = g.one("aws:dynamodb/table:Table").inputs;
    tableArn = `arn:aws:dynamodb:${mockRegion}:123456789012:table/${String(table.name)}`;
    const fn = g.one("aws:lambda/function:Function").inputs;
    logGroupArn = `arn:aws:logs:${mockRegion}:123456789012:log-group:/aws/lambda/${String(fn.name)}`;
  });

  const statements = () => policy.Statement.map((s) => ({ actions: [s.Action].flat(), resources: [s.Resource].flat() }));

  it("may be assumed by Lambda only", () => {
    const trust = JSON.parse(String(g.one("aws:iam/role:Role").inputs.assumeRolePolicy)) as {
      Statement: { Principal: unknown; Action: string }[];
    };
    assert.deepEqual(
      trust.Statement.map((s) => [s.Principal, s.Action]),
      [[{ Service: "lambda.amazonaws.com" }, "sts:AssumeRole"]],
    );
  });

  it("allows no wildcard action", () => {
    for (const { actions } of statements()) {
      for (const action of actions) assert.ok(!action.includes("*"), `wildcard action ${action}`);
    }
  });

  it("allows only this table and this log group as resources, X-Ray excepted", () => {
    for (const { actions, resources } of statements()) {
      for (const resource of resources) {
        if (resource === "*") {
          assert.deepEqual(
            actions.filter((a) => !resourceless.has(a)),
            [],
            `"*" granted for ${actions.join(", ")}`,
          );
        } else {
          assert.ok(resource === tableArn || resource === `${logGroupArn}:*`, `unexpected resource ${resource}`);
        }
      }
    }
  });

  it("grants on the table exactly the DynamoDB actions the handler's bundle performs", async () => {
    const onTable = statements()
      .filter((s) => s.resources.includes(tableArn))
      .flatMap((s) => s.actions);
    // Operation names survive minification as string literals of the SDK's command classes.
    const code = Object.values(await buildHandlerBundle()).join("\n");
    const operations = [
      "PutItem",
      "GetItem",
      "Query",
      "Scan",
      "UpdateItem",
      "DeleteItem",
      "BatchGetItem",
      "BatchWriteItem",
      "TransactGetItems",
      "TransactWriteItems",
    ];
    const used = operations.filter((op) => code.includes(`"${op}"`));
    // IAM authorises each item of a transaction by its own action; the event store only puts.
    const needed = new Set(used.map((op) => (op === "TransactWriteItems" ? "dynamodb:PutItem" : `dynamodb:${op}`)));
    assert.deepEqual([...new Set(onTable)].sort(), [...needed].sort());
    assert.deepEqual([...eventStoreActions].sort(), [...needed].sort());
  });

  it("lets the function write only log streams of its own log group", () => {
    const logs = statements().filter((s) => s.actions.some((a) => a.startsWith("logs:")));
    assert.deepEqual(
      logs.flatMap((s) => s.resources),
      [`${logGroupArn}:*`],
    );
    assert.ok(!logs.flatMap((s) => s.actions).includes("logs:CreateLogGroup"));
  });

  it("has no managed policy attached, not even basic execution", () => {
    assert.equal(g.all("aws:iam/rolePolicyAttachment:RolePolicyAttachment").length, 0);
    assert.equal(g.all("aws:iam/policyAttachment:PolicyAttachment").length, 0);
    const role = g.one("aws:iam/role:Role").inputs;
    assert.ok(role.managedPolicyArns === undefined || (role.managedPolicyArns as unknown[]).length === 0);
  });
});
