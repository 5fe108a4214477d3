// Who may call the API. Editors sign in to a Cognito user pool and send its ID token; a Cognito
// authoriser on POST /destination lets only valid tokens of this pool through, and the function
// admits members of the editors group (docs/adr/0002-editor-authentication.md). Separately from
// identity, each client application sends its own API key, whose usage plan limits its rate,
// burst and daily quota. Refusals API Gateway makes itself answer in problem+json.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { editorsGroup } from "../handlers/auth/editor";
import { gatewayProblems } from "../handlers/auth/gatewayProblems";
import { problemBody, problemContentType } from "../handlers/http/problem";
import { accessTokenValidityMinutes, adminSignInFlow, idTokenValidityMinutes, refreshTokenValidityDays } from "../config/editorTokens";
import { apiKeyName, usagePlanName, userPoolClientName } from "../config/names";
import { gatewayResponseCorsParameters } from "./cors";

export interface EditorAuthArgs {
  /** Name of the user pool and prefix of its app client and usage plan. */
  readonly name: string;
  /** Client applications; each gets an API key in the usage plan. */
  readonly clients: readonly string[];
  /** Steady requests per second per API key. */
  readonly rateLimit: number;
  /** Requests per API key in a burst. */
  readonly burstLimit: number;
  /** Requests per API key per day. */
  readonly quotaPerDay: number;
  /** Refuse deleting the user pool (and with it every editor's account). */
  readonly deletionProtection: boolean;
  /** Multi-factor sign-in with a TOTP app: required of every editor (ON) or each editor's choice (OPTIONAL). */
  readonly mfa: "ON" | "OPTIONAL";
  /** Cognito threat protection: OFF, or AUDIT / ENFORCED on the Plus feature plan. */
  readonly threatProtection: "OFF" | "AUDIT" | "ENFORCED";
}

export interface EditorPool {
  readonly userPool: aws.cognito.UserPool;
  readonly appClient: aws.cognito.UserPoolClient;
  readonly group: aws.cognito.UserGroup;
}

/** The method's authorisation, as the REST API component attaches it. */
export interface MethodAuthorization {
  readonly authorization: "COGNITO_USER_POOLS";
  readonly authorizerId: pulumi.Output<string>;
  readonly apiKeyRequired: true;
  /** Resources the deployment snapshots besides the method (authoriser, gateway responses). */
  readonly resources: readonly pulumi.Resource[];
  /** What those resources are made from: a change to it needs a new deployment. */
  readonly definition: pulumi.Output<unknown>;
}

export function createEditorPool(prefix: string, args: EditorAuthArgs, parent: pulumi.Resource): EditorPool {
  const opts = { parent };
  const userPool = new aws.cognito.UserPool(
    `${prefix}-editors`,
    {
      name: args.name,
      // Editors are invited, never self-registered.
      adminCreateUserConfig: { allowAdminCreateUserOnly: true },
      usernameAttributes: ["email"],
      autoVerifiedAttributes: ["email"],
      // Cognito.3: every character class required; an invitation's password expires in a week.
      passwordPolicy: {
        minimumLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireNumbers: true,
        requireSymbols: true,
        temporaryPasswordValidityDays: 7,
      },
      mfaConfiguration: args.mfa,
      softwareTokenMfaConfiguration: { enabled: true },
      // Threat protection is a Plus plan feature; without it the pool stays on Essentials.
      userPoolTier: args.threatProtection === "OFF" ? "ESSENTIALS" : "PLUS",
      ...(args.threatProtection === "OFF" ? {} : { userPoolAddOns: { advancedSecurityMode: args.threatProtection } }),
      accountRecoverySetting: { recoveryMechanisms: [{ name: "verified_email", priority: 1 }] },
      deletionProtection: args.deletionProtection ? "ACTIVE" : "INACTIVE",
    },
    opts,
  );
  const appClient = new aws.cognito.UserPoolClient(
    `${prefix}-editors-client`,
    {
      name: userPoolClientName(args.name),
      userPoolId: userPool.id,
      // A browser or CLI cannot keep a secret; SRP never sends the password. The admin flow,
      // for `npm run editor -- token`, needs IAM credentials allowed AdminInitiateAuth on the
      // pool, so a holder of the client id alone still cannot send a password (ADR 0002).
      generateSecret: false,
      explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", `ALLOW_${adminSignInFlow}`, "ALLOW_REFRESH_TOKEN_AUTH"],
      preventUserExistenceErrors: "ENABLED",
      idTokenValidity: idTokenValidityMinutes,
      accessTokenValidity: accessTokenValidityMinutes,
      refreshTokenValidity: refreshTokenValidityDays,
      tokenValidityUnits: { idToken: "minutes", accessToken: "minutes", refreshToken: "days" },
    },
    opts,
  );
  const group = new aws.cognito.UserGroup(
    `${prefix}-editors-group`,
    { name: editorsGroup, userPoolId: userPool.id, description: "May propose destinations (POST /destination)." },
    opts,
  );
  return { userPool, appClient, group };
}

/** The Cognito authoriser and problem+json gateway responses of a REST API, with CORS headers for `corsOrigins`. */
export function authorizeMethods(
  prefix: string,
  restApi: aws.apigateway.RestApi,
  pool: EditorPool,
  corsOrigins: readonly string[],
  parent: pulumi.Resource,
): MethodAuthorization {
  const authorizerArgs = {
    name: editorsGroup,
    type: "COGNITO_USER_POOLS",
    providerArns: [pool.userPool.arn],
    identitySource: "method.request.header.Authorization",
  };
  const authorizer = new aws.apigateway.Authorizer(`${prefix}-editors`, { restApi: restApi.id, ...authorizerArgs }, { parent });
  // API Gateway's own refusals in problem+json: the same body the local API answers, with API
  // Gateway's request id and path, readable by the pages of allowed origins.
  const responseArgs = Object.values(gatewayProblems).map((p) => ({
    responseType: p.responseType,
    statusCode: String(p.status),
    responseParameters: {
      "gatewayresponse.header.Content-Type": `'${problemContentType}'`,
      ...gatewayResponseCorsParameters(corsOrigins),
    },
    responseTemplates: { "application/json": problemBody(p, "$context.requestId", "$context.path") },
  }));
  const responses = responseArgs.map(
    (args) =>
      new aws.apigateway.Response(
        `${prefix}-${args.responseType.toLowerCase().replace(/_/g, "-")}`,
        { restApiId: restApi.id, ...args },
        { parent },
      ),
  );
  return {
    authorization: "COGNITO_USER_POOLS",
    authorizerId: authorizer.id,
    apiKeyRequired: true,
    resources: [authorizer, ...responses],
    // What these resources deploy, so that a change to any of them redeploys the API.
    definition: pulumi.output({ authorizer: authorizerArgs, responses: responseArgs }),
  };
}

/** One API key per client, all in one usage plan on the stage. */
export function createUsagePlan(
  prefix: string,
  args: EditorAuthArgs,
  restApi: aws.apigateway.RestApi,
  stage: aws.apigateway.Stage,
  parent: pulumi.Resource,
): { readonly plan: aws.apigateway.UsagePlan; readonly keys: readonly aws.apigateway.ApiKey[] } {
  const opts = { parent };
  const plan = new aws.apigateway.UsagePlan(
    `${prefix}-clients`,
    {
      name: usagePlanName(args.name),
      apiStages: [{ apiId: restApi.id, stage: stage.stageName }],
      throttleSettings: { rateLimit: args.rateLimit, burstLimit: args.burstLimit },
      quotaSettings: { limit: args.quotaPerDay, period: "DAY" },
    },
    opts,
  );
  const keys = args.clients.map((client) => {
    const key = new aws.apigateway.ApiKey(`${prefix}-key-${client}`, { name: apiKeyName(args.name, client), enabled: true }, opts);
    new aws.apigateway.UsagePlanKey(`${prefix}-key-${client}`, { keyId: key.id, keyType: "API_KEY", usagePlanId: plan.id }, opts);
    return key;
  });
  return { plan, keys };
}
