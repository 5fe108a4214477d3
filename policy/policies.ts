// Every rule this project promises of a stack, in the order `pulumi preview` reports them.
import type { ProjectPolicy } from "./projectPolicy";
import { alarmValues, alarmsNotify, functionAlarms } from "./rules/alarms";
import { invokePermissions, methodAuthorization, stageObservability } from "./rules/api";
import { dashboardGeometry } from "./rules/dashboards";
import { leastPrivilege } from "./rules/iam";
import { functionTelemetry, logRetention } from "./rules/logs";
import { metricFilterDimensions } from "./rules/metricFilters";
import { awsNameRules } from "./rules/names";
import { functionRuntime } from "./rules/runtime";
import { tableProtection } from "./rules/table";

export const projectPolicies: readonly ProjectPolicy[] = [
  leastPrivilege,
  tableProtection,
  logRetention,
  functionTelemetry,
  functionRuntime,
  alarmsNotify,
  alarmValues,
  functionAlarms,
  stageObservability,
  invokePermissions,
  methodAuthorization,
  awsNameRules,
  dashboardGeometry,
  metricFilterDimensions,
];
