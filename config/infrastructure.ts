// Stack settings of the table, function and API: key, type, description and default each.
import { isProdLike, keyedByName, spec } from "./spec";
import { deprecatedNodeRuntimes, deprecationText, supportedNodeRuntimes } from "../aws/lambdaRuntimes";
import { corsOriginsProblem } from "./corsOrigins";

/** Executions of the account's concurrency quota that Lambda keeps unreserved: no reservation may take them. */
export const lambdaUnreservedConcurrency = 100;

/** X-Ray tracing of a stack: `active` traces the stage and the function, `off` neither (docs/adr/0003). */
export type Tracing = "active" | "off";

/** API Gateway's integration timeout, in seconds: the most a REST API waits for its function. */
export const apiGatewayIntegrationTimeoutSeconds = 29;

export const infrastructureSettings = keyedByName({
  billingMode: spec<"PROVISIONED" | "PAY_PER_REQUEST">({
    type: "string",
    description: "DynamoDB billing mode for the events table.",
    default: "PROVISIONED",
    allowed: ["PROVISIONED", "PAY_PER_REQUEST"],
  }),
  readCapacity: spec<number>({
    type: "integer",
    description: "Provisioned read capacity units (RCU) of the events table.",
    default: 5,
    min: 1,
    max: 40000,
  }),
  writeCapacity: spec<number>({
    type: "integer",
    description: "Provisioned write capacity units (WCU) of the events table.",
    default: 5,
    min: 1,
    max: 40000,
  }),
  autoScaling: spec<boolean>({
    type: "boolean",
    description: "Target-tracking auto scaling of provisioned read and write capacity.",
    default: false,
  }),
  // Reads and writes scale apart: a write-heavy event store would otherwise pay for reads at
  // the writes' minimum.
  autoScalingWriteMinCapacity: spec<number>({
    type: "integer",
    description: "Lowest write capacity units (WCU) auto scaling may set.",
    default: 5,
    min: 1,
    max: 40000,
  }),
  autoScalingWriteMaxCapacity: spec<number>({
    type: "integer",
    description: "Highest write capacity units (WCU) auto scaling may set.",
    default: 50,
    min: 1,
    max: 40000,
  }),
  autoScalingReadMinCapacity: spec<number>({
    type: "integer",
    description: "Lowest read capacity units (RCU) auto scaling may set.",
    default: 5,
    min: 1,
    max: 40000,
  }),
  autoScalingReadMaxCapacity: spec<number>({
    type: "integer",
    description: "Highest read capacity units (RCU) auto scaling may set.",
    default: 50,
    min: 1,
    max: 40000,
  }),
  autoScalingTargetUtilization: spec<number>({
    type: "integer",
    description: "Consumed / provisioned capacity, in percent, that auto scaling aims for.",
    default: 70,
    min: 20,
    max: 90,
  }),
  deletionProtection: spec<boolean>({
    type: "boolean",
    description: "Deletion protection of the events table and the editors' user pool (default: on for every stack but dev).",
    default: (stack) => stack !== "dev",
  }),
  streamEnabled: spec<boolean>({
    type: "boolean",
    description: "DynamoDB Streams (NEW_IMAGE) on the events table, for projections.",
    default: true,
  }),
  logRetentionDays: spec<number>({
    type: "integer",
    description: "Retention, in days, of the function and access log groups; longer on stacks whose name starts with prod.",
    default: (stack) => (isProdLike(stack) ? 365 : 30),
    allowed: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
  }),
  runtime: spec<string>({
    type: "string",
    description:
      "Lambda runtime of the function. Powertools supports Node.js 24 (powertools-lambda-typescript#4780), the AWS SDK v3 Node.js 20 and later, the X-Ray SDK 14 and later. nodejs22.x is deprecated on 2027-04-30; deprecated runtimes are refused with their dates.",
    default: "nodejs24.x",
    allowed: Object.keys(supportedNodeRuntimes),
    refused: Object.fromEntries(Object.entries(deprecatedNodeRuntimes).map(([runtime, s]) => [runtime, deprecationText(runtime, s)])),
  }),
  architecture: spec<string>({
    type: "string",
    description: "Lambda instruction set architecture.",
    default: "arm64",
    allowed: ["arm64", "x86_64"],
  }),
  memorySize: spec<number>({
    type: "integer",
    description: "Lambda memory in MB (CPU scales with it).",
    default: 128,
    min: 128,
    max: 10240,
  }),
  timeout: spec<number>({
    type: "integer",
    description: "Lambda timeout in seconds.",
    default: 10,
    min: 1,
    max: apiGatewayIntegrationTimeoutSeconds,
  }),
  reservedConcurrency: spec<number>({
    type: "integer",
    description: `Reserved concurrent executions of the function; -1 means none reserved. Lambda keeps ${lambdaUnreservedConcurrency} of the account's quota unreserved, so at most accountConcurrencyLimit - ${lambdaUnreservedConcurrency}.`,
    default: -1,
    min: -1,
    max: 10000,
  }),
  logLevel: spec<string>({
    type: "string",
    description: "Powertools log level of the function.",
    default: "INFO",
    allowed: ["DEBUG", "INFO", "WARN", "ERROR"],
  }),
  tracing: spec<Tracing>({
    type: "string",
    description:
      "X-Ray tracing: active traces the API stage and the function (Powertools Tracer); off sends and bills no traces and disables Tracer.",
    default: "active",
    allowed: ["active", "off"],
  }),
  stageName: spec<string>({
    type: "string",
    description: "API Gateway stage name (part of the API URL).",
    default: "v1",
    pattern: { regex: /^[A-Za-z0-9_-]{1,128}$/, text: "1 to 128 letters, digits, _ or -" },
  }),
  throttlingRateLimit: spec<number>({
    type: "integer",
    description: "Stage-wide steady request rate limit, requests per second.",
    default: 100,
    min: 1,
    max: 10000,
  }),
  throttlingBurstLimit: spec<number>({
    type: "integer",
    description: "Stage-wide burst limit, requests.",
    default: 50,
    min: 1,
    max: 5000,
  }),
  apiClients: spec<string>({
    type: "string",
    description: "Comma-separated names of the API's clients; each gets its own API key in the usage plan.",
    default: "editor-web",
    // Every method needs a key, so a stack without a client would refuse every request.
    pattern: {
      // 64 at most: the API key is named <project>-<stack token>-<client>, within API Gateway's 128.
      regex: /^ *[A-Za-z0-9_-]{1,64} *(, *[A-Za-z0-9_-]{1,64} *)*$/,
      text: "one or more names of 1 to 64 letters, digits, _ or -, separated by commas",
    },
  }),
  corsOrigins: spec<string>({
    type: "string",
    description:
      "Comma-separated origins whose web pages may call the API from a browser (CORS), such as https://editor.example.com; empty allows none.",
    default: "",
    rule: { text: "exact origins, scheme://host[:port] without path or wildcard, separated by commas", problem: corsOriginsProblem },
  }),
  webAcl: spec<boolean>({
    type: "boolean",
    description:
      "AWS WAF web ACL on the stage: AWS's common rule set and a rate limit per source address (default: on for stacks whose name starts with prod).",
    default: (stack) => isProdLike(stack),
  }),
  webAclRatePer5Minutes: spec<number>({
    type: "integer",
    description: "Requests one source address may send in 5 minutes before the web ACL blocks it.",
    default: 1000,
    min: 10,
    max: 2000000000,
  }),
  editorMfa: spec<"ON" | "OPTIONAL">({
    type: "string",
    description: "Editors' multi-factor sign-in (TOTP app): ON requires it of every editor, OPTIONAL lets each choose.",
    default: (stack) => (isProdLike(stack) ? "ON" : "OPTIONAL"),
    allowed: ["ON", "OPTIONAL"],
  }),
  editorThreatProtection: spec<"OFF" | "AUDIT" | "ENFORCED">({
    type: "string",
    description:
      "Cognito threat protection of editors' sign-ins (compromised credentials, risky sign-ins); AUDIT or ENFORCED needs the Plus feature plan, billed per monthly active user.",
    default: (stack) => (isProdLike(stack) ? "ENFORCED" : "OFF"),
    allowed: ["OFF", "AUDIT", "ENFORCED"],
  }),
  apiClientRateLimit: spec<number>({
    type: "integer",
    description: "Usage plan: steady requests per second each client's API key may send.",
    default: 10,
    min: 1,
    max: 10000,
  }),
  apiClientBurstLimit: spec<number>({
    type: "integer",
    description: "Usage plan: requests each client's API key may send in a burst.",
    default: 20,
    min: 1,
    max: 5000,
  }),
  apiClientQuotaPerDay: spec<number>({
    type: "integer",
    description: "Usage plan: requests each client's API key may send per day.",
    default: 10000,
    min: 1,
    max: 10000000,
  }),
});
