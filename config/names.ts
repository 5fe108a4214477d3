// Physical names of a stack's resources: stable and human, `<project>-<stack>-<what>`, the
// same in AWS and on the local stack.

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

/** `<project>-<stack>`: the name of the REST API and of the editors' user pool. */
export function stackPrefix(target: StackIdentity): string {
  return `${target.project}-${target.stack}`;
}

export function stackResourceName(target: StackIdentity, what: string): string {
  return `${stackPrefix(target)}-${what}`;
}

export function eventsTableName(target: StackIdentity): string {
  return stackResourceName(target, "events");
}

export function proposeFunctionName(target: StackIdentity): string {
  return stackResourceName(target, "propose-destination");
}

/** The log group Lambda writes a function's logs to (AWS's fixed convention). */
export function functionLogGroupName(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}
