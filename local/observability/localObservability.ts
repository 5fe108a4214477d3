// Local observability of a running local stack: records the metrics AWS would (API Gateway,
// Lambda, the function's log group, DynamoDB) in a local metric store, evaluates the stack's
// alarms on them, and builds the same dashboard body the Pulumi program deploys.
import { alarmDefinitions, serviceUnhealthyAlarm } from "../../dashboards/alarms";
import { dashboardBody } from "../../dashboards/dashboardBody";
import { metricFilterDefinitions } from "../../dashboards/metricFilters";
import type { ObservedStack } from "../../dashboards/observedStack";
import { observedLocalStack, type LocalStackIdentity } from "./observedLocalStack";
import type { DashboardBody } from "../../dashboards/widgets";
import { periodSeconds as deployedPeriodSeconds } from "../../dashboards/queries";
import type { LocalApi } from "../api/server";
import type { LocalDynamo } from "../dynamodb/server";
import type { LambdaRuntime } from "../lambda/runtime";
import { localStackName, projectName } from "../../config/names";
import { LocalAlarms } from "./localAlarms";
import type { WallClock } from "../clock";
import { MetricStore } from "./metricStore";
import { apiGatewayRecorder } from "./recorders/apiGateway";
import { dynamoDbRecorder, sampleProvisionedCapacity } from "./recorders/dynamoDb";
import { functionLogRecorder } from "./recorders/functionLog";
import { lambdaRecorder } from "./recorders/lambda";
import { localAccount, localRegion } from "../awsIdentity";

/** The parts of a local stack that are observed. */
export interface ObservableStack extends Omit<LocalStackIdentity, "project" | "stack"> {
  readonly api: Pick<LocalApi, "onRequest">;
  readonly dynamo: Pick<LocalDynamo, "onRequest" | "capacity">;
  readonly lambda: Pick<LambdaRuntime, "onLog" | "onInvocation">;
}

export interface ObservabilityOptions {
  /** Seconds per metric period and alarm evaluation: as deployed when absent, less for demos. */
  readonly periodSeconds?: number;
  readonly clock?: WallClock;
  /** Evaluate alarms on a timer once per period (default); tests may call evaluate() instead. */
  readonly evaluateOnTimer?: boolean;
}

export interface LocalObservability {
  readonly store: MetricStore;
  readonly alarms: LocalAlarms;
  readonly target: ObservedStack;
  /** The dashboard body the Pulumi program would deploy for this stack (built once: it depends only on the stack). */
  readonly dashboard: DashboardBody;
  /** Alarm name of an ARN in the dashboard's alarm widget. */
  alarmName(arn: string): string | undefined;
  close(): void;
}

export function observeLocalStack(stack: ObservableStack, options: ObservabilityOptions = {}): LocalObservability {
  const store = new MetricStore({ periodSeconds: options.periodSeconds ?? deployedPeriodSeconds, clock: options.clock });
  const target = observedLocalStack({ ...stack, project: projectName, stack: localStackName });
  const definitions = alarmDefinitions(target, store.periodSeconds);
  const alarms = new LocalAlarms(store, definitions, serviceUnhealthyAlarm(target, definitions));
  const arnOf = (name: string) => `arn:aws:cloudwatch:${localRegion}:${localAccount}:alarm:${name}`;
  const names = new Map([...definitions.map((d) => d.name), alarms.composite.name].map((name) => [arnOf(name), name]));

  const stops = [
    sampleProvisionedCapacity(store, stack.tableName, () => stack.dynamo.capacity),
    stack.api.onRequest(apiGatewayRecorder(store, { apiName: target.names.restApiName, stage: target.names.stageName })),
    stack.lambda.onInvocation(lambdaRecorder(store, stack.functionName)),
    stack.lambda.onLog(functionLogRecorder(store, stack.functionName, metricFilterDefinitions(target))),
    stack.dynamo.onRequest(dynamoDbRecorder(store)),
  ];
  if (options.evaluateOnTimer ?? true) alarms.start();

  return {
    store,
    alarms,
    target,
    dashboard: dashboardBody({ target, region: localRegion, alarmArns: [...names.keys()], periodSeconds: store.periodSeconds }),
    alarmName: (arn) => names.get(arn),
    close: () => {
      alarms.stop();
      for (const stop of stops) stop();
    },
  };
}
