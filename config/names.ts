// Physical names of a stack's resources: stable and human, `<project>-<stack>-<what>`, the
// same in AWS and on the local stack. Pulumi accepts stack names AWS does not (a `.`, up to
// 100 characters), so the stack part of every name is the stack's token: the stack name itself
// where every name rule accepts it, else a readable part and a short hash of the whole name.
import { createHash } from "node:crypto";
import { metricNamespaceRule, nameProblem, nameRules, type NameRule } from "../aws/nameRules";

/** The Pulumi project, and the prefix of every name the project gives. */
export const projectName = "visitplannr";

/** The AWS region the shipped stack files start with. */
export const defaultRegion = "eu-west-2";

/** The stack name `npm start` runs as: its resources' names and its settings' defaults. */
export const localStackName = "local";

export interface StackIdentity {
  readonly project: string;
  readonly stack: string;
}

const proposeFunction = "propose-destination";

/**
 * The longest stack token: what the Lambda function name (the tightest rule, 64 characters)
 * leaves of `<project>-<token>-propose-destination`.
 */
const maxStackTokenLength = nameRules.lambdaFunction.max - `${projectName}--${proposeFunction}`.length;

// Characters every name rule accepts; a stack name of only these is used as it is.
const everywhere = /^[A-Za-z0-9_-]+$/;
const hashLength = 8;
// A token that was shortened or cleaned ends in -<hash>; a stack name that looks like one is
// hashed too, so a hashed token never equals another stack's plain name.
const hashedEnding = new RegExp(`-[0-9a-f]{${hashLength}}$`);

class InvalidNameError extends Error {
  constructor(problem: string) {
    super(problem);
    this.name = "InvalidNameError";
  }
}

/** The stack part of every name: the stack name, or a readable part of it and a hash of all of it. */
function stackToken(stack: string): string {
  if (everywhere.test(stack) && stack.length <= maxStackTokenLength && !hashedEnding.test(stack)) return stack;
  const hash = createHash("sha256").update(stack).digest("hex").slice(0, hashLength);
  const readable = stack
    .replace(/[^A-Za-z0-9_-]/g, "-")
    .slice(0, maxStackTokenLength - hashLength - 1)
    .replace(/[-_]+$/, "");
  return `${readable || "stack"}-${hash}`;
}

/** The name, when AWS accepts it for this kind of resource; else an error naming resource and rule. */
function checkedName(rule: Pick<NameRule, "resource" | "min" | "max" | "characters" | "charactersText">, name: string): string {
  const problem = nameProblem(rule, name);
  if (problem) throw new InvalidNameError(problem);
  return name;
}

/** `<project>-<stack token>`: the name of the REST API and of the editors' user pool. */
export function stackPrefix(target: StackIdentity): string {
  return checkedName(nameRules.restApi, `${target.project}-${stackToken(target.stack)}`);
}

function stackResourceName(target: StackIdentity, what: string): string {
  return `${stackPrefix(target)}-${what}`;
}

export function eventsTableName(target: StackIdentity): string {
  return checkedName(nameRules.dynamoTable, stackResourceName(target, "events"));
}

export function proposeFunctionName(target: StackIdentity): string {
  return checkedName(nameRules.lambdaFunction, stackResourceName(target, proposeFunction));
}

/** The log group Lambda writes a function's logs to (AWS's fixed convention). */
export function functionLogGroupName(functionName: string): string {
  return checkedName(nameRules.logGroup, `/aws/lambda/${functionName}`);
}

/** The REST API's access log group: named for the API, not its stage, so renaming the stage keeps the logs. */
export function accessLogGroupName(restApiName: string): string {
  return checkedName(nameRules.logGroup, `/aws/apigateway/${restApiName}/access`);
}

export function alarmTopicName(target: StackIdentity): string {
  return checkedName(nameRules.snsTopic, stackResourceName(target, "alarms"));
}

export function dashboardName(target: StackIdentity): string {
  return checkedName(nameRules.dashboard, stackResourceName(target, "operations"));
}

export function alarmName(target: StackIdentity, key: string): string {
  return checkedName(nameRules.metricAlarm, stackResourceName(target, key));
}

export function metricFilterName(target: StackIdentity, metricName: string): string {
  return checkedName(nameRules.metricFilter, stackResourceName(target, `report-${metricName}`));
}

/** Namespace of one stack's own metrics (see config/metrics.ts). */
export function stackMetricNamespace(project: string, stack: string): string {
  return checkedName(metricNamespaceRule, `${project}/${stackToken(stack)}`);
}

export function userPoolClientName(poolName: string): string {
  return checkedName(nameRules.userPoolClient, `${poolName}-web`);
}

export function usagePlanName(prefix: string): string {
  return checkedName(nameRules.usagePlan, `${prefix}-clients`);
}

export function apiKeyName(prefix: string, client: string): string {
  return checkedName(nameRules.apiKey, `${prefix}-${client}`);
}
