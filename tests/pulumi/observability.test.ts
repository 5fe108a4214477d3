// The Observability component under Pulumi mocks: metric filters, every alarm, the composite,
// the SNS topic and its optional e-mail subscription, the dashboard, with the stack's names and
// thresholds from its settings.
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { Observability, type ObservabilityArgs } from "../../components/Observability";
import { eventsTableName, functionLogGroupName, projectName, proposeFunctionName, stackPrefix } from "../../config/names";
import { objectSource, resolveSettings } from "../../config/settings";
import type { SettingValue } from "../../config/spec";
import { alarmDefinitions } from "../../dashboards/alarms";
import { metricFilterDefinitions, platformReportPattern } from "../../dashboards/metricFilters";
import { observabilitySettings } from "../../dashboards/observedStack";
import type { DashboardBody } from "../../dashboards/widgets";
import { awsMocks, mockAccount, mockRegion, unwrap } from "./mocks";

interface Recorded {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly parent: string | undefined;
}

const t = {
  component: "visitplannr:components:Observability",
  filter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  composite: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
  dashboard: "aws:cloudwatch/dashboard:Dashboard",
  topic: "aws:sns/topic:Topic",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  key: "aws:kms/key:Key",
} as const;

/** The component's arguments as the program passes them for a stack. */
function args(stack: string, config: Readonly<Record<string, SettingValue>>): ObservabilityArgs {
  const target = { project: projectName, stack };
  const settings = resolveSettings(stack, objectSource(config));
  const fn = proposeFunctionName(target);
  return {
    ...target,
    region: mockRegion,
    ...observabilitySettings(settings),
    functionName: pulumi.output(fn),
    logGroupName: pulumi.output(functionLogGroupName(fn)),
    restApiName: stackPrefix(target),
    stageName: settings.stageName,
    tableName: pulumi.output(eventsTableName(target)),
  };
}

const configs: Readonly<Record<string, Readonly<Record<string, SettingValue>>>> = {
  dev: {},
  prod: { alarmEmail: "ops@example.org", api5xxRatePercent: 3, memoryUtilizationPercent: 90, timeout: 20 },
  prodhook: {
    alarmTopicArn: "arn:aws:sns:eu-west-2:210987654321:on-call",
    alarmHttpsEndpoint: "https://chat.example.org/hooks/alarms",
  },
};

describe("Observability component (Pulumi mocks)", () => {
  const recorded: Recorded[] = [];
  const outputs: Record<string, { dashboardName: string; dashboardUrl: string; alarmTopicArn: string }> = {};

  before(async () => {
    await pulumi.runtime.setMocks(awsMocks(), projectName, "dev", false);
    const resources: { resource: pulumi.Resource; type: string; name: string; opts: pulumi.ResourceOptions }[] = [];
    const names = new Map<pulumi.Resource, string>();
    await pulumi.runtime.runInPulumiStack(async () => {
      pulumi.runtime.registerStackTransformation((a) => {
        resources.push({ resource: a.resource, type: a.type, name: a.name, opts: a.opts });
        names.set(a.resource, a.name);
        return undefined;
      });
      const components = {
        dev: new Observability("dev", args("dev", configs.dev!)),
        prod: new Observability("prod", args("prod", configs.prod!)),
        prodhook: new Observability("prodhook", args("prodhook", configs.prodhook!)),
      };
      for (const [key, c] of Object.entries(components)) {
        outputs[key] = {
          dashboardName: await unwrap(c.dashboardName),
          dashboardUrl: await unwrap(c.dashboardUrl),
          alarmTopicArn: await unwrap(c.alarmTopicArn),
        };
      }
      return {};
    });
    await Promise.all(
      resources.map(async (r) => {
        await unwrap(r.resource.urn);
        if (r.resource instanceof pulumi.CustomResource) await unwrap(r.resource.id);
      }),
    );
    // The mocked state of a resource is its inputs plus computed attributes: read it back.
    for (const r of resources) {
      const props = r.resource as unknown as Record<string, unknown>;
      const resolved: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(props)) {
        if (pulumi.Output.isInstance(v)) resolved[k] = await unwrap(v as pulumi.Output<unknown>);
      }
      recorded.push({ type: r.type, name: r.name, inputs: resolved, parent: r.opts.parent ? names.get(r.opts.parent) : undefined });
    }
  });

  const ofStack = (type: string, stack: string) => recorded.filter((r) => r.type === type && r.name.startsWith(`${stack}-`));

  it("parents every resource it creates", () => {
    for (const r of recorded.filter((x) => x.type !== t.component))
      assert.ok(r.parent === "dev" || r.parent === "prod" || r.parent === "prodhook", r.name);
  });

  it("creates one platform.report metric filter per report metric on the function's log group", () => {
    const filters = ofStack(t.filter, "dev");
    const expected = metricFilterDefinitions({ project: "visitplannr", stack: "dev" });
    assert.deepEqual(
      filters.map((f) => f.inputs.name),
      expected.map((f) => f.filterName),
    );
    for (const [i, f] of filters.entries()) {
      const def = expected[i]!;
      assert.equal(f.inputs.logGroupName, "/aws/lambda/visitplannr-dev-propose-destination");
      assert.equal(f.inputs.pattern, platformReportPattern);
      assert.deepEqual(f.inputs.metricTransformation, {
        name: def.metricName,
        namespace: "visitplannr/dev",
        value: def.valueSelector,
        unit: def.unit,
      });
    }
  });

  it("creates every alarm of the definitions, named for the stack, on by default", () => {
    for (const stack of ["dev", "prod"]) {
      const a = args(stack, configs[stack]!);
      const names = { ...a, serviceName: "visitplannr" };
      const settings = resolveSettings(stack, objectSource(configs[stack]!));
      const expected = alarmDefinitions({ project: "visitplannr", stack, settings, names }).map((d) => d.name);
      assert.deepEqual(
        ofStack(t.alarm, stack).map((a) => a.inputs.name),
        expected,
      );
      for (const a of ofStack(t.alarm, stack)) assert.equal(a.inputs.actionsEnabled, true);
    }
  });

  it("sets thresholds, M of N and missing-data treatment from the stack settings", () => {
    const alarm = (stack: string, key: string) => {
      const found = ofStack(t.alarm, stack).find((a) => a.inputs.name === `visitplannr-${stack}-${key}`);
      assert.ok(found, key);
      return found.inputs;
    };
    assert.equal(alarm("dev", "api-5xx-rate").threshold, 5);
    assert.equal(alarm("prod", "api-5xx-rate").threshold, 3);
    assert.equal(alarm("prod", "lambda-memory-utilization").threshold, 90);
    assert.equal(alarm("prod", "lambda-duration-near-timeout").threshold, 16000);
    assert.equal(alarm("dev", "lambda-duration-near-timeout").threshold, 8000);
    // The README's alarm table: sizing signals ignore a quiet minute, the rest read it as healthy.
    const ignoring = ["lambda-duration-near-timeout", "lambda-memory-utilization", "dynamodb-write-capacity", "dynamodb-read-capacity"];
    for (const a of ofStack(t.alarm, "dev")) {
      const key = String(a.inputs.name).replace("visitplannr-dev-", "");
      assert.equal(a.inputs.evaluationPeriods, 5, key);
      assert.equal(a.inputs.datapointsToAlarm, 3, key);
      assert.equal(a.inputs.comparisonOperator, "GreaterThanOrEqualToThreshold", key);
      assert.equal(a.inputs.treatMissingData, ignoring.includes(key) ? "ignore" : "notBreaching", key);
      assert.match(String(a.inputs.alarmDescription), new RegExp(`Missing data: ${a.inputs.treatMissingData}, because `), key);
    }
    // PutMetricAlarm refuses a description over 1,024 characters.
    for (const a of [
      ...ofStack(t.alarm, "dev"),
      ...ofStack(t.alarm, "prod"),
      ...ofStack(t.composite, "dev"),
      ...ofStack(t.composite, "prod"),
    ]) {
      assert.ok(
        String(a.inputs.alarmDescription).length <= 1024,
        `${a.inputs.name}: ${String(a.inputs.alarmDescription).length} characters`,
      );
    }
  });

  it("builds single-metric alarms in the classic form and metric math alarms from queries", () => {
    const latency = ofStack(t.alarm, "dev").find((a) => a.inputs.name === "visitplannr-dev-api-latency-p90")!.inputs;
    assert.equal(latency.metricName, "Latency");
    assert.equal(latency.namespace, "AWS/ApiGateway");
    assert.equal(latency.extendedStatistic, "p90");
    assert.equal(latency.period, 60);
    assert.deepEqual(latency.dimensions, { ApiName: "visitplannr-dev", Stage: "v1" });
    const rate = ofStack(t.alarm, "dev").find((a) => a.inputs.name === "visitplannr-dev-api-5xx-rate")!.inputs;
    const queries = rate.metricQueries as { id: string; expression?: string; returnData?: boolean }[];
    assert.deepEqual(
      queries.map((q) => q.id),
      ["requests", "errors5xx", "rate5xx"],
    );
    assert.deepEqual(
      queries.filter((q) => q.returnData).map((q) => q.expression),
      ["100 * errors5xx / requests"],
    );
  });

  it("creates the paging composite over the paging alarms, notifying the topic on ALARM and OK", () => {
    const [composite] = ofStack(t.composite, "dev");
    assert.ok(composite);
    assert.equal(composite.inputs.alarmName, "visitplannr-dev-service-unhealthy");
    assert.match(String(composite.inputs.alarmRule), /^ALARM\("visitplannr-dev-api-5xx-rate"\) OR /);
    assert.deepEqual(composite.inputs.alarmActions, [outputs.dev!.alarmTopicArn]);
    assert.deepEqual(composite.inputs.okActions, [outputs.dev!.alarmTopicArn]);
  });

  it("notifies warnings directly and pages through the composite only", () => {
    const byName = (n: string) => ofStack(t.alarm, "dev").find((a) => a.inputs.name === `visitplannr-dev-${n}`)!.inputs;
    assert.deepEqual(byName("lambda-memory-utilization").okActions, [outputs.dev!.alarmTopicArn]);
    assert.deepEqual(byName("lambda-memory-utilization").alarmActions, [outputs.dev!.alarmTopicArn]);
    assert.equal(byName("lambda-errors").alarmActions, undefined);
  });

  it("creates the alarm topic, named for the stack", () => {
    const [topic] = ofStack(t.topic, "dev");
    assert.equal(topic?.inputs.name, "visitplannr-dev-alarms");
    assert.equal(outputs.dev!.alarmTopicArn, `arn:aws:sns:${mockRegion}:${mockAccount}:visitplannr-dev-alarms`);
  });

  it("subscribes the configured e-mail address, and nobody when none is configured", () => {
    assert.equal(ofStack(t.subscription, "dev").length, 0);
    const [sub] = ofStack(t.subscription, "prod");
    assert.equal(sub?.inputs.protocol, "email");
    assert.equal(sub?.inputs.endpoint, "ops@example.org");
    assert.equal(sub?.inputs.topic, outputs.prod!.alarmTopicArn);
  });

  it("subscribes an HTTPS webhook and notifies an existing topic besides its own, when so configured", () => {
    const subs = ofStack(t.subscription, "prodhook").map((s) => [s.inputs.protocol, s.inputs.endpoint]);
    assert.deepEqual(subs, [["https", "https://chat.example.org/hooks/alarms"]]);
    const own = outputs.prodhook!.alarmTopicArn;
    for (const alarm of [...ofStack(t.alarm, "prodhook").filter((a) => a.inputs.alarmActions), ...ofStack(t.composite, "prodhook")]) {
      assert.deepEqual(alarm.inputs.alarmActions, [own, "arn:aws:sns:eu-west-2:210987654321:on-call"], alarm.name);
      assert.deepEqual(alarm.inputs.okActions, [own, "arn:aws:sns:eu-west-2:210987654321:on-call"], alarm.name);
    }
  });

  it("encrypts the alarm topic with a rotated KMS key of its own that lets CloudWatch publish", () => {
    for (const stack of ["dev", "prod"]) {
      const [topic] = ofStack(t.topic, stack);
      const [key] = ofStack(t.key, stack);
      assert.ok(topic && key, stack);
      assert.equal(key.inputs.enableKeyRotation, true);
      assert.equal(topic.inputs.kmsMasterKeyId, key.inputs.arn);
      assert.match(String(key.inputs.arn), /^arn:aws:kms:/);
      const policy = JSON.parse(String(key.inputs.policy)) as { Statement: { Principal: unknown; Action: unknown }[] };
      const cloudWatch = policy.Statement.filter((s) => JSON.stringify(s.Principal) === '{"Service":"cloudwatch.amazonaws.com"}');
      assert.deepEqual(
        cloudWatch.map((s) => s.Action),
        [["kms:Decrypt", "kms:GenerateDataKey*"]],
      );
      const admin = policy.Statement.find((s) => JSON.stringify(s.Principal) === `{"AWS":"arn:aws:iam::${mockAccount}:root"}`);
      assert.ok(admin, "the account administers the key through IAM");
    }
  });

  it("creates the dashboard from the stack's resolved names, listing every alarm's ARN", () => {
    const [dashboard] = ofStack(t.dashboard, "dev");
    assert.equal(dashboard?.inputs.dashboardName, "visitplannr-dev-operations");
    const body = JSON.parse(String(dashboard?.inputs.dashboardBody)) as DashboardBody;
    const status = body.widgets.find((w) => w.type === "alarm");
    const arns = [...ofStack(t.alarm, "dev").map((a) => a.inputs.name), "visitplannr-dev-service-unhealthy"].map(
      (n) => `arn:aws:cloudwatch:${mockRegion}:${mockAccount}:alarm:${String(n)}`,
    );
    assert.deepEqual(status?.properties.alarms, arns);
    const text = JSON.stringify(body);
    assert.ok(text.includes("visitplannr-dev-propose-destination") && text.includes("visitplannr-dev-events"));
    for (const w of body.widgets.filter((x) => x.type === "metric")) assert.equal(w.properties.region, mockRegion);
  });

  it("exports the dashboard's console URL", () => {
    assert.equal(
      outputs.dev!.dashboardUrl,
      `https://${mockRegion}.console.aws.amazon.com/cloudwatch/home?region=${mockRegion}#dashboards/dashboard/visitplannr-dev-operations`,
    );
  });
});
