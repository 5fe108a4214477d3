// What AWS accepts as the physical name of each kind of resource the stack names: length and
// characters. Sources: the CloudFormation resource schemas (AWS::Logs::LogGroup,
// AWS::Logs::MetricFilter, AWS::CloudWatch::CompositeAlarm, AWS::DynamoDB::Table) and the
// service API references (Lambda CreateFunction, SNS CreateTopic, CloudWatch PutDashboard and
// PutMetricAlarm, Cognito CreateUserPool and CreateUserPoolClient, API Gateway CreateStage,
// IAM CreateRole and PutRolePolicy).

export interface NameRule {
  /** The kind of resource, as a person says it. */
  readonly resource: string;
  /** The Pulumi resource type holding the name, and the input it is in. */
  readonly type: string;
  readonly field: string;
  readonly min: number;
  readonly max: number;
  /** Characters allowed: a class, matched against every character of the name. */
  readonly characters: RegExp;
  /** The characters in words, for errors and docs. */
  readonly charactersText: string;
  /** False where AWS publishes no rule and the project keeps to a rule of its own. */
  readonly documented: boolean;
}

const wordish = { characters: /^[A-Za-z0-9_-]*$/, charactersText: "letters, digits, - and _" } as const;
const iamName = { characters: /^[\w+=,.@-]*$/, charactersText: "letters, digits and +=,.@-_" } as const;
const cognitoName = { characters: /^[\w\s+=,.@-]*$/, charactersText: "letters, digits, spaces and +=,.@-_" } as const;
const noControl = { characters: /^[^\x00-\x1f\x7f]*$/, charactersText: "any characters but control characters" } as const;

export const nameRules = {
  lambdaFunction: {
    resource: "Lambda function",
    type: "aws:lambda/function:Function",
    field: "name",
    min: 1,
    max: 64,
    documented: true,
    ...wordish,
  },
  iamRole: { resource: "IAM role", type: "aws:iam/role:Role", field: "name", min: 1, max: 64, documented: true, ...iamName },
  iamRolePolicy: {
    resource: "IAM role policy",
    type: "aws:iam/rolePolicy:RolePolicy",
    field: "name",
    min: 1,
    max: 128,
    documented: true,
    ...iamName,
  },
  logGroup: {
    resource: "CloudWatch log group",
    type: "aws:cloudwatch/logGroup:LogGroup",
    field: "name",
    min: 1,
    max: 512,
    documented: true,
    characters: /^[.\-_/#A-Za-z0-9]*$/,
    charactersText: "letters, digits and .-_/#",
  },
  metricFilter: {
    resource: "CloudWatch Logs metric filter",
    type: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    field: "name",
    min: 1,
    max: 512,
    documented: true,
    characters: /^[^:*]*$/,
    charactersText: "any characters but : and *",
  },
  snsTopic: { resource: "SNS topic", type: "aws:sns/topic:Topic", field: "name", min: 1, max: 256, documented: true, ...wordish },
  dashboard: {
    resource: "CloudWatch dashboard",
    type: "aws:cloudwatch/dashboard:Dashboard",
    field: "dashboardName",
    min: 1,
    max: 255,
    documented: true,
    ...wordish,
  },
  metricAlarm: {
    resource: "CloudWatch alarm",
    type: "aws:cloudwatch/metricAlarm:MetricAlarm",
    field: "name",
    min: 1,
    max: 255,
    documented: true,
    ...noControl,
  },
  compositeAlarm: {
    resource: "CloudWatch composite alarm",
    type: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
    field: "alarmName",
    min: 1,
    max: 255,
    documented: true,
    ...noControl,
  },
  dynamoTable: {
    resource: "DynamoDB table",
    type: "aws:dynamodb/table:Table",
    field: "name",
    min: 3,
    max: 255,
    documented: true,
    characters: /^[A-Za-z0-9_.-]*$/,
    charactersText: "letters, digits and _.-",
  },
  // API Gateway publishes no rule for REST API, API key and usage plan names; the project keeps
  // them to the stage name's rule, which every console and CLI handles.
  restApi: {
    resource: "API Gateway REST API",
    type: "aws:apigateway/restApi:RestApi",
    field: "name",
    min: 1,
    max: 128,
    documented: false,
    ...wordish,
  },
  stage: {
    resource: "API Gateway stage",
    type: "aws:apigateway/stage:Stage",
    field: "stageName",
    min: 1,
    max: 128,
    documented: true,
    ...wordish,
  },
  apiKey: {
    resource: "API Gateway API key",
    type: "aws:apigateway/apiKey:ApiKey",
    field: "name",
    min: 1,
    max: 128,
    documented: false,
    ...wordish,
  },
  usagePlan: {
    resource: "API Gateway usage plan",
    type: "aws:apigateway/usagePlan:UsagePlan",
    field: "name",
    min: 1,
    max: 128,
    documented: false,
    ...wordish,
  },
  userPool: {
    resource: "Cognito user pool",
    type: "aws:cognito/userPool:UserPool",
    field: "name",
    min: 1,
    max: 128,
    documented: true,
    ...cognitoName,
  },
  userPoolClient: {
    resource: "Cognito user pool client",
    type: "aws:cognito/userPoolClient:UserPoolClient",
    field: "name",
    min: 1,
    max: 128,
    documented: true,
    ...cognitoName,
  },
} as const satisfies Readonly<Record<string, NameRule>>;

/** A metric namespace (PutMetricData, metric filters): not a resource, but named from the stack too. */
export const metricNamespaceRule = {
  resource: "CloudWatch metric namespace",
  min: 1,
  max: 255,
  characters: /^[0-9A-Za-z.\-_/#:]*$/,
  charactersText: "letters, digits and .-_/#:",
} as const;

/** The rule in words: "1 to 64 letters, digits, - and _". */
function ruleText(rule: Pick<NameRule, "min" | "max" | "charactersText">): string {
  return `${rule.min} to ${rule.max} characters: ${rule.charactersText}`;
}

/** Why a name breaks its rule, or undefined when AWS accepts it. */
export function nameProblem(
  rule: Pick<NameRule, "resource" | "min" | "max" | "characters" | "charactersText">,
  name: string,
): string | undefined {
  if (name.length < rule.min || name.length > rule.max || !rule.characters.test(name)) {
    return `${rule.resource} name "${name}" (${name.length} characters) breaks the rule: ${ruleText(rule)}`;
  }
  return undefined;
}
