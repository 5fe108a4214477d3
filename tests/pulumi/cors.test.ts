// Cross-origin requests in the resource graph: with allowed origins, an OPTIONS method on
// /destination answered by a MOCK integration without authoriser or API key, and CORS headers on
// every gateway response; with none, no preflight and no CORS header anywhere.
import { strict as assert } from "node:assert";
import { programGraph, type Graph } from "./graph";

const t = {
  method: "aws:apigateway/method:Method",
  integration: "aws:apigateway/integration:Integration",
  methodResponse: "aws:apigateway/methodResponse:MethodResponse",
  integrationResponse: "aws:apigateway/integrationResponse:IntegrationResponse",
  response: "aws:apigateway/response:Response",
  deployment: "aws:apigateway/deployment:Deployment",
  function: "aws:lambda/function:Function",
  permission: "aws:lambda/permission:Permission",
} as const;

const editorOrigin = "https://editor.example.com";
const reviewOrigin = "https://review.example.org:8443";

const preflightOf = (g: Graph) => g.all(t.method).find((m) => m.inputs.httpMethod === "OPTIONS");
const corsHeadersOf = (params: unknown): string[] =>
  Object.keys((params ?? {}) as Record<string, string>).filter((k) => /access-control|vary/i.test(k));

describe("cross-origin requests in the Pulumi program", () => {
  describe("with one allowed origin", () => {
    let g: Graph;
    before(async () => {
      g = await programGraph("dev", { corsOrigins: editorOrigin });
    });

    it("answers OPTIONS /destination itself, with no authoriser and no API key", () => {
      const options = preflightOf(g);
      assert.ok(options, "an OPTIONS method");
      assert.equal(options.inputs.authorization, "NONE");
      assert.equal(options.inputs.apiKeyRequired, false);
      const integration = g.all(t.integration).find((i) => i.inputs.httpMethod === "OPTIONS");
      assert.ok(integration);
      assert.equal(integration.inputs.type, "MOCK");
      assert.equal(integration.inputs.uri, undefined, "the function is not invoked");
      assert.deepEqual(JSON.parse((integration.inputs.requestTemplates as Record<string, string>)["application/json"]!), {
        statusCode: 204,
      });
      assert.equal(g.all(t.permission).length, 1, "no invoke permission for OPTIONS");
    });

    it("allows POST and the editors' headers for ten minutes, to the listed origin only", () => {
      const declared = g.one(t.methodResponse).inputs;
      assert.equal(declared.statusCode, "204");
      assert.deepEqual(Object.keys(declared.responseParameters as object).sort(), [
        "method.response.header.Access-Control-Allow-Headers",
        "method.response.header.Access-Control-Allow-Methods",
        "method.response.header.Access-Control-Allow-Origin",
        "method.response.header.Access-Control-Max-Age",
        "method.response.header.Vary",
      ]);
      const answer = g.one(t.integrationResponse).inputs;
      assert.deepEqual(answer.responseParameters, { "method.response.header.Vary": "'Origin'" });
      const template = (answer.responseTemplates as Record<string, string>)["application/json"]!;
      assert.match(template, /#if\(\$origin == "https:\/\/editor\.example\.com"\)\n/);
      assert.match(template, /responseOverride\.header\.Access-Control-Allow-Origin = \$origin\)/);
      assert.match(template, /responseOverride\.header\.Access-Control-Allow-Methods = "POST"\)/);
      assert.match(
        template,
        /responseOverride\.header\.Access-Control-Allow-Headers = "Content-Type, Authorization, x-api-key, Idempotency-Key"\)/,
      );
      assert.match(template, /responseOverride\.header\.Access-Control-Max-Age = "600"\)/);
    });

    it("gives every gateway response the origin, the exposed headers and Vary: Origin", () => {
      const responses = g.all(t.response).map((r) => r.inputs);
      const types = responses.map((r) => r.responseType);
      for (const type of [
        "DEFAULT_4XX",
        "DEFAULT_5XX",
        "UNAUTHORIZED",
        "ACCESS_DENIED",
        "INVALID_API_KEY",
        "THROTTLED",
        "QUOTA_EXCEEDED",
      ]) {
        assert.ok(types.includes(type), `a ${type} gateway response`);
      }
      for (const r of responses) {
        const params = r.responseParameters as Record<string, string>;
        assert.equal(params["gatewayresponse.header.Access-Control-Allow-Origin"], `'${editorOrigin}'`, String(r.responseType));
        assert.equal(
          params["gatewayresponse.header.Access-Control-Expose-Headers"],
          "'Location, Idempotent-Replayed, Retry-After, x-amzn-RequestId'",
        );
        assert.equal(params["gatewayresponse.header.Vary"], "'Origin'");
      }
    });

    it("tells the function the allowed origins, and redeploys after the preflight or its responses change", () => {
      const variables = (g.one(t.function).inputs.environment as { variables: Record<string, string> }).variables;
      assert.equal(variables.CORS_ALLOWED_ORIGINS, editorOrigin);
      const deployment = g.one(t.deployment);
      for (const dep of [t.method, t.integration, t.methodResponse, t.integrationResponse, t.response]) {
        assert.ok(
          deployment.dependsOn.some((d) => d.type === dep),
          `the deployment may be taken before ${dep}`,
        );
      }
    });
  });

  it("with several origins, lets the preflight echo any of them and gateway responses echo the request's Origin", async () => {
    const g = await programGraph("dev", { corsOrigins: `${editorOrigin}, ${reviewOrigin}` });
    const template = (g.one(t.integrationResponse).inputs.responseTemplates as Record<string, string>)["application/json"]!;
    assert.ok(template.includes(`#if($origin == "${editorOrigin}" || $origin == "${reviewOrigin}")`));
    for (const r of g.all(t.response)) {
      const params = r.inputs.responseParameters as Record<string, string>;
      assert.equal(params["gatewayresponse.header.Access-Control-Allow-Origin"], "method.request.header.Origin");
    }
    const variables = (g.one(t.function).inputs.environment as { variables: Record<string, string> }).variables;
    assert.equal(variables.CORS_ALLOWED_ORIGINS, `${editorOrigin},${reviewOrigin}`);
  });

  it("with no origin allowed (the default), deploys no preflight and no CORS header", async () => {
    const g = await programGraph("dev");
    assert.equal(preflightOf(g), undefined);
    assert.equal(g.all(t.integration).filter((i) => i.inputs.type === "MOCK").length, 0);
    assert.equal(g.all(t.methodResponse).length + g.all(t.integrationResponse).length, 0);
    const responses = g.all(t.response);
    assert.ok(responses.length > 0, "the problem+json refusals are still there");
    for (const r of responses) assert.deepEqual(corsHeadersOf(r.inputs.responseParameters), [], String(r.inputs.responseType));
    assert.ok(!responses.some((r) => r.inputs.responseType === "DEFAULT_4XX"));
    const variables = (g.one(t.function).inputs.environment as { variables: Record<string, string> }).variables;
    assert.equal(variables.CORS_ALLOWED_ORIGINS, undefined);
  });

  it("refuses origins with a path, a wildcard or another spelling than a browser's, naming each", async () => {
    await assert.rejects(
      programGraph("dev", { corsOrigins: "https://editor.example.com/, https://*.example.com, HTTPS://Editor.example.com" }),
      (err: Error) => {
        assert.match(err.message, /corsOrigins: "https:\/\/editor\.example\.com\/" has a path/);
        assert.match(err.message, /"https:\/\/\*\.example\.com" is a wildcard/);
        assert.match(err.message, /"HTTPS:\/\/Editor\.example\.com" is not written as a browser sends it: https:\/\/editor\.example\.com/);
        return true;
      },
    );
  });
});
