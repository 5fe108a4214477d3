// The policy pack (policy/): every policy passes on the mocked graph of each stack in
// policyStacks, and fires on a graph with one resource broken the way the policy forbids.
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { projectPolicies } from "../../policy/policies";
import { stackOfUrn, type ProjectPolicy, type StackUnderPolicy } from "../../policy/projectPolicy";
import { broken, policyStack, policyStacks } from "./stacks";

const policy = (name: string): ProjectPolicy => {
  const found = projectPolicies.find((p) => p.name === name);
  assert.ok(found, `no policy ${name}`);
  return found;
};

/** The messages of a policy's violations on a stack. */
const fired = (name: string, stack: StackUnderPolicy): string[] =>
  policy(name)
    .check(stack)
    .map((v) => v.message);

function assertFires(name: string, stack: StackUnderPolicy, expected: RegExp): void {
  const messages = fired(name, stack);
  assert.ok(
    messages.some((m) => expected.test(m)),
    `${name} did not report ${expected}; reported ${JSON.stringify(messages)}`,
  );
}

const t = {
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  role: "aws:iam/role:Role",
  table: "aws:dynamodb/table:Table",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  function: "aws:lambda/function:Function",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  composite: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
  dashboard: "aws:cloudwatch/dashboard:Dashboard",
  metricFilter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
  stage: "aws:apigateway/stage:Stage",
  method: "aws:apigateway/method:Method",
  permission: "aws:lambda/permission:Permission",
  userPool: "aws:cognito/userPool:UserPool",
  topic: "aws:sns/topic:Topic",
} as const;

describe("policy pack", () => {
  it("holds the policies the project promises, each with a name and description", () => {
    assert.deepEqual(
      projectPolicies.map((p) => p.name),
      [
        "iam-least-privilege",
        "table-protection",
        "log-retention",
        "function-logs-and-tracing",
        "function-runtime",
        "alarms-notify",
        "alarm-values",
        "function-alarms",
        "stage-logs-tracing-throttling",
        "invoke-only-through-the-api",
        "api-authorization",
        "aws-name-rules",
        "dashboard-geometry",
        "metric-filter-dimensions",
      ],
    );
    for (const p of projectPolicies) assert.ok(p.description.length > 20, p.name);
  });

  it("reads the stack's name from a resource URN, dots and all", () => {
    assert.equal(stackOfUrn("urn:pulumi:eu.staging::visitplannr::aws:sns/topic:Topic::observability-alarms"), "eu.staging");
  });

  for (const { title, stack, config } of policyStacks) {
    it(`passes every policy on ${title}`, async () => {
      const s = await policyStack(stack, config);
      assert.ok(s.resources.length > 40, `${stack}: the graph holds ${s.resources.length} resources`);
      const violations = projectPolicies.flatMap((p) => p.check(s).map((v) => `${p.name}: ${v.message}`));
      assert.deepEqual(violations, []);
    });
  }

  describe("fires on a broken resource", () => {
    let dev: StackUnderPolicy;
    let prod: StackUnderPolicy;
    before(async () => {
      [dev, prod] = await Promise.all([policyStack("dev"), policyStack("prod")]);
    });
    const edit = (props: Record<string, unknown>, field: string, change: (doc: { Statement: Record<string, unknown>[] }) => void) => {
      const doc = JSON.parse(String(props[field])) as { Statement: Record<string, unknown>[] };
      change(doc);
      props[field] = JSON.stringify(doc);
    };

    it("iam-least-privilege: a wildcard action, a wildcard resource of an action that can name one, trust in anyone", () => {
      const wildAction = broken(dev, t.rolePolicy, (p) => edit(p, "policy", (d) => void (d.Statement[0]!.Action = ["dynamodb:*"])));
      assertFires("iam-least-privilege", wildAction, /wildcard action dynamodb:\*/);
      const wildResource = broken(dev, t.rolePolicy, (p) => edit(p, "policy", (d) => void (d.Statement[0]!.Resource = "*")));
      assertFires("iam-least-privilege", wildResource, /"\*" as the resource of dynamodb:PutItem, dynamodb:Query/);
      const anyone = broken(dev, t.role, (p) => edit(p, "assumeRolePolicy", (d) => void (d.Statement[0]!.Principal = "*")));
      assertFires("iam-least-privilege", anyone, /trusts anyone/);
    });

    it("table-protection: encryption or point-in-time recovery off, or deletion protection off on a prod-like stack", () => {
      assertFires(
        "table-protection",
        broken(dev, t.table, (p) => void (p.pointInTimeRecovery = { enabled: false })),
        /point-in-time recovery is off/,
      );
      assertFires(
        "table-protection",
        broken(dev, t.table, (p) => void delete p.serverSideEncryption),
        /server-side encryption/,
      );
      assertFires(
        "table-protection",
        broken(prod, t.table, (p) => void (p.deletionProtectionEnabled = false)),
        /deletion protection is off on the prod-like stack prod/,
      );
      assert.deepEqual(
        fired(
          "table-protection",
          broken(dev, t.table, (p) => void (p.deletionProtectionEnabled = false)),
        ),
        [],
      );
    });

    it("log-retention: a log group without retention", () => {
      assertFires(
        "log-retention",
        broken(dev, t.logGroup, (p) => void delete p.retentionInDays),
        /keeps its logs forever/,
      );
    });

    it("function-logs-and-tracing: text logs, no active tracing, no log group created first", () => {
      assertFires(
        "function-logs-and-tracing",
        broken(dev, t.function, (p) => void (p.loggingConfig = { logFormat: "Text" })),
        /Text format, not JSON/,
      );
      assertFires(
        "function-logs-and-tracing",
        broken(dev, t.function, (p) => void (p.tracingConfig = { mode: "PassThrough" })),
        /tracing is not Active/,
      );
      const early = { ...dev, resources: dev.resources.map((r) => (r.type === t.function ? { ...r, dependsOn: [] } : r)) };
      assertFires("function-logs-and-tracing", early, /may start before its log group exists/);
    });

    it("function-runtime: a function on nodejs20.x, named with its dates, or on a runtime Lambda never had", () => {
      assertFires(
        "function-runtime",
        broken(dev, t.function, (p) => void (p.runtime = "nodejs20.x")),
        /nodejs20\.x was deprecated by Lambda on 2026-04-30 \(creating functions blocked from 2027-02-01, updating them from 2027-03-03\)/,
      );
      assertFires(
        "function-runtime",
        broken(dev, t.function, (p) => void (p.runtime = "nodejs26.x")),
        /runtime nodejs26\.x is not one of nodejs22\.x, nodejs24\.x/,
      );
      assert.deepEqual(
        fired(
          "function-runtime",
          broken(dev, t.function, (p) => void (p.runtime = "nodejs22.x")),
        ),
        [],
      );
    });

    it("alarms-notify: a warning alarm without actions, and paging alarms whose composite notifies no one", () => {
      const quiet = broken(
        dev,
        t.alarm,
        (p) => void delete p.alarmActions,
        (r) => r.name.endsWith("lambda-concurrency"),
      );
      assertFires("alarms-notify", quiet, /lambda-concurrency: notifies no one/);
      assertFires(
        "alarms-notify",
        broken(dev, t.composite, (p) => void (p.alarmActions = [])),
        /lambda-errors: notifies no one/,
      );
    });

    it("alarm-values: a 45 s period, more than a day evaluated, more datapoints than periods, a bad id, two returned series", () => {
      const one = (r: { name: string }) => r.name.endsWith("lambda-errors");
      assertFires(
        "alarm-values",
        broken(dev, t.alarm, (p) => void (p.period = 45), one),
        /period 45 s is not 10, 20, 30 or a multiple of 60/,
      );
      assertFires(
        "alarm-values",
        broken(dev, t.alarm, (p) => void (p.evaluationPeriods = 1441), one),
        /1441 × 60 s, more than the 86400 s an alarm may look back/,
      );
      assertFires(
        "alarm-values",
        broken(dev, t.alarm, (p) => void (p.datapointsToAlarm = 6), one),
        /datapointsToAlarm 6 is not between 1 and evaluationPeriods \(5\)/,
      );
      const math = (r: { name: string }) => r.name.endsWith("api-5xx-rate");
      const renamed = broken(dev, t.alarm, (p) => void ((p.metricQueries as { id: string }[])[0]!.id = "Requests"), math);
      assertFires("alarm-values", renamed, /metric query id "Requests"/);
      const both = broken(dev, t.alarm, (p) => void ((p.metricQueries as { returnData: boolean }[])[0]!.returnData = true), math);
      assertFires("alarm-values", both, /returns 2 series/);
    });

    it("alarm-values: a composite rule reading an alarm the stack lacks, or longer than 10240 characters", () => {
      assertFires(
        "alarm-values",
        broken(dev, t.composite, (p) => void (p.alarmRule = 'ALARM("elsewhere")')),
        /rule reads elsewhere, no alarm of this stack/,
      );
      const long = broken(dev, t.composite, (p) => void (p.alarmRule = Array(400).fill(String(p.alarmRule).split(" OR ")[0]).join(" OR ")));
      assertFires("alarm-values", long, /rule of \d+ characters, more than 10240/);
    });

    it("function-alarms: a function whose errors nobody watches", () => {
      const stack = { ...dev, resources: dev.resources.filter((r) => !(r.type === t.alarm && r.name.endsWith("lambda-errors"))) };
      assertFires("function-alarms", stack, /no alarm on Errors/);
    });

    it("stage-logs-tracing-throttling: a stage without tracing or access logs", () => {
      assertFires(
        "stage-logs-tracing-throttling",
        broken(dev, t.stage, (p) => void (p.xrayTracingEnabled = false)),
        /X-Ray tracing is off/,
      );
      assertFires(
        "stage-logs-tracing-throttling",
        broken(dev, t.stage, (p) => void delete p.accessLogSettings),
        /no access logs/,
      );
    });

    it("invoke-only-through-the-api: a permission for any stage and method", () => {
      const any = broken(dev, t.permission, (p) => void (p.sourceArn = `${String(p.sourceArn).split("/")[0]}/*/*`));
      assertFires("invoke-only-through-the-api", any, /is not one stage, method and path/);
    });

    it("api-authorization: an open method, and a pool anyone may sign up to", () => {
      assertFires(
        "api-authorization",
        broken(dev, t.method, (p) => void (p.authorization = "NONE")),
        /authorization is NONE/,
      );
      assertFires(
        "api-authorization",
        broken(dev, t.userPool, (p) => void (p.adminCreateUserConfig = {})),
        /lets anyone sign up/,
      );
    });

    it("aws-name-rules: a function name with a dot or over 64 characters, a topic name with a dot", () => {
      assertFires(
        "aws-name-rules",
        broken(dev, t.function, (p) => void (p.name = "visitplannr-eu.staging-propose-destination")),
        /Lambda function name "visitplannr-eu\.staging-propose-destination" \(42 characters\) breaks the rule: 1 to 64 characters: letters, digits, - and _/,
      );
      assertFires(
        "aws-name-rules",
        broken(dev, t.function, (p) => void (p.name = "f".repeat(65))),
        /Lambda function name "f{65}" \(65 characters\)/,
      );
      assert.deepEqual(
        fired(
          "aws-name-rules",
          broken(dev, t.function, (p) => void (p.name = "f".repeat(64))),
        ),
        [],
      );
      assertFires(
        "aws-name-rules",
        broken(dev, t.topic, (p) => void (p.name = "visitplannr-eu.staging-alarms")),
        /SNS topic name/,
      );
    });

    it("dashboard-geometry: a widget reaching past column 24, or of width 0", () => {
      const move = (place: { x: number; width: number }) =>
        broken(dev, t.dashboard, (p) => {
          const body = JSON.parse(String(p.dashboardBody)) as { widgets: Record<string, number>[] };
          Object.assign(body.widgets[0]!, place);
          p.dashboardBody = JSON.stringify(body);
        });
      assertFires("dashboard-geometry", move({ x: 20, width: 6 }), /widget 0 \(\w+\) at x 20, width 6 is off the 24-column grid/);
      assertFires("dashboard-geometry", move({ x: 0, width: 0 }), /at x 0, width 0 is off/);
      assert.deepEqual(fired("dashboard-geometry", move({ x: 0, width: 24 })), []);
    });

    it("metric-filter-dimensions: four dimensions, or dimensions on a plain-text pattern", () => {
      const dims = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`d${i}`, `$.record.d${i}`]));
      const four = broken(dev, t.metricFilter, (p) => void ((p.metricTransformation as Record<string, unknown>).dimensions = dims(4)));
      assertFires("metric-filter-dimensions", four, /4 dimensions, more than 3/);
      const three = broken(dev, t.metricFilter, (p) => void ((p.metricTransformation as Record<string, unknown>).dimensions = dims(3)));
      assert.deepEqual(fired("metric-filter-dimensions", three), []);
      const plain = broken(dev, t.metricFilter, (p) => {
        p.pattern = "REPORT";
        (p.metricTransformation as Record<string, unknown>).dimensions = dims(1);
      });
      assertFires("metric-filter-dimensions", plain, /neither JSON nor space-delimited/);
    });
  });
});

describe("policy pack entry", () => {
  it("loads as Pulumi's policy runner loads it, type-checked, and serves the engine on a port", async function () {
    this.timeout(300_000);
    const root = path.resolve(__dirname, "..", "..");
    const child = spawn(process.execPath, [path.join(__dirname, "loadPack.cjs"), root], { cwd: path.join(root, "policy") });
    try {
      const port = await new Promise<string>((resolve, reject) => {
        let out = "";
        let err = "";
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          if (out.includes("\n")) resolve(out.trim());
        });
        child.stderr.on("data", (d: Buffer) => void (err += d.toString()));
        child.on("exit", (code) => reject(new Error(`the pack exited (${code}) before serving: ${err}`)));
      });
      assert.match(port, /^\d+$/);
    } finally {
      child.kill();
    }
  });
});
