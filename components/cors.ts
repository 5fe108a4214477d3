// Cross-origin requests to the REST API (docs/adr/0004-cross-origin-requests.md): the preflight of
// /destination answered by API Gateway itself, with no authoriser, no API key and no function, and
// the CORS headers of API Gateway's own answers. Nothing of it exists while no origin is allowed.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { corsHeaders, corsPolicy, gatewayResponseOrigin, originHeader, preflightMethod, preflightStatus } from "../handlers/http/cors";

/** Headers every preflight answer may carry; the method response declares them. */
const preflightHeaderNames = [
  corsHeaders.allowOrigin,
  corsHeaders.allowMethods,
  corsHeaders.allowHeaders,
  corsHeaders.maxAge,
  corsHeaders.vary,
] as const;

/**
 * The integration response's template. A MOCK integration cannot echo a request header in its
 * static response parameters, so the template reads the Origin and, only for an allowed one,
 * overrides the answer's CORS headers (a response template may set $context.responseOverride).
 */
function preflightTemplate(origins: readonly string[]): string {
  const matches = origins.map((o) => `$origin == "${o}"`).join(" || ");
  const set = (name: string, value: string) => `#set($context.responseOverride.header.${name} = ${value})`;
  return [
    `#set($origin = $input.params().header.get("${originHeader}"))`,
    `#if("$!origin" == "")#set($origin = $input.params().header.get("${originHeader.toLowerCase()}"))#end`,
    `#if(${matches})`,
    set(corsHeaders.allowOrigin, "$origin"),
    set(corsHeaders.allowMethods, `"${corsPolicy.allowMethods.join(", ")}"`),
    set(corsHeaders.allowHeaders, `"${corsPolicy.allowHeaders.join(", ")}"`),
    set(corsHeaders.maxAge, `"${corsPolicy.maxAgeSeconds}"`),
    "#end",
  ].join("\n");
}

/**
 * Response parameters that give one of API Gateway's own answers (a gateway response) its CORS
 * headers; none while no origin is allowed. Gateway responses take only fixed values or request
 * headers, so the rule is gatewayResponseOrigin's.
 */
export function gatewayResponseCorsParameters(origins: readonly string[]): Record<string, string> {
  const rule = gatewayResponseOrigin(origins);
  if (!rule) return {};
  return {
    [`gatewayresponse.header.${corsHeaders.allowOrigin}`]:
      rule.kind === "fixed" ? `'${rule.origin}'` : `method.request.header.${originHeader}`,
    [`gatewayresponse.header.${corsHeaders.exposeHeaders}`]: `'${corsPolicy.exposeHeaders.join(", ")}'`,
    [`gatewayresponse.header.${corsHeaders.vary}`]: `'${originHeader}'`,
  };
}

/**
 * The answers API Gateway gives itself besides the problem+json refusals (a body over its quota,
 * a failed or timed-out invocation, an unknown path): every 4XX and 5XX type without a response
 * of its own takes these. Their bodies stay API Gateway's default.
 */
const defaultGatewayResponses = [
  { responseType: "DEFAULT_4XX", template: '{"message":$context.error.messageString}' },
  { responseType: "DEFAULT_5XX", template: '{"message":$context.error.messageString}' },
] as const;

export interface CorsResources {
  /** Resources the deployment snapshots. */
  readonly resources: readonly pulumi.Resource[];
  /** What they are made from: a change to it needs a new deployment. */
  readonly definition: pulumi.Output<unknown>;
}

export function createCors(
  name: string,
  restApi: aws.apigateway.RestApi,
  resource: aws.apigateway.Resource,
  origins: readonly string[],
  parent: pulumi.Resource,
): CorsResources | undefined {
  if (origins.length === 0) return undefined;
  const opts = { parent };
  const target = { restApi: restApi.id, resourceId: resource.id };
  const method = new aws.apigateway.Method(
    name,
    // A preflight carries no credentials: browsers send neither the token nor the API key with it.
    { ...target, httpMethod: preflightMethod, authorization: "NONE", apiKeyRequired: false },
    opts,
  );
  const integration = new aws.apigateway.Integration(
    name,
    {
      ...target,
      httpMethod: method.httpMethod,
      type: "MOCK",
      // A request without a Content-Type, as a preflight is, takes the application/json template.
      requestTemplates: { "application/json": JSON.stringify({ statusCode: preflightStatus }) },
    },
    opts,
  );
  const methodResponse = new aws.apigateway.MethodResponse(
    name,
    {
      ...target,
      httpMethod: method.httpMethod,
      statusCode: String(preflightStatus),
      responseParameters: Object.fromEntries(preflightHeaderNames.map((h) => [`method.response.header.${h}`, false])),
    },
    opts,
  );
  const integrationResponseArgs = {
    statusCode: String(preflightStatus),
    responseParameters: { [`method.response.header.${corsHeaders.vary}`]: `'${originHeader}'` },
    responseTemplates: { "application/json": preflightTemplate(origins) },
  };
  const integrationResponse = new aws.apigateway.IntegrationResponse(
    name,
    { ...target, httpMethod: method.httpMethod, ...integrationResponseArgs },
    { parent, dependsOn: [integration, methodResponse] },
  );
  const responseArgs = defaultGatewayResponses.map((r) => ({
    responseType: r.responseType,
    responseParameters: gatewayResponseCorsParameters(origins),
    responseTemplates: { "application/json": r.template },
  }));
  const responses = responseArgs.map(
    (args) =>
      new aws.apigateway.Response(
        `${name}-${args.responseType.toLowerCase().replace(/_/g, "-")}`,
        { restApiId: restApi.id, ...args },
        opts,
      ),
  );
  return {
    resources: [method, integration, methodResponse, integrationResponse, ...responses],
    definition: pulumi.output({ origins, integration: integrationResponseArgs, responses: responseArgs }),
  };
}
