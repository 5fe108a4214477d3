// Policy as code: rules every stack's resource graph must obey, whatever the component does
// inside. Each rule reads the recorded graph only, so a new resource is held to it at once.
import { strict as assert } from "node:assert";
import { awsNamespaces, reportMetrics } from "../../config/metrics";
import { awsDimensions, lambdaMetrics } from "../../dashboards/awsMetrics";
import { programGraph, prodAlarmDestination, type Graph, type GraphResource } from "./graph";

const t = {
  table: "aws:dynamodb/table:Table",
  function: "aws:lambda/function:Function",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  metricFilter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  stage: "aws:apigateway/stage:Stage",
  methodSettings: "aws:apigateway/methodSettings:MethodSettings",
  restApi: "aws:apigateway/restApi:RestApi",
  permission: "aws:lambda/permission:Permission",
} as const;

interface Statement {
  readonly Effect?: string;
  readonly Action?: string | readonly string[];
  readonly NotAction?: unknown;
  readonly Principal?: unknown;
}

/** Every IAM policy document in the graph: inline, managed and trust policies. */
function policyDocuments(g: Graph): { readonly owner: string; readonly statements: readonly Statement[] }[] {
  const fields: Record<string, string> = {
    "aws:iam/rolePolicy:RolePolicy": "policy",
    "aws:iam/policy:Policy": "policy",
    "aws:iam/userPolicy:UserPolicy": "policy",
    "aws:iam/groupPolicy:GroupPolicy": "policy",
    "aws:iam/role:Role": "assumeRolePolicy",
  };
  return g.data.resources.flatMap((r) => {
    const field = fields[r.type];
    const raw = field ? r.inputs[field] : undefined;
    if (typeof raw !== "string") return [];
    const doc = JSON.parse(raw) as { Statement: Statement | Statement[] };
    return [{ owner: `${r.type} ${r.name}`, statements: [doc.Statement].flat() }];
  });
}

/** The metric an alarm reads, in the classic form or as one of its metric queries. */
function alarmMetrics(alarm: GraphResource): { namespace: string; metricName: string; dimensions: Record<string, string> }[] {
  const i = alarm.inputs as {
    namespace?: string;
    metricName?: string;
    dimensions?: Record<string, string>;
    metricQueries?: { metric?: { namespace: string; metricName: string; dimensions?: Record<string, string> } }[];
  };
  const classic = i.metricName ? [{ namespace: i.namespace ?? "", metricName: i.metricName, dimensions: i.dimensions ?? {} }] : [];
  const queried = (i.metricQueries ?? []).flatMap((q) => (q.metric ? [{ ...q.metric, dimensions: q.metric.dimensions ?? {} }] : []));
  return [...classic, ...queried];
}

for (const stack of ["dev", "prod"]) {
  describe(`policy over the ${stack} stack's resource graph`, () => {
    let g: Graph;
    before(async () => {
      g = await programGraph(stack, stack === "prod" ? prodAlarmDestination : {});
    });

    it("grants no wildcard IAM action in any policy", () => {
      const documents = policyDocuments(g);
      assert.ok(documents.length > 0, "the graph holds IAM policies");
      for (const { owner, statements } of documents) {
        for (const s of statements) {
          assert.equal(s.NotAction, undefined, `${owner}: NotAction grants everything it does not name`);
          for (const action of [s.Action ?? []].flat()) assert.ok(!action.includes("*"), `${owner}: wildcard action ${action}`);
          assert.notEqual(JSON.stringify(s.Principal), '"*"', `${owner}: trusts anyone`);
        }
      }
    });

    it("keeps point-in-time recovery and server-side encryption on every table", () => {
      const tables = g.all(t.table);
      assert.ok(tables.length > 0);
      for (const table of tables) {
        assert.deepEqual(table.inputs.pointInTimeRecovery, { enabled: true }, table.name);
        assert.equal((table.inputs.serverSideEncryption as { enabled?: boolean } | undefined)?.enabled, true, table.name);
      }
    });

    it("gives every function its own log group with retention, created first, and active tracing", () => {
      const functions = g.all(t.function);
      assert.ok(functions.length > 0);
      for (const fn of functions) {
        const name = String(fn.inputs.name);
        const logGroup = g.all(t.logGroup).find((lg) => lg.inputs.name === `/aws/lambda/${name}`);
        assert.ok(logGroup, `${name} has no log group`);
        assert.ok(Number(logGroup.inputs.retentionInDays) > 0, `${name}: log group keeps logs forever`);
        assert.equal((fn.inputs.loggingConfig as { logGroup?: string }).logGroup, logGroup.inputs.name);
        assert.ok(
          fn.dependsOn.some((d) => d.type === t.logGroup && d.name === logGroup.name),
          `${name} may start before its log group`,
        );
        assert.deepEqual(fn.inputs.tracingConfig, { mode: "Active" }, name);
      }
    });

    it("alarms on every function's errors, throttles, duration and memory", () => {
      const alarms = g.all(t.alarm).flatMap(alarmMetrics);
      assert.ok(alarms.length > 0, "the graph holds no alarm");
      const functions = g.all(t.function);
      assert.ok(functions.length > 0);
      for (const fn of functions) {
        const name = String(fn.inputs.name);
        const watched = alarms
          .filter((m) => m.namespace === awsNamespaces.lambda && m.dimensions[awsDimensions.functionName] === name)
          .map((m) => m.metricName);
        for (const metric of [lambdaMetrics.errors, lambdaMetrics.throttles, lambdaMetrics.duration])
          assert.ok(watched.includes(metric), `${name}: no ${metric} alarm`);
        // Memory is known only from the function's platform.report records, through a metric filter on its log group.
        const memory = g
          .all(t.metricFilter)
          .filter((f) => f.inputs.logGroupName === `/aws/lambda/${name}`)
          .map((f) => f.inputs.metricTransformation as { name: string; namespace: string })
          .filter((m) => m.name === reportMetrics.maxMemoryUsed.name);
        assert.ok(
          memory.some((m) => alarms.some((a) => a.namespace === m.namespace && a.metricName === m.name)),
          `${name}: no memory alarm`,
        );
      }
    });

    it("gives every stage access logs, tracing and throttling", () => {
      const stages = g.all(t.stage);
      assert.ok(stages.length > 0);
      for (const stage of stages) {
        const logs = stage.inputs.accessLogSettings as { destinationArn?: string; format?: string } | undefined;
        assert.match(String(logs?.destinationArn), /^arn:aws:logs:/, `${stage.name}: no access log destination`);
        assert.ok(JSON.parse(String(logs?.format)), `${stage.name}: access log format is not JSON`);
        assert.equal(stage.inputs.xrayTracingEnabled, true);
        const settings = g
          .all(t.methodSettings)
          .filter((m) => m.inputs.stageName === stage.inputs.stageName && m.inputs.methodPath === "*/*")
          .map((m) => m.inputs.settings as { throttlingRateLimit?: number; throttlingBurstLimit?: number });
        assert.equal(settings.length, 1, `${stage.name}: no stage-wide method settings`);
        assert.ok(
          Number(settings[0]!.throttlingRateLimit) > 0 && Number(settings[0]!.throttlingBurstLimit) > 0,
          `${stage.name}: no throttling`,
        );
      }
    });

    it("lets only its own API stage invoke functions, and exposes no other entry point", () => {
      const permissions = g.all(t.permission);
      assert.ok(permissions.length > 0, "no permission lets the API invoke a function");
      for (const p of permissions) {
        assert.equal(p.inputs.principal, "apigateway.amazonaws.com", p.name);
        const source = String(p.inputs.sourceArn);
        assert.match(
          source,
          /^arn:aws:execute-api:[^:]+:\d{12}:[^/*]+\/[^/*]+\/[A-Z]+\/\S+$/,
          `${p.name}: source ${source} is not one stage, method and path`,
        );
      }
      for (const open of [
        "aws:lambda/functionUrl:FunctionUrl",
        "aws:apigatewayv2/api:Api",
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        "aws:dynamodb/resourcePolicy:ResourcePolicy",
      ]) {
        assert.deepEqual(
          g.all(open).map((r) => r.name),
          [],
          `unexpected ${open}`,
        );
      }
      const apis = g.all(t.restApi);
      assert.ok(apis.length > 0);
      for (const api of apis) assert.equal(api.inputs.policy, undefined, `${api.name} has a resource policy`);
    });

    it("authorises every API method: a Cognito user pool token of invited users, and a client API key", () => {
      const methods = g.all("aws:apigateway/method:Method");
      assert.ok(methods.length > 0);
      const authorizers = g.all("aws:apigateway/authorizer:Authorizer");
      for (const m of methods) {
        assert.equal(m.inputs.authorization, "COGNITO_USER_POOLS", `${m.name} is open`);
        assert.equal(m.inputs.apiKeyRequired, true, `${m.name} needs no API key`);
        const authorizer = authorizers.find((a) => `${a.name}-id` === m.inputs.authorizerId);
        assert.ok(authorizer, `${m.name} names no authoriser of this graph`);
        assert.equal(authorizer.inputs.type, "COGNITO_USER_POOLS");
      }
      const pools = g.all("aws:cognito/userPool:UserPool");
      assert.ok(pools.length > 0, "no user pool issues the tokens the authoriser checks");
      for (const pool of pools) {
        assert.equal(
          (pool.inputs.adminCreateUserConfig as { allowAdminCreateUserOnly?: boolean }).allowAdminCreateUserOnly,
          true,
          `${pool.name} lets anyone sign up`,
        );
      }
    });
  });
}
