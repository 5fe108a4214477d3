// The stack's operations view: metric filters on the function's platform.report records, one
// CloudWatch alarm per definition in dashboards/alarms.ts, the paging composite, the SNS topic
// they notify (components/alarmTopic.ts), and the dashboard. What to measure, where to draw it
// and when to alarm are pure data from dashboards/; this component only turns that data into
// resources. A prod-like stack whose alarms would reach nobody is refused.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { createAlarmTopic } from "./alarmTopic";
import { serviceName as defaultServiceName } from "../config/metrics";
import { alarmDefinitions, serviceUnhealthyAlarm, type AlarmDefinition } from "../dashboards/alarms";
import { dashboardBody } from "../dashboards/dashboardBody";
import { metricFilterDefinitions } from "../dashboards/metricFilters";
import { alarmTopicName, dashboardName as stackDashboardName } from "../config/names";
import type { AlarmThresholds, ObservedFunction, ObservedNames, ObservedSettings, ObservedStack } from "../dashboards/observedStack";
import { isMath, type Query } from "../dashboards/queries";

type Input = pulumi.Input<string>;

export interface ObservabilityArgs {
  /** Project and stack: every alarm, filter and the dashboard are named `<project>-<stack>-…`. */
  readonly project: string;
  readonly stack: string;
  /** Region the resources live in, for the dashboard's widgets and its console URL. */
  readonly region: Input;
  /** The function's timeout, memory size, architecture and concurrency, which its alarms and charts measure against. */
  readonly function: ObservedFunction;
  /** The table's billing mode: a provisioned table gets the capacity charts and the capacity alarm. */
  readonly billingMode: ObservedSettings["billingMode"];
  /** Every alarm's threshold, and the M of N periods that must breach. */
  readonly thresholds: AlarmThresholds;
  /** Where ALARM and OK notifications go besides the stack's own topic; each absent or empty is none. */
  readonly alarms: {
    /** E-mail address subscribed to the topic. */
    readonly email?: string;
    /** HTTPS endpoint (a chat webhook) subscribed to the topic. */
    readonly httpsEndpoint?: string;
    /** An existing SNS topic every alarm notifies as well. */
    readonly topicArn?: string;
  };
  /** Physical name of the function. */
  readonly functionName: Input;
  /** Its log group, which must receive JSON-format logs for the platform.report filters to match. */
  readonly logGroupName: Input;
  /** Name of the REST API (the ApiName dimension). */
  readonly restApiName: Input;
  /** Its stage (the Stage dimension). */
  readonly stageName: Input;
  /** The events table. */
  readonly tableName: Input;
  /** POWERTOOLS_SERVICE_NAME of the function; default: the shared service name. */
  readonly serviceName?: Input;
}

export class Observability extends pulumi.ComponentResource {
  readonly dashboardName: pulumi.Output<string>;
  readonly dashboardUrl: pulumi.Output<string>;
  readonly alarmTopicArn: pulumi.Output<string>;

  constructor(name: string, args: ObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("visitplannr:components:Observability", name, {}, opts);
    const parent = { parent: this };
    const names: ObservedNames<Input> = {
      functionName: args.functionName,
      logGroupName: args.logGroupName,
      restApiName: args.restApiName,
      stageName: args.stageName,
      tableName: args.tableName,
      serviceName: args.serviceName ?? defaultServiceName,
    };
    const settings: ObservedSettings = { ...args.thresholds, ...args.function, billingMode: args.billingMode };
    const target: ObservedStack<Input> = { project: args.project, stack: args.stack, settings, names };

    const filters = metricFilterDefinitions(target).map(
      (f) =>
        new aws.cloudwatch.LogMetricFilter(
          `${name}-report-${f.key}`,
          {
            name: f.filterName,
            logGroupName: args.logGroupName,
            pattern: f.pattern,
            metricTransformation: { name: f.metricName, namespace: f.namespace, value: f.valueSelector, unit: f.unit },
          },
          parent,
        ),
    );

    const { topic } = createAlarmTopic(
      name,
      { name: alarmTopicName(target), email: args.alarms.email ?? "", httpsEndpoint: args.alarms.httpsEndpoint ?? "" },
      this,
    );
    const actions = [topic.arn, ...(args.alarms.topicArn ? [args.alarms.topicArn] : [])];
    const notify = { alarmActions: actions, okActions: actions };

    const definitions = alarmDefinitions(target);
    const alarms = definitions.map(
      (d) =>
        new aws.cloudwatch.MetricAlarm(
          `${name}-${d.key}`,
          {
            ...alarmQuery(d),
            name: d.name,
            alarmDescription: `${d.meaning} Check first: ${d.checkFirst} Missing data: ${d.treatMissingData}, because ${d.missingDataReason}.`,
            comparisonOperator: d.comparison,
            threshold: d.threshold,
            evaluationPeriods: d.evaluationPeriods,
            datapointsToAlarm: d.datapointsToAlarm,
            treatMissingData: d.treatMissingData,
            actionsEnabled: true,
            // Paging members notify through the composite, so one incident is one notification.
            ...(d.pages ? {} : notify),
          },
          { ...parent, dependsOn: filters },
        ),
    );

    const unhealthy = serviceUnhealthyAlarm(target, definitions);
    const composite = new aws.cloudwatch.CompositeAlarm(
      `${name}-service-unhealthy`,
      {
        alarmName: unhealthy.name,
        alarmRule: unhealthy.rule,
        alarmDescription: `${unhealthy.meaning} ${unhealthy.checkFirst}`,
        actionsEnabled: true,
        ...notify,
      },
      { ...parent, dependsOn: alarms },
    );

    const dashboardName = stackDashboardName(target);
    const dashboard = new aws.cloudwatch.Dashboard(
      `${name}-dashboard`,
      {
        dashboardName,
        dashboardBody: pulumi
          .all([pulumi.output(args.region), pulumi.output(names), pulumi.all([...alarms.map((a) => a.arn), composite.arn])])
          .apply(([region, resolved, alarmArns]) =>
            JSON.stringify(dashboardBody({ target: { ...target, names: resolved }, region, alarmArns })),
          ),
      },
      parent,
    );

    this.dashboardName = dashboard.dashboardName;
    this.dashboardUrl = pulumi.interpolate`https://${args.region}.console.aws.amazon.com/cloudwatch/home?region=${args.region}#dashboards/dashboard/${dashboard.dashboardName}`;
    this.alarmTopicArn = topic.arn;
    this.registerOutputs({ dashboardName: this.dashboardName, dashboardUrl: this.dashboardUrl, alarmTopicArn: this.alarmTopicArn });
  }
}

/** A single-metric alarm in the classic form; a metric math alarm as metric queries. */
function alarmQuery(d: AlarmDefinition<Input>): Partial<aws.cloudwatch.MetricAlarmArgs> {
  const only = d.queries.length === 1 ? d.queries[0] : undefined;
  if (only && !isMath(only)) {
    const percentile = only.stat.startsWith("p");
    return {
      namespace: only.namespace,
      metricName: only.metricName,
      dimensions: only.dimensions,
      period: only.period,
      ...(percentile ? { extendedStatistic: only.stat } : { statistic: only.stat }),
    };
  }
  return {
    metricQueries: d.queries.map((q: Query<Input>) =>
      isMath(q)
        ? { id: q.id, expression: q.expression, label: q.label, returnData: q.id === d.evaluates }
        : {
            id: q.id,
            label: q.label,
            returnData: q.id === d.evaluates,
            metric: { namespace: q.namespace, metricName: q.metricName, dimensions: q.dimensions, period: q.period, stat: q.stat },
          },
    ),
  };
}
