// The same program on a prod stack, and with the table settings a stack may change.
import { strict as assert } from "node:assert";
import { programGraph, prodAlarmDestination } from "./graph";

const table = "aws:dynamodb/table:Table";
const fn = "aws:lambda/function:Function";
const logGroup = "aws:cloudwatch/logGroup:LogGroup";

describe("Pulumi program, prod stack", () => {
  it("protects the table from deletion", async () => {
    const g = await programGraph("prod", prodAlarmDestination);
    assert.equal(g.one(table).inputs.deletionProtectionEnabled, true);
  });

  it("keeps function and access logs for 365 days", async () => {
    const g = await programGraph("prod", prodAlarmDestination);
    const retention = g.all(logGroup).map((lg) => lg.inputs.retentionInDays);
    assert.deepEqual(retention, [365, 365]);
  });

  it("names everything after the prod stack", async () => {
    const g = await programGraph("prod", prodAlarmDestination);
    assert.equal(g.outputs.tableName, "visitplannr-prod-events");
    assert.equal(g.outputs.functionName, "visitplannr-prod-propose-destination");
  });

  it("refuses a prod-like stack whose alarms would reach nobody, naming the settings that fix it", async function () {
    this.timeout(240_000);
    const refusal =
      /alarmEmail: stack prod is prod-like, so its alarms must reach someone; set alarmEmail \(an e-mail address\), alarmTopicArn \(an existing SNS topic\) or alarmHttpsEndpoint/;
    await assert.rejects(programGraph("prod"), refusal);
    await assert.rejects(programGraph("prod-eu"), /stack prod-eu is prod-like/);
    await programGraph("prod", { alarmTopicArn: "arn:aws:sns:eu-west-2:123456789012:on-call" });
    await programGraph("prod", { alarmHttpsEndpoint: "https://chat.example.org/hooks/alarms" });
    // Dev is not prod-like: its alarms may go to its topic alone.
    await programGraph("dev");
  });

  it("refuses an alarm topic that is not an SNS topic ARN, and a webhook that is not HTTPS", async function () {
    this.timeout(120_000);
    await assert.rejects(
      programGraph("dev", { alarmTopicArn: "on-call" }),
      /alarmTopicArn: "on-call" is not empty or the ARN of a standard SNS topic/,
    );
    await assert.rejects(
      programGraph("dev", { alarmHttpsEndpoint: "http://chat.example.org/x" }),
      /alarmHttpsEndpoint: "http:\/\/chat.example.org\/x" is not empty or an https:\/\/ URL/,
    );
  });

  it("lets explicit config win over the prod defaults", async () => {
    const g = await programGraph("prod", { ...prodAlarmDestination, deletionProtection: false, logRetentionDays: 90 });
    assert.equal(g.one(table).inputs.deletionProtectionEnabled, false);
    assert.deepEqual(
      g.all(logGroup).map((lg) => lg.inputs.retentionInDays),
      [90, 90],
    );
  });
});

describe("Pulumi program, configured", () => {
  it("scales provisioned reads and writes by target tracking when auto scaling is on", async () => {
    const g = await programGraph("dev", {
      autoScaling: true,
      autoScalingWriteMinCapacity: 2,
      autoScalingWriteMaxCapacity: 40,
      autoScalingReadMinCapacity: 1,
      autoScalingReadMaxCapacity: 10,
      autoScalingTargetUtilization: 60,
    });
    const targets = g.all("aws:appautoscaling/target:Target").map((t) => t.inputs);
    assert.deepEqual(
      targets.map((t) => [t.scalableDimension, t.resourceId, t.minCapacity, t.maxCapacity]),
      [
        ["dynamodb:table:ReadCapacityUnits", "table/visitplannr-dev-events", 1, 10],
        ["dynamodb:table:WriteCapacityUnits", "table/visitplannr-dev-events", 2, 40],
      ],
    );
    const policies = g.all("aws:appautoscaling/policy:Policy").map((p) => p.inputs);
    assert.deepEqual(
      policies.map((p) => {
        const c = p.targetTrackingScalingPolicyConfiguration as {
          targetValue: number;
          predefinedMetricSpecification: { predefinedMetricType: string };
        };
        return [p.policyType, c.predefinedMetricSpecification.predefinedMetricType, c.targetValue];
      }),
      [
        ["TargetTrackingScaling", "DynamoDBReadCapacityUtilization", 60],
        ["TargetTrackingScaling", "DynamoDBWriteCapacityUtilization", 60],
      ],
    );
    // Otherwise each `pulumi up` would reset what auto scaling set.
    assert.deepEqual(g.one(table).ignoreChanges, ["readCapacity", "writeCapacity"]);
  });

  it("bills on demand without capacities or auto scaling when PAY_PER_REQUEST", async () => {
    const g = await programGraph("dev", { billingMode: "PAY_PER_REQUEST" });
    const inputs = g.one(table).inputs;
    assert.equal(inputs.billingMode, "PAY_PER_REQUEST");
    assert.equal(inputs.readCapacity, undefined);
    assert.equal(inputs.writeCapacity, undefined);
    assert.equal(g.all("aws:appautoscaling/target:Target").length, 0);
  });

  it("refuses auto scaling on an on-demand table", async () => {
    await assert.rejects(
      programGraph("dev", { billingMode: "PAY_PER_REQUEST", autoScaling: true }),
      /invalid stack configuration:\n {2}- autoScaling: auto scaling applies to PROVISIONED/,
    );
  });

  it("refuses an invalid setting, naming the key", async () => {
    await assert.rejects(programGraph("dev", { memorySize: 64 }), /memorySize: 64 is below the minimum 128/);
  });

  it("refuses an auto scaling minimum above its maximum, as a config error", async () => {
    await assert.rejects(
      programGraph("dev", { autoScaling: true, autoScalingWriteMinCapacity: 60, autoScalingWriteMaxCapacity: 40 }),
      /invalid stack configuration:\n {2}- autoScalingWriteMinCapacity: 60 must not exceed autoScalingWriteMaxCapacity \(40\)/,
    );
    // Without auto scaling the bounds are unused, so they are not checked against each other.
    await programGraph("dev", { autoScalingWriteMinCapacity: 60, autoScalingWriteMaxCapacity: 40 });
  });

  it("refuses more datapoints to alarm than periods evaluated, as a config error", async () => {
    await assert.rejects(
      programGraph("dev", { alarmEvaluationPeriods: 2, alarmDatapointsToAlarm: 3 }),
      /invalid stack configuration:\n {2}- alarmDatapointsToAlarm: 3 must not exceed alarmEvaluationPeriods \(2\)/,
    );
  });

  it("refuses a reservation Lambda would refuse: more than the account quota less its 100 unreserved", async () => {
    await assert.rejects(
      programGraph("dev", { reservedConcurrency: 950 }),
      /reservedConcurrency: 950 would leave fewer than the 100 unreserved executions Lambda keeps of accountConcurrencyLimit \(1000\); reserve at most 900/,
    );
    await assert.rejects(programGraph("dev", { reservedConcurrency: 1, accountConcurrencyLimit: 10 }), /reserve at most 0/);
    await programGraph("dev", { reservedConcurrency: 900 });
  });

  it("refuses a stage name API Gateway would refuse, and a stack without an API client", async () => {
    await assert.rejects(programGraph("dev", { stageName: "v1.2" }), /stageName: "v1.2" is not 1 to 128 letters, digits, _ or -/);
    await assert.rejects(programGraph("dev", { stageName: "" }), /stageName: "" is not/);
    await assert.rejects(programGraph("dev", { apiClients: " , " }), /apiClients: " , " is not one or more names/);
    await assert.rejects(programGraph("dev", { apiClients: "web app" }), /apiClients: "web app" is not/);
    const g = await programGraph("dev", { stageName: "live_2", apiClients: "editor-web, ops-cli" });
    assert.equal(g.one("aws:apigateway/stage:Stage").inputs.stageName, "live_2");
  });

  it("keeps the access log group, and so its logs, when the stage is renamed", async () => {
    const accessLogs = async (config: Record<string, string>) =>
      (await programGraph("prod", { ...prodAlarmDestination, ...config }))
        .all("aws:cloudwatch/logGroup:LogGroup")
        .find((lg) => String(lg.inputs.name).startsWith("/aws/apigateway/"));
    const before = await accessLogs({});
    const after = await accessLogs({ stageName: "v2" });
    assert.ok(before && after);
    assert.equal(after.name, before.name);
    assert.equal(after.inputs.name, before.inputs.name);
  });

  it("applies function, stream and API settings from config", async () => {
    const g = await programGraph("dev", {
      architecture: "x86_64",
      memorySize: 512,
      timeout: 5,
      reservedConcurrency: 20,
      streamEnabled: false,
      stageName: "live",
      throttlingRateLimit: 30,
      throttlingBurstLimit: 10,
      readCapacity: 7,
      writeCapacity: 3,
    });
    const f = g.one(fn).inputs;
    assert.deepEqual([f.architectures, f.memorySize, f.timeout, f.reservedConcurrentExecutions], [["x86_64"], 512, 5, 20]);
    const t = g.one(table).inputs;
    assert.deepEqual([t.readCapacity, t.writeCapacity, t.streamEnabled, t.streamViewType], [7, 3, false, undefined]);
    assert.equal(g.one("aws:apigateway/stage:Stage").inputs.stageName, "live");
    const ms = g.one("aws:apigateway/methodSettings:MethodSettings").inputs.settings as Record<string, unknown>;
    assert.deepEqual([ms.throttlingRateLimit, ms.throttlingBurstLimit], [30, 10]);
    assert.match(String(g.outputs.apiUrl), /\/live\/destination$/);
  });
});
