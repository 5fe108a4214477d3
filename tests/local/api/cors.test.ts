// Cross-origin requests on the local stack, from the corsOrigins setting as deployed: the
// preflight is answered by the gateway without token, key or function; the function's answers
// echo an allowed Origin; the gateway's own answers (401, 403, 413, 429) carry the gateway
// responses' CORS headers. An origin not in the list gets none, and a stack with no origins
// sends no CORS header at all and refuses OPTIONS as an unknown method.
import assert from "node:assert/strict";
import { createLocalAuth, sampleEditor, type LocalAuth } from "../../../local/auth/localAuth";
import { startLocalStack, type LocalStack } from "../../../local/stack";
import { jsonHeaders, post, proposal, type Reply } from "../../support/http";
import { settingsWith } from "../../support/logStream";
import { startOps } from "../../../local/observability/ops";

const editorOrigin = "https://editor.example.com";
const reviewOrigin = "http://127.0.0.1:5173";
const strangerOrigin = "https://elsewhere.example.net";
const exposed = "Location, Idempotent-Replayed, Retry-After, x-amzn-RequestId";

const corsOf = (reply: Reply) => ({
  origin: reply.headers.get("access-control-allow-origin"),
  expose: reply.headers.get("access-control-expose-headers"),
  vary: reply.headers.get("vary"),
});

async function stackWith(corsOrigins: string, auth: LocalAuth, extra: Record<string, number> = {}): Promise<LocalStack> {
  return startLocalStack({ port: 0, dynamoPort: 0, capacity: "unlimited", auth, settings: settingsWith({ corsOrigins, ...extra }) });
}

function counting(stack: LocalStack) {
  let invocations = 0;
  const stop = stack.lambda.onInvocation(() => (invocations += 1));
  return { invocations: () => invocations, stop };
}

describe("cross-origin requests on the local stack", function () {
  this.timeout(60_000);
  let auth: LocalAuth;
  let credentials: Record<string, string>;

  before(async () => {
    auth = await createLocalAuth(["editor-web"]);
    credentials = { authorization: `Bearer ${await auth.issueToken(sampleEditor)}`, "x-api-key": auth.clients[0]!.key };
  });

  describe("with one allowed origin", () => {
    let stack: LocalStack;
    before(async () => {
      stack = await stackWith(editorOrigin, auth);
    });
    after(() => stack?.close());

    const preflight = (origin: string) =>
      post(
        stack.destinationUrl,
        "",
        {
          Origin: origin,
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "authorization,content-type,idempotency-key,x-api-key",
        },
        "OPTIONS",
      );

    it("answers the preflight itself, without token, key or function, allowing POST and the editors' headers for 600 s", async () => {
      const calls = counting(stack);
      const reply = await preflight(editorOrigin);
      calls.stop();
      assert.equal(reply.status, 204);
      assert.equal(reply.text, "");
      assert.equal(reply.headers.get("access-control-allow-origin"), editorOrigin);
      assert.equal(reply.headers.get("access-control-allow-methods"), "POST");
      assert.equal(reply.headers.get("access-control-allow-headers"), "Content-Type, Authorization, x-api-key, Idempotency-Key");
      assert.equal(reply.headers.get("access-control-max-age"), "600");
      assert.equal(reply.headers.get("vary"), "Origin");
      assert.equal(calls.invocations(), 0);
    });

    it("answers a preflight from another origin with no CORS header", async () => {
      const reply = await preflight(strangerOrigin);
      assert.equal(reply.status, 204);
      assert.equal(reply.headers.get("access-control-allow-origin"), null);
      assert.equal(reply.headers.get("access-control-allow-methods"), null);
      assert.equal(reply.headers.get("vary"), "Origin");
    });

    it("echoes the allowed origin on the function's 201 and exposes Location", async () => {
      const reply = await post(stack.destinationUrl, JSON.stringify(proposal()), {
        ...jsonHeaders,
        ...credentials,
        Origin: editorOrigin,
        "Idempotency-Key": `cors-${Date.now()}`,
      });
      assert.equal(reply.status, 201, reply.text);
      assert.deepEqual(corsOf(reply), { origin: editorOrigin, expose: exposed, vary: "Origin" });
      assert.match(reply.headers.get("location") ?? "", /^\/destination\/[0-9a-f-]{36}$/);
    });

    it("echoes it on the function's problems too", async () => {
      const reply = await post(stack.destinationUrl, JSON.stringify({ name: "" }), {
        ...jsonHeaders,
        ...credentials,
        Origin: editorOrigin,
      });
      assert.equal(reply.status, 400);
      assert.deepEqual(corsOf(reply), { origin: editorOrigin, expose: exposed, vary: "Origin" });
    });

    it("sends no CORS header to an origin not in the list, and none without an Origin", async () => {
      const stranger = await post(stack.destinationUrl, JSON.stringify(proposal()), {
        ...jsonHeaders,
        ...credentials,
        Origin: strangerOrigin,
      });
      assert.equal(stranger.status, 201, stranger.text);
      assert.deepEqual(corsOf(stranger), { origin: null, expose: null, vary: "Origin" });
      const curl = await post(stack.destinationUrl, JSON.stringify(proposal()), { ...jsonHeaders, ...credentials });
      assert.equal(curl.status, 201);
      assert.equal(curl.headers.get("access-control-allow-origin"), null);
    });

    it("gives the gateway's own 401, 403 and 413 the configured origin and the exposed headers", async () => {
      const unauthorized = await post(stack.destinationUrl, JSON.stringify(proposal()), { ...jsonHeaders, Origin: editorOrigin });
      assert.equal(unauthorized.status, 401);
      assert.deepEqual(corsOf(unauthorized), { origin: editorOrigin, expose: exposed, vary: "Origin" });
      const badKey = await post(stack.destinationUrl, JSON.stringify(proposal()), {
        ...jsonHeaders,
        authorization: credentials.authorization!,
        "x-api-key": "not-a-key",
        Origin: editorOrigin,
      });
      assert.equal(badKey.status, 403);
      assert.deepEqual(corsOf(badKey), { origin: editorOrigin, expose: exposed, vary: "Origin" });
      const tooLarge = await post(stack.destinationUrl, "x".repeat(10 * 1024 * 1024 + 1), { ...jsonHeaders, Origin: editorOrigin });
      assert.equal(tooLarge.status, 413);
      assert.deepEqual(corsOf(tooLarge), { origin: editorOrigin, expose: exposed, vary: "Origin" });
    });

    it("answers the gateway's refusals to another origin with the configured origin, which that page cannot use", async () => {
      const reply = await post(stack.destinationUrl, JSON.stringify(proposal()), { ...jsonHeaders, Origin: strangerOrigin });
      assert.equal(reply.status, 401);
      assert.equal(reply.headers.get("access-control-allow-origin"), editorOrigin);
    });
  });

  it("with several origins, echoes each allowed one from the function and the request's Origin from the gateway", async () => {
    const stack = await stackWith(`${editorOrigin},${reviewOrigin}`, auth);
    try {
      for (const origin of [editorOrigin, reviewOrigin]) {
        const accepted = await post(stack.destinationUrl, JSON.stringify(proposal()), { ...jsonHeaders, ...credentials, Origin: origin });
        assert.equal(accepted.status, 201);
        assert.equal(accepted.headers.get("access-control-allow-origin"), origin);
        const refused = await post(stack.destinationUrl, JSON.stringify(proposal()), { ...jsonHeaders, Origin: origin });
        assert.equal(refused.status, 401);
        assert.equal(refused.headers.get("access-control-allow-origin"), origin);
      }
      const stranger = await post(stack.destinationUrl, JSON.stringify(proposal()), {
        ...jsonHeaders,
        ...credentials,
        Origin: strangerOrigin,
      });
      assert.equal(stranger.headers.get("access-control-allow-origin"), null);
      const preflight = await post(stack.destinationUrl, "", { Origin: strangerOrigin }, "OPTIONS");
      assert.equal(preflight.headers.get("access-control-allow-origin"), null);
    } finally {
      await stack.close();
    }
  });

  it("gives a 429 of the usage plan the CORS headers", async () => {
    const now = Date.UTC(2030, 0, 1, 12);
    const stack = await startLocalStack({
      port: 0,
      dynamoPort: 0,
      capacity: "unlimited",
      auth,
      clock: () => now,
      settings: settingsWith({ corsOrigins: editorOrigin, apiClientBurstLimit: 1, apiClientRateLimit: 1 }),
    });
    try {
      const send = () => post(stack.destinationUrl, JSON.stringify(proposal()), { ...jsonHeaders, ...credentials, Origin: editorOrigin });
      assert.equal((await send()).status, 201);
      const throttled = await send();
      assert.equal(throttled.status, 429);
      assert.deepEqual(corsOf(throttled), { origin: editorOrigin, expose: exposed, vary: "Origin" });
    } finally {
      await stack.close();
    }
  });

  it("shows preflights on the ops page apart from editors' requests", async () => {
    const stack = await stackWith(editorOrigin, auth);
    const ops = startOps(stack, { periodSeconds: 5 });
    try {
      for (let i = 0; i < 3; i++) {
        assert.equal(
          (await post(stack.destinationUrl, "", { Origin: editorOrigin, "Access-Control-Request-Method": "POST" }, "OPTIONS")).status,
          204,
        );
      }
      const sent = await post(stack.destinationUrl, JSON.stringify(proposal()), { ...jsonHeaders, ...credentials, Origin: editorOrigin });
      assert.equal(sent.status, 201);
      const index = ops.observability.dashboard.widgets.findIndex((w) => w.properties.title === "API requests");
      const series = (await (await fetch(`${ops.url}/api/metrics?widget=${index}`)).json()) as {
        lines: { label: string; visible: boolean; points: [number, number | null][] }[];
      };
      const total = (label: string) => {
        const line = series.lines.find((l) => l.label === label && l.visible);
        assert.ok(line, `a visible line "${label}"`);
        return line.points.reduce((sum, [, v]) => sum + (v ?? 0), 0);
      };
      assert.equal(total("Preflights (not editors' traffic)"), 3);
      assert.equal(total("Editors' requests (all but preflights)"), 1);
    } finally {
      ops.close();
      await stack.close();
    }
  });

  it("with no origin allowed, refuses OPTIONS as API Gateway does and sends no CORS header", async () => {
    const stack = await stackWith("", auth);
    try {
      const preflight = await post(stack.destinationUrl, "", { Origin: editorOrigin, "Access-Control-Request-Method": "POST" }, "OPTIONS");
      assert.equal(preflight.status, 403);
      assert.deepEqual(corsOf(preflight), { origin: null, expose: null, vary: null });
      const accepted = await post(stack.destinationUrl, JSON.stringify(proposal()), {
        ...jsonHeaders,
        ...credentials,
        Origin: editorOrigin,
      });
      assert.equal(accepted.status, 201);
      assert.deepEqual(corsOf(accepted), { origin: null, expose: null, vary: null });
      const refused = await post(stack.destinationUrl, JSON.stringify(proposal()), { ...jsonHeaders, Origin: editorOrigin });
      assert.equal(refused.status, 401);
      assert.deepEqual(corsOf(refused), { origin: null, expose: null, vary: null });
    } finally {
      await stack.close();
    }
  });
});
