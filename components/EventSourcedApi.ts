// An event-sourced command API: REST API -> instrumented Lambda -> DynamoDB event table.
import * as pulumi from "@pulumi/pulumi";
import { createEventTable, type EventTableArgs } from "./eventTable";
import { createHandlerFunction, type HandlerFunctionArgs } from "./handlerFunction";
import { authorizeMethods, createEditorPool, createUsagePlan, type EditorAuthArgs } from "./editorAuth";
import { createRestApi, type RestApiArgs } from "./restApi";
import { createWebAcl } from "./webAcl";

export interface EventSourcedApiArgs {
  /** The events table. */
  readonly table: EventTableArgs;
  /** The function handling the API's commands, with its log group and role. */
  readonly function: HandlerFunctionArgs;
  /** The REST API and its stage; access logs keep as long as the function's logs. */
  readonly api: Omit<RestApiArgs, "handler" | "logRetentionDays" | "authorize" | "xrayTracing">;
  /** Editors' sign-in, the authoriser on POST /destination, and API keys per client; the API is open without it. */
  readonly editorAuth?: EditorAuthArgs;
  /** An AWS WAF web ACL on the stage, with its per-address rate limit; none when absent. */
  readonly webAcl?: { readonly ratePer5Minutes: number };
}

export class EventSourcedApi extends pulumi.ComponentResource {
  readonly tableName: pulumi.Output<string>;
  readonly tableArn: pulumi.Output<string>;
  readonly functionName: pulumi.Output<string>;
  readonly functionArn: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;
  readonly accessLogGroupName: pulumi.Output<string>;
  readonly restApiId: pulumi.Output<string>;
  readonly restApiName: pulumi.Output<string>;
  readonly stageName: pulumi.Output<string>;
  /** Full URL of /destination. */
  readonly url: pulumi.Output<string>;
  /** The editors' user pool and its app client, when editor authentication is on. */
  readonly userPoolId?: pulumi.Output<string>;
  readonly userPoolClientId?: pulumi.Output<string>;

  constructor(name: string, args: EventSourcedApiArgs, opts?: pulumi.ComponentResourceOptions) {
    super("visitplannr:components:EventSourcedApi", name, {}, opts);
    const table = createEventTable(name, args.table, this);
    const { fn, logGroup } = createHandlerFunction(name, args.function, table, this);
    const pool = args.editorAuth ? createEditorPool(name, args.editorAuth, this) : undefined;
    const api = createRestApi(
      name,
      {
        ...args.api,
        handler: fn,
        logRetentionDays: args.function.logRetentionDays,
        xrayTracing: args.function.tracing === "active",
        authorize: pool ? (restApi) => authorizeMethods(name, restApi, pool, args.api.corsOrigins, this) : undefined,
      },
      this,
    );
    if (args.editorAuth) createUsagePlan(name, args.editorAuth, api.restApi, api.stage, this);
    if (args.webAcl) createWebAcl(name, { name: args.api.name, ratePer5Minutes: args.webAcl.ratePer5Minutes, stage: api.stage }, this);

    this.tableName = table.name;
    this.tableArn = table.arn;
    this.functionName = fn.name;
    this.functionArn = fn.arn;
    this.logGroupName = logGroup.name;
    this.accessLogGroupName = api.accessLogGroup.name;
    this.restApiId = api.restApi.id;
    this.restApiName = api.restApi.name;
    this.stageName = api.stage.stageName;
    this.url = api.url;
    this.userPoolId = pool?.userPool.id;
    this.userPoolClientId = pool?.appClient.id;
    this.registerOutputs({
      tableName: this.tableName,
      tableArn: this.tableArn,
      functionName: this.functionName,
      functionArn: this.functionArn,
      logGroupName: this.logGroupName,
      accessLogGroupName: this.accessLogGroupName,
      restApiId: this.restApiId,
      restApiName: this.restApiName,
      stageName: this.stageName,
      url: this.url,
      userPoolId: this.userPoolId,
      userPoolClientId: this.userPoolClientId,
    });
  }
}
