// The shape of the project's policies: plain functions over a stack's resources, so the same
// rule runs in `pulumi preview --policy-pack policy` and in tests over a mocked graph.

export interface ResourceRef {
  readonly type: string;
  readonly name: string;
}

/** A resource as a policy sees it: its type, logical name and inputs (unknown ones absent). */
export interface StackResource extends ResourceRef {
  readonly props: Readonly<Record<string, unknown>>;
  readonly dependsOn: readonly ResourceRef[];
}

export interface StackUnderPolicy {
  readonly stack: string;
  readonly resources: readonly StackResource[];
}

export interface Violation {
  /** The resource at fault, when one is. */
  readonly resource?: ResourceRef;
  readonly message: string;
}

export interface ProjectPolicy {
  /** Kebab-case name, as the policy engine shows it. */
  readonly name: string;
  readonly description: string;
  readonly check: (stack: StackUnderPolicy) => readonly Violation[];
}

export function ofType(stack: StackUnderPolicy, type: string): readonly StackResource[] {
  return stack.resources.filter((r) => r.type === type);
}

/** A violation by this resource, its message prefixed with the resource's name. */
export function violation(resource: ResourceRef, message: string): Violation {
  return { resource: { type: resource.type, name: resource.name }, message: `${resource.name}: ${message}` };
}

/** A string input, or undefined while it is unknown (a preview of outputs not yet created). */
export function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export const types = {
  table: "aws:dynamodb/table:Table",
  function: "aws:lambda/function:Function",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  metricFilter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  compositeAlarm: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
  dashboard: "aws:cloudwatch/dashboard:Dashboard",
  stage: "aws:apigateway/stage:Stage",
  methodSettings: "aws:apigateway/methodSettings:MethodSettings",
  restApi: "aws:apigateway/restApi:RestApi",
  method: "aws:apigateway/method:Method",
  authorizer: "aws:apigateway/authorizer:Authorizer",
  userPool: "aws:cognito/userPool:UserPool",
  permission: "aws:lambda/permission:Permission",
  role: "aws:iam/role:Role",
} as const;

/** The stack's name, from a URN: urn:pulumi:<stack>::<project>::<type>::<name>. */
export function stackOfUrn(urn: string): string {
  return urn.split("::")[0]!.replace(/^urn:pulumi:/, "");
}
