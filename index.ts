// The visitplannr stack: reads this stack's settings and composes the components.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { buildHandlerBundle, bundleArchive, bundleHandler } from "./components/bundle";
import { EventSourcedApi } from "./components/EventSourcedApi";
import { tableCapacity } from "./components/eventTable";
import { Observability } from "./components/Observability";
import { serviceName, stackNamespace } from "./config/metrics";
import { apiClientNames } from "./config/apiClients";
import { corsOriginList } from "./config/corsOrigins";
import { InvalidSettingsError, resolveSettings, type ConfigSource } from "./config/settings";
import { missingAlarmDestination } from "./config/alarmDestination";
import { eventsTableName, proposeFunctionName, stackPrefix } from "./config/names";
import { observabilitySettings } from "./dashboards/observedStack";

const config = new pulumi.Config();
const source: ConfigSource = (key, type) =>
  type === "integer" ? config.getNumber(key) : type === "boolean" ? config.getBoolean(key) : config.get(key);

const project = pulumi.getProject();
const stack = pulumi.getStack();
const settings = resolveSettings(stack, source);
// Refused before anything is built: a prod-like stack whose alarms would reach nobody.
const unreachable = missingAlarmDestination(stack, settings);
if (unreachable) throw new InvalidSettingsError([unreachable]);
const target = { project, stack };
const prefix = stackPrefix(target);

const api = new EventSourcedApi(project, {
  table: {
    name: eventsTableName(target),
    ...tableCapacity(settings),
    deletionProtection: settings.deletionProtection,
    streamEnabled: settings.streamEnabled,
  },
  function: {
    name: proposeFunctionName(target),
    code: buildHandlerBundle().then(bundleArchive),
    handler: bundleHandler,
    runtime: settings.runtime,
    architecture: settings.architecture,
    memorySize: settings.memorySize,
    timeout: settings.timeout,
    reservedConcurrency: settings.reservedConcurrency,
    logRetentionDays: settings.logRetentionDays,
    serviceName,
    metricsNamespace: stackNamespace(stack),
    logLevel: settings.logLevel,
    tracing: settings.tracing,
    corsOrigins: settings.corsOrigins,
  },
  api: {
    name: prefix,
    stageName: settings.stageName,
    throttlingRateLimit: settings.throttlingRateLimit,
    throttlingBurstLimit: settings.throttlingBurstLimit,
    corsOrigins: corsOriginList(settings.corsOrigins),
  },
  editorAuth: {
    name: prefix,
    clients: apiClientNames(settings.apiClients),
    rateLimit: settings.apiClientRateLimit,
    burstLimit: settings.apiClientBurstLimit,
    quotaPerDay: settings.apiClientQuotaPerDay,
    deletionProtection: settings.deletionProtection,
    mfa: settings.editorMfa,
    threatProtection: settings.editorThreatProtection,
  },
  ...(settings.webAcl ? { webAcl: { ratePer5Minutes: settings.webAclRatePer5Minutes } } : {}),
});

const observability = new Observability("observability", {
  project,
  stack,
  region: aws.getRegionOutput().region,
  ...observabilitySettings(settings),
  functionName: api.functionName,
  logGroupName: api.logGroupName,
  restApiName: api.restApiName,
  stageName: api.stageName,
  tableName: api.tableName,
  serviceName,
});

export const apiUrl = api.url;
export const tableName = api.tableName;
export const functionName = api.functionName;
export const logGroupName = api.logGroupName;
export const dashboardUrl = observability.dashboardUrl;
export const userPoolId = api.userPoolId;
export const userPoolClientId = api.userPoolClientId;
export const alarmTopicArn = observability.alarmTopicArn;
