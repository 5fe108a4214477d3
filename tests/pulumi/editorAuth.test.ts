// Editor authentication and per-client API keys in the resource graph: the user pool and its
// editors group, the Cognito authoriser on /destination, the usage plan with a key per
// client, and API Gateway's own refusals in problem+json.
import { strict as assert } from "node:assert";
import { resolveSettings } from "../../config/settings";
import { editorsGroup } from "../../handlers/auth/editor";
import { allowedMethods } from "../../handlers/http/routes";
import { idTokenValidityMinutes } from "../../config/editorTokens";
import { componentType, programGraph, prodAlarmDestination, type Graph } from "./graph";
import { mockRegion } from "./mocks";

const t = {
  userPool: "aws:cognito/userPool:UserPool",
  appClient: "aws:cognito/userPoolClient:UserPoolClient",
  group: "aws:cognito/userGroup:UserGroup",
  authorizer: "aws:apigateway/authorizer:Authorizer",
  method: "aws:apigateway/method:Method",
  usagePlan: "aws:apigateway/usagePlan:UsagePlan",
  apiKey: "aws:apigateway/apiKey:ApiKey",
  usagePlanKey: "aws:apigateway/usagePlanKey:UsagePlanKey",
  response: "aws:apigateway/response:Response",
  deployment: "aws:apigateway/deployment:Deployment",
} as const;

describe("editor authentication in the Pulumi program", () => {
  const dev = resolveSettings("dev");
  let g: Graph;
  before(async () => {
    g = await programGraph("dev", {
      apiClients: "editor-web, ops-cli",
      apiClientRateLimit: 7,
      apiClientBurstLimit: 9,
      apiClientQuotaPerDay: 1234,
    });
  });

  it("creates an invite-only user pool with an app client without secret and the editors group, inside the component", () => {
    const pool = g.one(t.userPool);
    assert.deepEqual(pool.inputs.adminCreateUserConfig, { allowAdminCreateUserOnly: true });
    assert.equal(pool.parent?.type, componentType);
    const client = g.one(t.appClient).inputs;
    assert.equal(client.generateSecret, false);
    // Browsers sign in with SRP; `npm run editor -- token` with the admin flow, which needs IAM
    // credentials. The client-side password flow, open to anyone holding the client id, stays off.
    assert.deepEqual([...(client.explicitAuthFlows as string[])].sort(), [
      "ALLOW_ADMIN_USER_PASSWORD_AUTH",
      "ALLOW_REFRESH_TOKEN_AUTH",
      "ALLOW_USER_SRP_AUTH",
    ]);
    // The local user pool's tokens last as long (config/editorTokens.ts).
    assert.equal(client.idTokenValidity, idTokenValidityMinutes);
    assert.equal((client.tokenValidityUnits as { idToken: string }).idToken, "minutes");
    assert.equal(g.one(t.group).inputs.name, editorsGroup);
  });

  it("guards every method of /destination with the user pool's Cognito authoriser and an API key", () => {
    const authorizer = g.one(t.authorizer).inputs;
    assert.equal(authorizer.type, "COGNITO_USER_POOLS");
    assert.equal(authorizer.identitySource, "method.request.header.Authorization");
    assert.deepEqual(authorizer.providerArns, [
      `arn:aws:cognito-idp:${mockRegion}:123456789012:userpool/${mockRegion}_${g.one(t.userPool).name}`,
    ]);
    const methods = g.all(t.method).map((m) => m.inputs);
    assert.deepEqual(methods.map((m) => m.httpMethod).sort(), [...allowedMethods].sort());
    for (const method of methods) {
      assert.equal(method.authorization, "COGNITO_USER_POOLS");
      assert.equal(method.authorizerId, `${g.one(t.authorizer).name}-id`);
      assert.equal(method.apiKeyRequired, true);
    }
  });

  it("gives each configured client its own API key in one usage plan with the configured rate, burst and daily quota", () => {
    const plan = g.one(t.usagePlan).inputs;
    assert.deepEqual(plan.throttleSettings, { rateLimit: 7, burstLimit: 9 });
    assert.deepEqual(plan.quotaSettings, { limit: 1234, period: "DAY" });
    assert.deepEqual(plan.apiStages, [{ apiId: `${g.one("aws:apigateway/restApi:RestApi").name}-id`, stage: dev.stageName }]);
    const keys = g
      .all(t.apiKey)
      .map((k) => String(k.inputs.name))
      .sort();
    assert.deepEqual(keys, ["visitplannr-dev-editor-web", "visitplannr-dev-ops-cli"]);
    const links = g.all(t.usagePlanKey).map((k) => k.inputs);
    assert.equal(links.length, 2);
    for (const link of links) assert.equal(link.usagePlanId, `${g.one(t.usagePlan).name}-id`);
  });

  it("answers API Gateway's own refusals in problem+json, and redeploys after any of it", () => {
    const responses = g.all(t.response).map((r) => r.inputs);
    const answered = responses.map((r) => {
      const body = JSON.parse((r.responseTemplates as Record<string, string>)["application/json"]!) as Record<string, unknown>;
      return [r.responseType, r.statusCode, body.type, body.status, body.instance, body.correlationId];
    });
    assert.deepEqual(answered.sort(), [
      ["ACCESS_DENIED", "403", "/problems/forbidden", 403, "$context.path", "$context.requestId"],
      ["INVALID_API_KEY", "403", "/problems/forbidden", 403, "$context.path", "$context.requestId"],
      ["MISSING_AUTHENTICATION_TOKEN", "403", "/problems/forbidden", 403, "$context.path", "$context.requestId"],
      ["QUOTA_EXCEEDED", "429", "/problems/quotaExceeded", 429, "$context.path", "$context.requestId"],
      ["THROTTLED", "429", "/problems/throttled", 429, "$context.path", "$context.requestId"],
      ["UNAUTHORIZED", "401", "/problems/unauthorized", 401, "$context.path", "$context.requestId"],
    ]);
    for (const r of responses) {
      assert.deepEqual(r.responseParameters, { "gatewayresponse.header.Content-Type": "'application/problem+json'" });
    }
    const deployment = g.one(t.deployment);
    for (const dep of [t.authorizer, t.response]) {
      assert.ok(
        deployment.dependsOn.some((d) => d.type === dep),
        `the deployment may be taken before ${dep}`,
      );
    }
  });

  it("meets Cognito.3's password policy: 12 characters of every class, invitations valid a week", () => {
    assert.deepEqual(g.one(t.userPool).inputs.passwordPolicy, {
      minimumLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireNumbers: true,
      requireSymbols: true,
      temporaryPasswordValidityDays: 7,
    });
  });

  it("issues ID and access tokens for 60 minutes and refresh tokens for 7 days, and hides whether a user exists", () => {
    const client = g.one(t.appClient).inputs;
    assert.deepEqual([client.idTokenValidity, client.accessTokenValidity, client.refreshTokenValidity], [60, 60, 7]);
    assert.deepEqual(client.tokenValidityUnits, { idToken: "minutes", accessToken: "minutes", refreshToken: "days" });
    assert.equal(client.preventUserExistenceErrors, "ENABLED");
  });

  it("offers TOTP MFA on dev without threat protection, and requires MFA with threat protection enforced on prod-like stacks", async () => {
    const devPool = g.one(t.userPool).inputs;
    assert.equal(devPool.mfaConfiguration, "OPTIONAL");
    assert.deepEqual(devPool.softwareTokenMfaConfiguration, { enabled: true });
    assert.equal(devPool.userPoolAddOns, undefined);
    assert.equal(devPool.userPoolTier, "ESSENTIALS");
    const prodPool = (await programGraph("prod", prodAlarmDestination)).one(t.userPool).inputs;
    assert.equal(prodPool.mfaConfiguration, "ON");
    assert.deepEqual(prodPool.softwareTokenMfaConfiguration, { enabled: true });
    assert.deepEqual(prodPool.userPoolAddOns, { advancedSecurityMode: "ENFORCED" });
    assert.equal(prodPool.userPoolTier, "PLUS");
  });

  it("takes MFA and threat protection from the stack's settings", async () => {
    const audited = (await programGraph("dev", { editorMfa: "ON", editorThreatProtection: "AUDIT" })).one(t.userPool).inputs;
    assert.equal(audited.mfaConfiguration, "ON");
    assert.deepEqual(audited.userPoolAddOns, { advancedSecurityMode: "AUDIT" });
    await assert.rejects(programGraph("dev", { editorMfa: "OFF" }), /editorMfa: "OFF" is not one of "ON", "OPTIONAL"/);
  });

  it("keeps the user pool from deletion on prod-like stacks", async () => {
    assert.equal(g.one(t.userPool).inputs.deletionProtection, "INACTIVE");
    const prod = await programGraph("prod", prodAlarmDestination);
    assert.equal(prod.one(t.userPool).inputs.deletionProtection, "ACTIVE");
  });
});

describe("the edge in the Pulumi program", () => {
  const webAcl = "aws:wafv2/webAcl:WebAcl";
  const association = "aws:wafv2/webAclAssociation:WebAclAssociation";

  it("puts no web ACL in front of a dev stage by default", async () => {
    const dev = await programGraph("dev");
    assert.deepEqual(dev.all(webAcl), []);
    assert.deepEqual(dev.all(association), []);
  });

  it("guards a prod-like stage with a regional web ACL: AWS's common rule set and a rate limit per source address", async () => {
    const prod = await programGraph("prod", { ...prodAlarmDestination, webAclRatePer5Minutes: 600 });
    const acl = prod.one(webAcl).inputs as {
      scope: string;
      defaultAction: unknown;
      rules: { name: string; statement: Record<string, Record<string, unknown>>; action?: unknown }[];
    };
    assert.equal(acl.scope, "REGIONAL");
    assert.deepEqual(acl.defaultAction, { allow: {} });
    const common = acl.rules.find((r) => r.statement.managedRuleGroupStatement);
    assert.equal(common?.statement.managedRuleGroupStatement?.vendorName, "AWS");
    assert.equal(common?.statement.managedRuleGroupStatement?.name, "AWSManagedRulesCommonRuleSet");
    // Proposals may be larger than the rule set's 8 KB body limit: that rule only counts.
    assert.deepEqual(common?.statement.managedRuleGroupStatement?.ruleActionOverrides, [
      { name: "SizeRestrictions_BODY", actionToUse: { count: {} } },
    ]);
    const rate = acl.rules.find((r) => r.statement.rateBasedStatement);
    assert.deepEqual(rate?.action, { block: {} });
    assert.equal(rate?.statement.rateBasedStatement?.limit, 600);
    assert.equal(rate?.statement.rateBasedStatement?.aggregateKeyType, "IP");
    const link = prod.one(association).inputs;
    assert.equal(link.resourceArn, `arn:aws:apigateway:${mockRegion}::/restapis/visitplannr-api-id/stages/v1`);
    assert.match(String(link.webAclArn), /:wafv2:.*webacl\/visitplannr-prod\//);
  });

  it("lets a stack turn the web ACL on or off", async () => {
    assert.equal((await programGraph("dev", { webAcl: true })).all(webAcl).length, 1);
    assert.equal((await programGraph("prod", { ...prodAlarmDestination, webAcl: false })).all(webAcl).length, 0);
  });
});
