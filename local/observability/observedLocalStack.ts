// The local stack as dashboards/ sees a deployed one: its settings and resource names, named
// the way the Pulumi program names them where the local stack has no name of its own.
import { serviceName } from "../../config/metrics";
import { functionLogGroupName, stackPrefix } from "../../config/names";
import type { Settings } from "../../config/settings";
import type { ObservedStack } from "../../dashboards/observedStack";

export interface LocalStackIdentity {
  readonly project: string;
  readonly stack: string;
  readonly settings: Settings;
  readonly tableName: string;
  readonly functionName: string;
}

export function observedLocalStack(stack: LocalStackIdentity): ObservedStack {
  const target = { project: stack.project, stack: stack.stack };
  return {
    ...target,
    settings: stack.settings,
    names: {
      functionName: stack.functionName,
      logGroupName: functionLogGroupName(stack.functionName),
      // The Pulumi program names the REST API after the stack.
      restApiName: stackPrefix(target),
      stageName: stack.settings.stageName,
      tableName: stack.tableName,
      serviceName,
    },
  };
}
