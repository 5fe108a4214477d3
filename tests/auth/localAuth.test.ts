// The local stack with authentication on, as `npm start` runs it: a missing or bad credential
// is refused with 401/403 problem+json before the function runs; an editor is named in the
// event by sub alone; an authenticated non-editor is refused by the function.
import assert from "node:assert/strict";
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { read } from "../../handlers/eventStore/eventStore";
import { createLocalAuth, sampleEditor, type LocalAuth, type LocalUser } from "../../local/auth/localAuth";
import { localDynamoClient } from "../../local/dynamodb/server";
import { startLocalStack, type LocalStack } from "../../local/stack";
import { jsonHeaders, post, proposal, type Reply } from "../support/http";
import { countItems } from "../support/localStack";

/** The `sub` claim of an ID token, read without verifying it. */
function subOf(token: string): string {
  return String((JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as { sub: unknown }).sub);
}

describe("the local stack with editor authentication", function () {
  this.timeout(60_000);
  let stack: LocalStack;
  let auth: LocalAuth;
  let invocations = 0;
  let stopObserving: () => void;
  let client: ReturnType<typeof localDynamoClient>;
  /** The tokens' clock: a test moves it rather than waiting for a token to expire. */
  let now = Date.now();

  before(async () => {
    auth = await createLocalAuth(["editor-web", "ops-cli"], () => now);
    stack = await startLocalStack({ port: 0, dynamoPort: 0, auth });
    stopObserving = stack.lambda.onInvocation(() => (invocations += 1));
    client = localDynamoClient(stack.dynamo.endpoint);
  });
  after(async () => {
    stopObserving?.();
    client?.destroy();
    await stack?.close();
  });

  const body = JSON.stringify(proposal({ name: "Authenticated proposal" }));
  const credentials = (token?: string, apiKey?: string): Record<string, string> => ({
    ...jsonHeaders,
    ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
    ...(apiKey === undefined ? {} : { "x-api-key": apiKey }),
  });

  /** Sends a request the gateway must refuse: never reaching the function, writing nothing. */
  async function refusedAtGateway(headers: Record<string, string>, status: number): Promise<Reply> {
    const before = invocations;
    const reply = await post(stack.destinationUrl, body, headers);
    assert.equal(reply.status, status, reply.text);
    assert.equal(reply.headers.get("content-type"), "application/problem+json");
    assert.equal(reply.json.status, status);
    assert.equal(reply.json.correlationId, reply.headers.get("x-amzn-requestid"));
    assert.equal(invocations, before, "the function was invoked");
    return reply;
  }

  it("answers 401 without a token, with a malformed one, and with one signed by another key", async () => {
    const key = auth.clients[0]!.key;
    await refusedAtGateway(credentials(undefined, key), 401);
    await refusedAtGateway(credentials("not-a-jwt", key), 401);
    const stranger = await createLocalAuth(["editor-web"]);
    await refusedAtGateway(credentials(await stranger.issueToken(sampleEditor), key), 401);
    const reply = await refusedAtGateway(
      { ...jsonHeaders, Authorization: `Basic ${Buffer.from("a:b").toString("base64")}`, "x-api-key": key },
      401,
    );
    assert.equal(reply.json.type, "/problems/unauthorized");
  });

  it("accepts the ID token alone in Authorization, without 'Bearer ', as API Gateway's Cognito authoriser does", async () => {
    const token = await auth.issueToken(sampleEditor);
    const reply = await post(stack.destinationUrl, body, { ...jsonHeaders, Authorization: token, "x-api-key": auth.clients[0]!.key });
    assert.equal(reply.status, 201, reply.text);
  });

  it("answers 401 for an expired token", async () => {
    const token = await auth.issueToken(sampleEditor, 1);
    now += 2_100;
    await refusedAtGateway(credentials(token, auth.clients[0]!.key), 401);
  });

  it("answers 403 for a valid token without an API key or with an unknown one", async () => {
    const token = await auth.issueToken(sampleEditor);
    await refusedAtGateway(credentials(token), 403);
    const reply = await refusedAtGateway(credentials(token, "unknown-key"), 403);
    assert.equal(reply.json.type, "/problems/forbidden");
  });

  it("names the editor by sub only: no item in the table carries the e-mail, username, source address or user agent sent", async () => {
    const probe: LocalUser = { username: "privacy-probe", email: "privacy.probe@example.org", groups: ["editors"] };
    const token = await auth.issueToken(probe);
    const reply = await post(stack.destinationUrl, body, {
      ...credentials(token, auth.clients[1]!.key),
      "User-Agent": "privacy-probe-agent/2.0",
    });
    assert.equal(reply.status, 201, reply.text);
    const [event] = await read(client, stack.tableName, String(reply.json.streamName));
    assert.deepEqual(event!.metadata["editor"], { sub: subOf(token) });
    const items = await client.send(new ScanCommand({ TableName: stack.tableName, ConsistentRead: true }));
    const stored = JSON.stringify(items.Items);
    assert.ok(stored.includes(subOf(token)), "the scan sees the editor's sub");
    for (const personal of [
      "privacy.probe@example.org",
      'privacy-probe"',
      "privacy-probe-agent/2.0",
      "127.0.0.1",
      "userAgent",
      "sourceIp",
      "email",
      "username",
      "groups",
    ]) {
      assert.ok(!stored.includes(personal), `the table holds ${personal}`);
    }
  });

  it("lets the function refuse (403) a signed-in user who is not an editor, writing nothing", async () => {
    const token = await auth.issueToken({ username: "visitor", email: "visitor@example.org", groups: ["readers"] });
    const before = await countItems(client, stack.tableName);
    const reply = await post(stack.destinationUrl, body, {
      ...credentials(token, auth.clients[0]!.key),
      "Idempotency-Key": "not-an-editor",
    });
    assert.equal(reply.status, 403, reply.text);
    assert.equal(reply.headers.get("content-type"), "application/problem+json");
    assert.equal(reply.json.type, "/problems/forbidden");
    assert.equal(await countItems(client, stack.tableName), before);
  });

  it("keeps each editor's Idempotency-Keys apart: one key from two editors makes two destinations, and each retry replays its own", async () => {
    const bob: LocalUser = { username: "bob", email: "bob@example.org", groups: ["editors"] };
    const alice = sampleEditor;
    const subs = new Map<LocalUser, string>();
    const keyed = async (editor: LocalUser, name: string): Promise<Reply> => {
      const token = await auth.issueToken(editor);
      subs.set(editor, subOf(token));
      const send = JSON.stringify(proposal({ name }));
      return post(stack.destinationUrl, send, { ...credentials(token, auth.clients[0]!.key), "Idempotency-Key": "shared-key-1" });
    };
    const before = await countItems(client, stack.tableName);
    const first = await keyed(alice, "Alice's pick");
    const second = await keyed(bob, "Bob's pick");
    assert.equal(first.status, 201, first.text);
    assert.equal(second.status, 201, second.text);
    assert.equal(second.headers.get("idempotent-replayed"), null, "bob's proposal is new, not alice's replayed");
    assert.notEqual(second.json.destinationId, first.json.destinationId);
    assert.equal(await countItems(client, stack.tableName), before + 2);
    for (const [reply, editor] of [
      [first, alice],
      [second, bob],
    ] as const) {
      const [event] = await read(client, stack.tableName, String(reply.json.streamName));
      assert.deepEqual(event!.metadata["editor"], { sub: subs.get(editor) });
    }
    const bobAgain = await keyed(bob, "Bob's pick");
    assert.equal(bobAgain.status, 201, bobAgain.text);
    assert.equal(bobAgain.headers.get("idempotent-replayed"), "true");
    assert.deepEqual(bobAgain.json, second.json);
    assert.equal(await countItems(client, stack.tableName), before + 2);
  });
});
