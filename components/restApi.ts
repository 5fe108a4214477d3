// The REST API in front of the function: each allowed method of /destination as a Lambda proxy
// integration, an explicit stage with JSON access logs, error-level execution logs, X-Ray and
// throttling, and the invoke permission of each method.
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { allowedMethods, resourcePath } from "../handlers/http/routes";
import type { MethodAuthorization } from "./editorAuth";
import { accessLogGroupName } from "../config/names";
import { createCors } from "./cors";

// The handler's one resource, as API Gateway spells it: a path part under the root.
const destinationPath = resourcePath.replace(/^\//, "");

/** Access log record: one JSON object per request, values from API Gateway's $context. */
export const accessLogFields = {
  requestId: "$context.requestId",
  requestTime: "$context.requestTime",
  sourceIp: "$context.identity.sourceIp",
  httpMethod: "$context.httpMethod",
  path: "$context.path",
  resourcePath: "$context.resourcePath",
  status: "$context.status",
  responseLatency: "$context.responseLatency",
  integrationLatency: "$context.integrationLatency",
  responseLength: "$context.responseLength",
  xrayTraceId: "$context.xrayTraceId",
  // Who called: the editor by sub (the same id the event records), the client by API key id.
  // The user agent and source address are kept here, for the log's retention only (ADR 0005).
  callerSub: "$context.authorizer.claims.sub",
  apiKeyId: "$context.identity.apiKeyId",
  userAgent: "$context.identity.userAgent",
  // Why a request was refused before or instead of the function (authoriser, key, throttle).
  errorMessage: "$context.error.message",
  errorResponseType: "$context.error.responseType",
  // The web ACL's verdict (WAF_ALLOW / WAF_BLOCK) and its status code.
  wafResponseCode: "$context.wafResponseCode",
  wafStatus: "$context.waf.status",
} as const;

export interface RestApiArgs {
  /** Name of the REST API. */
  readonly name: string;
  /** Stage name, the first path segment of the API URL. */
  readonly stageName: string;
  /** Steady-state requests per second the stage accepts. */
  readonly throttlingRateLimit: number;
  /** Requests the stage accepts in a burst. */
  readonly throttlingBurstLimit: number;
  /** Retention of the access log group, in days. */
  readonly logRetentionDays: number;
  /** Whether the stage traces requests with X-Ray. */
  readonly xrayTracing: boolean;
  /** Origins whose web pages may call the API from a browser; none when empty. */
  readonly corsOrigins: readonly string[];
  /** The function that handles /destination. */
  readonly handler: aws.lambda.Function;
  /** Authorisation of every method of /destination, made for this API; open to anyone when absent. */
  readonly authorize?: (restApi: aws.apigateway.RestApi) => MethodAuthorization;
}

export interface RestApi {
  readonly restApi: aws.apigateway.RestApi;
  readonly stage: aws.apigateway.Stage;
  readonly accessLogGroup: aws.cloudwatch.LogGroup;
  /** Full URL of /destination. */
  readonly url: pulumi.Output<string>;
}

export function createRestApi(prefix: string, args: RestApiArgs, parent: pulumi.Resource): RestApi {
  const opts = { parent };
  const restApi = new aws.apigateway.RestApi(`${prefix}-api`, { name: args.name, endpointConfiguration: { types: "REGIONAL" } }, opts);
  const resource = new aws.apigateway.Resource(
    `${prefix}-${destinationPath}`,
    { restApi: restApi.id, parentId: restApi.rootResourceId, pathPart: destinationPath },
    opts,
  );
  const auth = args.authorize?.(restApi);
  // The handler answers every method in allowedMethods; each needs its own method and integration.
  const routes = allowedMethods.map((httpMethod) => {
    const name = `${prefix}-${destinationPath}-${httpMethod.toLowerCase()}`;
    const method = new aws.apigateway.Method(
      name,
      {
        restApi: restApi.id,
        resourceId: resource.id,
        httpMethod,
        authorization: auth?.authorization ?? "NONE",
        authorizerId: auth?.authorizerId,
        apiKeyRequired: auth?.apiKeyRequired ?? false,
      },
      opts,
    );
    const integration = new aws.apigateway.Integration(
      name,
      {
        restApi: restApi.id,
        resourceId: resource.id,
        httpMethod: method.httpMethod,
        type: "AWS_PROXY",
        // Lambda is always invoked with POST, whatever the client's method.
        integrationHttpMethod: "POST",
        uri: args.handler.invokeArn,
      },
      opts,
    );
    return { httpMethod, method, integration };
  });

  const cors = createCors(`${prefix}-${destinationPath}-preflight`, restApi, resource, args.corsOrigins, parent);

  // A deployment is a snapshot of the API: a new one is needed whenever the routes or their
  // integrations change, so its trigger is a hash of everything it snapshots.
  const snapshot: pulumi.Input<unknown>[] = [resource.id, auth?.definition ?? null, cors?.definition ?? null];
  for (const { method, integration } of routes) {
    snapshot.push(method.id, method.authorization, method.authorizerId, method.apiKeyRequired);
    snapshot.push(integration.id, integration.uri, integration.type);
  }
  const definition = pulumi.output(snapshot).apply((parts) => createHash("sha256").update(JSON.stringify(parts)).digest("hex"));
  const deployment = new aws.apigateway.Deployment(
    `${prefix}-deployment`,
    { restApi: restApi.id, triggers: { definition } },
    {
      parent,
      dependsOn: [...routes.flatMap((r) => [r.method, r.integration]), ...(auth?.resources ?? []), ...(cors?.resources ?? [])],
    },
  );

  const accessLogGroup = new aws.cloudwatch.LogGroup(
    `${prefix}-access-logs`,
    { name: accessLogGroupName(args.name), retentionInDays: args.logRetentionDays },
    opts,
  );
  const stage = new aws.apigateway.Stage(
    `${prefix}-stage`,
    {
      restApi: restApi.id,
      deployment: deployment.id,
      stageName: args.stageName,
      xrayTracingEnabled: args.xrayTracing,
      accessLogSettings: { destinationArn: accessLogGroup.arn, format: JSON.stringify(accessLogFields) },
    },
    opts,
  );
  new aws.apigateway.MethodSettings(
    `${prefix}-method-settings`,
    {
      restApi: restApi.id,
      stageName: stage.stageName,
      methodPath: "*/*",
      settings: {
        metricsEnabled: true,
        // Execution logs of failures only, never request or response bodies: those carry the
        // editor's token and personal data, and ERROR is what APIGateway.1 asks for.
        loggingLevel: "ERROR",
        dataTraceEnabled: false,
        throttlingRateLimit: args.throttlingRateLimit,
        throttlingBurstLimit: args.throttlingBurstLimit,
      },
    },
    opts,
  );
  // One permission per method, so that the function can be invoked through no other.
  for (const { httpMethod } of routes) {
    new aws.lambda.Permission(
      `${prefix}-invoke-${httpMethod.toLowerCase()}`,
      {
        action: "lambda:InvokeFunction",
        function: args.handler.name,
        principal: "apigateway.amazonaws.com",
        sourceArn: pulumi.interpolate`${restApi.executionArn}/${stage.stageName}/${httpMethod}/${destinationPath}`,
      },
      opts,
    );
  }

  const url = pulumi.interpolate`${stage.invokeUrl}/${destinationPath}`;
  return { restApi, stage, accessLogGroup, url };
}
