// API Gateway's throttling and quotas on the local stack, with the limits from stack settings and
// a clock the tests move: a request over a limit is answered 429 problem+json by the gateway and
// never reaches the function or the table; each API key has its own bucket and daily quota; the
// stage's bucket is shared by every client; without API keys only the stage limits apply.
import assert from "node:assert/strict";
import { objectSource, resolveSettings } from "../../../config/settings";
import { createLocalAuth, sampleEditor } from "../../../local/auth/localAuth";
import { localDynamoClient } from "../../../local/dynamodb/server";
import { localSettings } from "../../../local/options";
import { observeLocalStack } from "../../../local/observability/localObservability";
import { startLocalStack, type LocalStack } from "../../../local/stack";
import { jsonHeaders, post, proposal, type Reply } from "../../support/http";
import { countItems } from "../../support/localStack";
import { localStackName } from "../../../config/names";

const msPerDay = 24 * 60 * 60 * 1000;
const limits = {
  throttlingRateLimit: 4,
  throttlingBurstLimit: 5,
  apiClientRateLimit: 2,
  apiClientBurstLimit: 3,
  apiClientQuotaPerDay: 10,
};

/** A clock the tests move; starts at noon UTC so a day's quota is under way. */
function testClock() {
  let now = Date.UTC(2030, 0, 1, 12);
  return {
    now: () => now,
    advance: (ms: number) => void (now += ms),
    /** The first instant of the next UTC day: every quota starts again, every bucket is full. */
    nextDay: () => void (now = (Math.floor(now / msPerDay) + 1) * msPerDay),
  };
}

/** Observes a stack's function invocations and table size around the requests a test sends. */
function watch(stack: LocalStack) {
  let invocations = 0;
  const stop = stack.lambda.onInvocation(() => (invocations += 1));
  const client = localDynamoClient(stack.dynamo.endpoint);
  return {
    invocations: () => invocations,
    events: () => countItems(client, stack.tableName),
    close: () => {
      stop();
      client.destroy();
    },
  };
}

function assertRefused(reply: Reply, reason: "throttled" | "quotaExceeded", errorType: string): void {
  assert.equal(reply.status, 429, reply.text);
  assert.equal(reply.headers.get("content-type"), "application/problem+json");
  assert.equal(reply.headers.get("x-amzn-errortype"), errorType);
  assert.equal(reply.json.type, `/problems/${reason}`);
  assert.equal(reply.json.status, 429);
  assert.equal(reply.json.instance, "/destination");
  assert.equal(reply.json.correlationId, reply.headers.get("x-amzn-requestid"));
}

describe("API Gateway throttling on the local stack with API keys", function () {
  this.timeout(60_000);
  const clock = testClock();
  let stack: LocalStack;
  let watcher: ReturnType<typeof watch>;
  let token: string;

  before(async () => {
    const auth = await createLocalAuth(["editor-web", "ops-cli"]);
    stack = await startLocalStack({
      port: 0,
      dynamoPort: 0,
      capacity: "unlimited",
      settings: resolveSettings(localStackName, objectSource(limits)),
      auth,
      clock: clock.now,
    });
    watcher = watch(stack);
    token = await auth.issueToken(sampleEditor);
  });
  after(async () => {
    watcher?.close();
    await stack?.close();
  });
  beforeEach(() => clock.nextDay());

  const send = (client: "editor-web" | "ops-cli") => {
    const key = stack.auth!.clients.find((c) => c.name === client)!.key;
    return post(stack.destinationUrl, JSON.stringify(proposal()), { ...jsonHeaders, Authorization: `Bearer ${token}`, "x-api-key": key });
  };
  async function accepted(client: "editor-web" | "ops-cli", times: number): Promise<void> {
    for (let i = 0; i < times; i++) {
      const reply = await send(client);
      assert.equal(reply.status, 201, `request ${i + 1} of ${times}: ${reply.text}`);
    }
  }
  /** Sends one request the gateway must refuse: no invocation, no event written. */
  async function refused(client: "editor-web" | "ops-cli", reason: "throttled" | "quotaExceeded"): Promise<void> {
    const [invocations, events] = [watcher.invocations(), await watcher.events()];
    assertRefused(await send(client), reason, reason === "throttled" ? "TooManyRequestsException" : "LimitExceededException");
    assert.equal(watcher.invocations(), invocations, "the function was invoked");
    assert.equal(await watcher.events(), events, "the table changed");
  }

  it("enforces the stage and usage-plan limits of the stack's settings", () => {
    assert.deepEqual(stack.limits, {
      stage: { rateLimit: limits.throttlingRateLimit, burstLimit: limits.throttlingBurstLimit },
      usagePlan: { rateLimit: limits.apiClientRateLimit, burstLimit: limits.apiClientBurstLimit, quotaPerDay: limits.apiClientQuotaPerDay },
    });
  });

  it("refuses the key's (burst + 1)th request in the same instant with 429, before the function", async () => {
    const events = await watcher.events();
    await accepted("editor-web", limits.apiClientBurstLimit);
    assert.equal(await watcher.events(), events + limits.apiClientBurstLimit);
    await refused("editor-web", "throttled");
  });

  it("refills the key's bucket at its rate, up to its burst", async () => {
    await accepted("editor-web", limits.apiClientBurstLimit);
    await refused("editor-web", "throttled");
    clock.advance(1000 / limits.apiClientRateLimit / 2);
    await refused("editor-web", "throttled");
    clock.advance(1000 / limits.apiClientRateLimit / 2);
    await accepted("editor-web", 1);
    await refused("editor-web", "throttled");
    // Idle for long: the bucket holds the burst, no more.
    clock.advance(60_000);
    await accepted("editor-web", limits.apiClientBurstLimit);
    await refused("editor-web", "throttled");
  });

  it("throttles each API key on its own: one client's exhausted bucket leaves another's alone", async () => {
    await accepted("editor-web", limits.apiClientBurstLimit);
    await refused("editor-web", "throttled");
    await accepted("ops-cli", 1);
  });

  it("refuses a key over its daily quota with 429 Limit Exceeded until the next UTC day", async () => {
    // A second apart: the buckets refill, only the quota counts.
    for (let i = 0; i < limits.apiClientQuotaPerDay; i++) {
      await accepted("editor-web", 1);
      clock.advance(1000);
    }
    await refused("editor-web", "quotaExceeded");
    clock.advance(60 * 60 * 1000);
    await refused("editor-web", "quotaExceeded");
    await accepted("ops-cli", 1);
    clock.nextDay();
    await accepted("editor-web", 1);
  });

  it("throttles the stage across keys once their requests together exceed its burst", async () => {
    await accepted("editor-web", limits.apiClientBurstLimit);
    await accepted("ops-cli", limits.throttlingBurstLimit - limits.apiClientBurstLimit);
    // ops-cli's own bucket still holds a token: the stage's bucket refuses.
    await refused("ops-cli", "throttled");
    // The refused request spent the key's last token before the stage refused it.
    clock.advance(1000 / limits.apiClientRateLimit);
    await accepted("ops-cli", 1);
  });
});

describe("API Gateway throttling on the local stack without auth (--no-auth)", function () {
  this.timeout(60_000);
  const clock = testClock();
  let stack: LocalStack;
  let watcher: ReturnType<typeof watch>;

  before(async () => {
    stack = await startLocalStack({
      port: 0,
      dynamoPort: 0,
      capacity: "unlimited",
      settings: resolveSettings(localStackName, objectSource(limits)),
      clock: clock.now,
    });
    watcher = watch(stack);
  });
  after(async () => {
    watcher?.close();
    await stack?.close();
  });

  const send = () => post(stack.destinationUrl, JSON.stringify(proposal()), jsonHeaders);

  it("applies only the stage's limits, and the ops page counts each 429 as a request and a 4XXError", async () => {
    const observability = observeLocalStack(stack, { evaluateOnTimer: false });
    try {
      // More than a key's burst gets through: no usage plan meters a request without a key.
      for (let i = 0; i < limits.throttlingBurstLimit; i++) assert.equal((await send()).status, 201);
      const [invocations, events] = [watcher.invocations(), await watcher.events()];
      assertRefused(await send(), "throttled", "TooManyRequestsException");
      assert.equal(watcher.invocations(), invocations, "the function was invoked");
      assert.equal(await watcher.events(), events, "the table changed");
      clock.advance(1000 / limits.throttlingRateLimit);
      assert.equal((await send()).status, 201);

      const { store, target } = observability;
      const metric = (metricName: string) => ({
        namespace: "AWS/ApiGateway",
        metricName,
        dimensions: { ApiName: target.names.restApiName, Stage: target.names.stageName },
      });
      const all = { start: 0, end: Date.now() + msPerDay };
      const sum = (name: string) => store.query(metric(name), "Sum", all).reduce((total, p) => total + p.value, 0);
      assert.equal(sum("Count"), limits.throttlingBurstLimit + 2);
      assert.equal(sum("4XXError"), 1);
      assert.equal(sum("5XXError"), 0);
      const integrations = store.query(metric("IntegrationLatency"), "SampleCount", all).reduce((total, p) => total + p.value, 0);
      assert.equal(integrations, limits.throttlingBurstLimit + 1, "the throttled request reached no integration");
    } finally {
      observability.close();
    }
  });
});

describe("npm start --throttling", () => {
  it("lifts the limits only when given unlimited, and refuses any other value", () => {
    assert.equal(localSettings({ throttling: "unlimited" }, {}).throttling, "unlimited");
    assert.equal(localSettings({}, {}).throttling, undefined);
    assert.throws(() => localSettings({ throttling: "off" }, {}), /--throttling takes only "unlimited"/);
  });
});
