// What the operations view takes of a stack's settings: the function it measures against, the
// billing mode, the alarm thresholds and where alarms go.
import { strict as assert } from "node:assert";
import { objectSource, resolveSettings } from "../../config/settings";
import { observabilitySettings } from "../../dashboards/observedStack";

describe("observed stack", () => {
  it("takes the function, billing mode, every alarm threshold and the alarm destinations from the settings", () => {
    const settings = resolveSettings(
      "dev",
      objectSource({
        timeout: 20,
        memorySize: 512,
        architecture: "x86_64",
        reservedConcurrency: 50,
        accountConcurrencyLimit: 2000,
        billingMode: "PAY_PER_REQUEST",
        alarmEmail: "ops@example.com",
        alarmHttpsEndpoint: "https://chat.example.com/hook",
        alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:pager",
        alarmEvaluationPeriods: 6,
        alarmDatapointsToAlarm: 4,
        api5xxRatePercent: 7,
        apiLatencyP90Ms: 1500,
        lambdaErrors: 2,
        lambdaThrottles: 3,
        durationTimeoutPercent: 75,
        memoryUtilizationPercent: 90,
        dynamoThrottleEvents: 4,
        dynamoSystemErrors: 5,
        capacityUtilizationPercent: 70,
        concurrencyUtilizationPercent: 60,
      }),
    );
    assert.deepEqual(observabilitySettings(settings), {
      function: { timeout: 20, memorySize: 512, architecture: "x86_64", reservedConcurrency: 50, accountConcurrencyLimit: 2000 },
      billingMode: "PAY_PER_REQUEST",
      thresholds: {
        alarmEvaluationPeriods: 6,
        alarmDatapointsToAlarm: 4,
        api5xxRatePercent: 7,
        apiLatencyP90Ms: 1500,
        lambdaErrors: 2,
        lambdaThrottles: 3,
        durationTimeoutPercent: 75,
        memoryUtilizationPercent: 90,
        dynamoThrottleEvents: 4,
        dynamoSystemErrors: 5,
        capacityUtilizationPercent: 70,
        concurrencyUtilizationPercent: 60,
        accountConcurrencyLimit: 2000,
      },
      alarms: {
        email: "ops@example.com",
        httpsEndpoint: "https://chat.example.com/hook",
        topicArn: "arn:aws:sns:us-east-1:123456789012:pager",
      },
    });
  });
});
