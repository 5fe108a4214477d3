// The proxy event the local API gives the function: its request time is when the request
// arrived, as API Gateway's requestTimeEpoch is, not when its body finished arriving; an
// authorised request carries its claims and the API key it was let in with; a body is text
// whatever its type, as the deployed API declares no binary media types.
import assert from "node:assert/strict";
import { once } from "node:events";
import { request, type IncomingMessage } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { read } from "../../../handlers/eventStore/eventStore";
import { createLocalAuth, sampleEditor, type LocalAuth } from "../../../local/auth/localAuth";
import { startLocalApi } from "../../../local/api/server";
import type { LambdaRuntime } from "../../../local/lambda/runtime";
import { proposal } from "../../support/http";
import { sharedLocalStack, storeClient } from "../../support/localStack";

describe("local API proxy event", () => {
  it("stamps a request with the time it arrived, even when its body comes slowly", async () => {
    const stack = await sharedLocalStack();
    const body = Buffer.from(JSON.stringify(proposal({ name: "Slow upload" })));
    const half = Math.floor(body.length / 2);
    const sentFrom = Date.now();
    const req = request(stack.destinationUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Content-Length": body.length },
    });
    const answered = once(req, "response") as Promise<[IncomingMessage]>;
    req.write(body.subarray(0, half));
    await sleep(300);
    const restSentAt = Date.now();
    req.end(body.subarray(half));
    const [res] = await answered;
    let text = "";
    for await (const chunk of res) text += String(chunk);
    assert.equal(res.statusCode, 201, text);

    const [event] = await read(await storeClient(), stack.tableName, String((JSON.parse(text) as { streamName: string }).streamName));
    const receivedAt = Date.parse(String(event!.metadata["receivedAt"]));
    assert.ok(
      receivedAt >= sentFrom - 1 && receivedAt < restSentAt,
      `received at ${receivedAt}, sent from ${sentFrom}, rest sent at ${restSentAt}`,
    );
  });

  /** The local API in front of a function that records its events: what the API hands over is the subject here. */
  async function recordingApi(auth?: LocalAuth) {
    const events: APIGatewayProxyEvent[] = [];
    const runtime: LambdaRuntime = {
      invoke: async (event) => {
        events.push(event);
        return { statusCode: 204, body: "" };
      },
      onLog: () => () => undefined,
      onInvocation: () => () => undefined,
      close: async () => undefined,
    };
    return { api: await startLocalApi({ port: 0, stage: "local", runtime, ...(auth ? { auth } : {}) }), events };
  }

  it("passes a body of any content type as text, not base64", async () => {
    const { api, events } = await recordingApi();
    try {
      for (const type of ["application/octet-stream", "image/png", "application/json"]) {
        const res = await fetch(`${api.url}/destination`, { method: "POST", headers: { "Content-Type": type }, body: '{"name":"Café"}' });
        assert.equal(res.status, 204, type);
      }
      assert.deepEqual(
        events.map((e) => [e.body, e.isBase64Encoded]),
        Array.from({ length: 3 }, () => ['{"name":"Café"}', false]),
      );
    } finally {
      await api.close();
    }
  });

  it("hands over headers named __proto__ or constructor as data, repeated values and all", async () => {
    const { api, events } = await recordingApi();
    try {
      const res = await new Promise<IncomingMessage>((resolve, reject) => {
        const req = request(`${api.url}/destination?constructor=x`, {
          method: "POST",
          headers: ["Host", "127.0.0.1", "Content-Type", "application/json", "__proto__", "a", "__proto__", "b", "constructor", "c"],
        });
        req.once("response", resolve).once("error", reject);
        req.end("{}");
      });
      res.resume();
      assert.equal(res.statusCode, 204);
      const [event] = events;
      assert.equal(event?.headers["__proto__"], "b");
      assert.deepEqual(event?.multiValueHeaders["__proto__"], ["a", "b"]);
      assert.equal(event?.headers["constructor"], "c");
      assert.equal(event?.queryStringParameters?.["constructor"], "x");
    } finally {
      await api.close();
    }
  });

  it("names the API key an authorised request was let in with, and its editor's claims", async () => {
    const auth = await createLocalAuth(["editor-web", "ops-cli"]);
    const { api, events } = await recordingApi(auth);
    try {
      const client = auth.clients[1]!;
      const res = await fetch(`${api.url}/destination`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Authorization: `Bearer ${await auth.issueToken(sampleEditor)}`,
          "x-api-key": client.key,
        },
        body: JSON.stringify(proposal()),
      });
      assert.equal(res.status, 204, await res.text());
      const [event] = events;
      assert.equal(event?.requestContext.identity.apiKey, client.key);
      assert.equal(event?.requestContext.identity.apiKeyId, client.name);
      assert.equal(event?.requestContext.authorizer?.["claims"]?.["cognito:username"], sampleEditor.username);
      assert.equal(event?.requestContext.identity.sourceIp, "127.0.0.1");
    } finally {
      await api.close();
    }
  });
});
