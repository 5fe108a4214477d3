// The resource graph `pulumi up` registers for a dev stack with default settings.
import { strict as assert } from "node:assert";
import { eventsTableVariable } from "../../config/functionEnvironment";
import { resolveSettings } from "../../config/settings";
import { serviceName, stackNamespace } from "../../config/metrics";
import { bundleHandler, bundleEntryFile } from "../../components/bundle";
import { allowedMethods } from "../../handlers/http/routes";
import { componentType, programGraph, type Graph } from "./graph";
import { mockRegion } from "./mocks";

const t = {
  table: "aws:dynamodb/table:Table",
  scalingTarget: "aws:appautoscaling/target:Target",
  scalingPolicy: "aws:appautoscaling/policy:Policy",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  function: "aws:lambda/function:Function",
  restApi: "aws:apigateway/restApi:RestApi",
  resource: "aws:apigateway/resource:Resource",
  method: "aws:apigateway/method:Method",
  integration: "aws:apigateway/integration:Integration",
  deployment: "aws:apigateway/deployment:Deployment",
  stage: "aws:apigateway/stage:Stage",
  methodSettings: "aws:apigateway/methodSettings:MethodSettings",
  permission: "aws:lambda/permission:Permission",
} as const;

const dev = resolveSettings("dev");

describe("Pulumi program, dev stack", () => {
  let g: Graph;
  before(async () => {
    g = await programGraph("dev");
  });

  describe("component", () => {
    it("is created once, at the top of the stack", () => {
      assert.equal(g.one(componentType).parent, null);
    });

    it("parents each of its resources, each created once", () => {
      const once = [t.table, t.role, t.rolePolicy, t.function, t.restApi, t.resource, t.deployment, t.stage, t.methodSettings];
      for (const type of once) assert.equal(g.one(type).parent?.type, componentType, type);
      for (const type of [t.method, t.integration, t.permission]) {
        const perMethod = g.all(type);
        assert.equal(perMethod.length, allowedMethods.length, `one ${type} per allowed method`);
        for (const r of perMethod) assert.equal(r.parent?.type, componentType, r.name);
      }
      const logGroups = g.all(t.logGroup);
      assert.equal(logGroups.length, 2, "function log group and access log group");
      for (const lg of logGroups) assert.equal(lg.parent?.type, componentType);
      // Everything else belongs to the observability component, beside this one.
      const components = [componentType, "visitplannr:components:Observability"];
      const outside = g.data.resources.filter((r) => !components.includes(r.type) && !components.includes(r.parent?.type ?? ""));
      assert.deepEqual(
        outside.map((r) => r.type),
        [],
      );
    });
  });

  describe("events table", () => {
    it("is keyed by StreamName (string) and EventNumber (number), as ADR 0001 decides", () => {
      const table = g.one(t.table).inputs;
      assert.equal(table.hashKey, "StreamName");
      assert.equal(table.rangeKey, "EventNumber");
      assert.deepEqual(table.attributes, [
        { name: "StreamName", type: "S" },
        { name: "EventNumber", type: "N" },
      ]);
    });

    it("is named after project and stack", () => {
      assert.equal(g.one(t.table).inputs.name, "visitplannr-dev-events");
      assert.equal(g.outputs.tableName, "visitplannr-dev-events");
    });

    it("is provisioned at the configured capacity, without auto scaling by default", () => {
      const table = g.one(t.table).inputs;
      assert.equal(table.billingMode, "PROVISIONED");
      assert.equal(table.readCapacity, 5);
      assert.equal(table.writeCapacity, 5);
      assert.equal(g.all(t.scalingTarget).length, 0);
      assert.equal(g.all(t.scalingPolicy).length, 0);
    });

    it("has point-in-time recovery, KMS encryption and a NEW_IMAGE stream", () => {
      const table = g.one(t.table).inputs;
      assert.deepEqual(table.pointInTimeRecovery, { enabled: true });
      assert.deepEqual(table.serverSideEncryption, { enabled: true });
      assert.equal(table.streamEnabled, true);
      assert.equal(table.streamViewType, "NEW_IMAGE");
    });

    it("can be deleted on dev", () => {
      assert.equal(g.one(t.table).inputs.deletionProtectionEnabled, false);
    });
  });

  describe("function", () => {
    it("runs the bundle's handler on Node.js 24, arm64, 128 MB, 10 s", () => {
      const fn = g.one(t.function).inputs;
      assert.equal(fn.handler, bundleHandler);
      assert.equal(fn.runtime, "nodejs24.x");
      assert.deepEqual(fn.architectures, ["arm64"]);
      assert.equal(fn.memorySize, 128);
      assert.equal(fn.timeout, 10);
      assert.equal(fn.reservedConcurrentExecutions, -1);
    });

    it("deploys the bundle, whose entry exports the handler", () => {
      const code = g.one(t.function).inputs.code as { $archive: Record<string, string> };
      const entry = code.$archive[bundleEntryFile];
      assert.ok(entry, `archive holds ${Object.keys(code.$archive).join(", ")}`);
      assert.match(entry, /export\s*\{[^}]*\bas handler\b[^}]*\}/);
    });

    it("gets the table name and Powertools settings through its environment", () => {
      const env = (g.one(t.function).inputs.environment as { variables: Record<string, string> }).variables;
      assert.deepEqual(env, {
        [eventsTableVariable]: "visitplannr-dev-events",
        POWERTOOLS_SERVICE_NAME: serviceName,
        POWERTOOLS_METRICS_NAMESPACE: stackNamespace("dev"),
        POWERTOOLS_LOG_LEVEL: dev.logLevel,
      });
    });

    it("logs JSON to its own log group and traces actively", () => {
      const fn = g.one(t.function).inputs;
      assert.deepEqual(fn.loggingConfig, { logFormat: "JSON", logGroup: "/aws/lambda/visitplannr-dev-propose-destination" });
      assert.deepEqual(fn.tracingConfig, { mode: "Active" });
    });

    it("has a log group /aws/lambda/<function> with 30 days retention, created before it", () => {
      const fn = g.one(t.function);
      const logGroup = g.all(t.logGroup).find((lg) => lg.inputs.name === `/aws/lambda/${String(fn.inputs.name)}`);
      assert.ok(logGroup);
      assert.equal(logGroup.inputs.retentionInDays, 30);
      assert.ok(fn.dependsOn.some((d) => d.type === t.logGroup && d.name === logGroup.name));
      assert.equal(g.outputs.logGroupName, logGroup.inputs.name);
      assert.equal(g.outputs.functionName, fn.inputs.name);
    });

    it("is created after its role policy, so its first invocation may already write", () => {
      assert.ok(g.one(t.function).dependsOn.some((d) => d.type === t.rolePolicy));
    });
  });

  describe("REST API", () => {
    it("routes each method the handler allows on /destination to the function as a Lambda proxy integration", () => {
      const resource = g.one(t.resource);
      assert.equal(resource.inputs.pathPart, "destination");
      const methods = g.all(t.method).map((m) => m.inputs);
      assert.deepEqual(methods.map((m) => m.httpMethod).sort(), [...allowedMethods].sort());
      for (const method of methods) {
        assert.equal(method.resourceId, `${resource.name}-id`);
        const integration = g.all(t.integration).find((i) => i.inputs.httpMethod === method.httpMethod)?.inputs;
        assert.ok(integration, `${String(method.httpMethod)} has no integration`);
        assert.equal(integration.type, "AWS_PROXY");
        assert.equal(integration.integrationHttpMethod, "POST");
        assert.match(String(integration.uri), /:function:visitplannr-dev-propose-destination\/invocations$/);
      }
    });

    it("redeploys when the API definition changes", () => {
      const deployment = g.one(t.deployment);
      const triggers = deployment.inputs.triggers as Record<string, string>;
      assert.match(Object.values(triggers).join(), /^[0-9a-f]{64}$/);
      assert.ok(deployment.dependsOn.some((d) => d.type === t.integration));
      assert.ok(deployment.dependsOn.some((d) => d.type === t.method));
    });

    it("has a stage named from config, with X-Ray tracing", () => {
      const stage = g.one(t.stage).inputs;
      assert.equal(stage.stageName, "v1");
      assert.equal(stage.xrayTracingEnabled, true);
      assert.equal(stage.deployment, `${g.one(t.deployment).name}-id`);
    });

    it("writes JSON access logs with the fields operations need to their own log group", () => {
      const settings = g.one(t.stage).inputs.accessLogSettings as { destinationArn: string; format: string };
      const fields = Object.values(JSON.parse(settings.format) as Record<string, string>);
      for (const variable of [
        "$context.requestId",
        "$context.identity.sourceIp",
        "$context.httpMethod",
        "$context.path",
        "$context.status",
        "$context.responseLatency",
        "$context.integrationLatency",
        "$context.responseLength",
        "$context.authorizer.claims.sub",
        "$context.identity.apiKeyId",
        "$context.identity.userAgent",
        "$context.error.message",
        "$context.waf.status",
      ]) {
        assert.ok(fields.includes(variable), `access log lacks ${variable}`);
      }
      const accessLogs = g.all(t.logGroup).find((lg) => settings.destinationArn.endsWith(`:log-group:${String(lg.inputs.name)}`));
      assert.ok(accessLogs, "access logs go to a log group of this stack");
      assert.notEqual(accessLogs.inputs.name, g.outputs.logGroupName);
      assert.equal(accessLogs.inputs.retentionInDays, 30);
    });

    it("turns metrics and error-level execution logs (without request data) on, and throttles every method at the configured rate and burst", () => {
      const ms = g.one(t.methodSettings).inputs;
      assert.equal(ms.methodPath, "*/*");
      assert.equal(ms.stageName, "v1");
      assert.deepEqual(ms.settings, {
        metricsEnabled: true,
        loggingLevel: "ERROR",
        dataTraceEnabled: false,
        throttlingRateLimit: 100,
        throttlingBurstLimit: 50,
      });
    });

    it("may invoke the function only from the allowed methods of /destination on its own stage", () => {
      const api = g.one(t.restApi).name;
      const permissions = g.all(t.permission).map((p) => p.inputs);
      for (const permission of permissions) {
        assert.equal(permission.action, "lambda:InvokeFunction");
        assert.equal(permission.principal, "apigateway.amazonaws.com");
        assert.equal(permission.function, "visitplannr-dev-propose-destination");
      }
      assert.deepEqual(
        permissions.map((p) => p.sourceArn).sort(),
        allowedMethods.map((method) => `arn:aws:execute-api:${mockRegion}:123456789012:${api}-id/v1/${method}/destination`).sort(),
      );
    });

    it("exports the full URL of /destination", () => {
      assert.equal(g.outputs.apiUrl, `https://${g.one(t.restApi).name}-id.execute-api.${mockRegion}.amazonaws.com/v1/destination`);
    });
  });
});
