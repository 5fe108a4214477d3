// Alarm thresholds, as stack settings. The alarms themselves are defined in dashboards/alarms.ts;
// every alarm evaluates 60-second periods and alarms on M of the last N of them.
import { keyedByName, spec } from "./spec";
import { apiGatewayIntegrationTimeoutSeconds } from "./infrastructure";

export const alarmThresholdSettings = keyedByName({
  alarmEmail: spec<string>({
    type: "string",
    description:
      "E-mail address subscribed to the alarm topic (ALARM and OK); empty means no subscription. A prod-like stack needs this, alarmTopicArn or alarmHttpsEndpoint.",
    default: "",
  }),
  alarmTopicArn: spec<string>({
    type: "string",
    description: "ARN of an existing SNS topic (an on-call tool's, say) the alarms notify besides the stack's own topic; empty means none.",
    default: "",
    pattern: {
      regex: /^$|^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/,
      text: "empty or the ARN of a standard SNS topic",
    },
  }),
  alarmHttpsEndpoint: spec<string>({
    type: "string",
    description: "HTTPS endpoint (a chat or paging webhook) subscribed to the alarm topic; empty means none.",
    default: "",
    pattern: { regex: /^$|^https:\/\/[^\s/]+(\/\S*)?$/, text: "empty or an https:// URL" },
  }),
  alarmEvaluationPeriods: spec<number>({
    type: "integer",
    description: "N: how many recent 60 s periods an alarm looks at.",
    default: 5,
    min: 1,
    max: 60,
  }),
  alarmDatapointsToAlarm: spec<number>({
    type: "integer",
    description: "M: how many of those N periods must breach before an alarm fires (at most N).",
    default: 3,
    min: 1,
    max: 60,
  }),
  api5xxRatePercent: spec<number>({
    type: "integer",
    description: "API 5XX responses as a percentage of requests at which the API alarm fires.",
    default: 5,
    min: 1,
    max: 100,
  }),
  apiLatencyP90Ms: spec<number>({
    type: "integer",
    description: "API Gateway p90 latency, in milliseconds, at which the latency alarm fires.",
    default: 1000,
    min: 10,
    max: apiGatewayIntegrationTimeoutSeconds * 1000,
  }),
  lambdaErrors: spec<number>({
    type: "integer",
    description: "Failed invocations (unhandled errors, timeouts, crashes) per minute at which the errors alarm fires.",
    default: 1,
    min: 1,
  }),
  lambdaThrottles: spec<number>({
    type: "integer",
    description: "Throttled invocations per minute at which the throttles alarm fires.",
    default: 1,
    min: 1,
  }),
  durationTimeoutPercent: spec<number>({
    type: "integer",
    description: "p90 function duration as a percentage of the timeout at which the duration alarm fires.",
    default: 80,
    min: 10,
    max: 100,
  }),
  memoryUtilizationPercent: spec<number>({
    type: "integer",
    description: "Max memory used as a percentage of the configured memory at which the memory alarm fires.",
    default: 85,
    min: 10,
    max: 100,
  }),
  dynamoThrottleEvents: spec<number>({
    type: "integer",
    description: "DynamoDB read or write throttle events per minute at which the throttle alarms fire.",
    default: 1,
    min: 1,
  }),
  dynamoSystemErrors: spec<number>({
    type: "integer",
    description: "DynamoDB system errors (HTTP 500) per minute at which the system errors alarm fires.",
    default: 1,
    min: 1,
  }),
  capacityUtilizationPercent: spec<number>({
    type: "integer",
    description: "Consumed / provisioned read or write capacity, in percent, at which the sizing alarms fire.",
    default: 80,
    min: 10,
    max: 100,
  }),
  concurrencyUtilizationPercent: spec<number>({
    type: "integer",
    description: "Concurrent executions as a percentage of the concurrency limit at which the concurrency alarm fires.",
    default: 80,
    min: 10,
    max: 100,
  }),
  accountConcurrencyLimit: spec<number>({
    type: "integer",
    description: "The account's Lambda concurrency quota in this region; the limit when no concurrency is reserved.",
    default: 1000,
    min: 10,
  }),
});
