import assert from "node:assert/strict";
import { read } from "../../handlers/eventStore/eventStore";
import { fingerprint } from "../../handlers/http/idempotency";
import { countEvents, sharedLocalStack, storeClient } from "../support/localStack";
import { jsonHeaders, post, proposal, type Reply } from "../support/http";
import { proxyEvent } from "../support/proxyEvent";

describe("POST /destination on the local stack", () => {
  let url: string;
  before(async () => {
    url = (await sharedLocalStack()).destinationUrl;
  });

  /** Sends a request that must be refused, and checks the table did not change. */
  async function refused(body: string, headers: Record<string, string>, status: number, method = "POST", to = url): Promise<Reply> {
    const before = await countEvents();
    const reply = await post(to, body, headers, method);
    assert.equal(reply.status, status, reply.text);
    assert.equal(reply.headers.get("content-type"), "application/problem+json");
    assert.equal(reply.json.status, status);
    assert.equal(typeof reply.json.detail, "string");
    assert.equal(reply.json.correlationId, reply.headers.get("x-amzn-requestid"));
    assert.equal(await countEvents(), before, "a refused request must write nothing");
    return reply;
  }

  it("accepts a proposal as event 0 of a new stream and says where it lives", async () => {
    const body = proposal({ description: "  Rock pools at low tide ", tags: ["coast", "free"], website: "https://example.org/wembury" });
    const reply = await post(url, JSON.stringify(body), { ...jsonHeaders, "User-Agent": "editor-test/1.0" });
    assert.equal(reply.status, 201, reply.text);
    const { destinationId, streamName, eventNumber } = reply.json as { destinationId: string; streamName: string; eventNumber: number };
    assert.match(destinationId, /^[0-9a-f-]{36}$/);
    assert.equal(streamName, `destination-${destinationId}`);
    assert.equal(eventNumber, 0);
    assert.equal(reply.headers.get("location"), `/destination/${destinationId}`);

    const stack = await sharedLocalStack();
    const events = await read(await storeClient(), stack.tableName, streamName);
    assert.equal(events.length, 1);
    const [event] = events;
    assert.equal(event!.type, "DestinationProposed");
    assert.deepEqual(event!.data, { ...body, description: "Rock pools at low tide" });
    assert.equal(event!.metadata.correlationId, reply.headers.get("x-amzn-requestid"));
    // The user agent and source address are the access log's, never the event's.
    assert.equal(JSON.stringify(event!.metadata).includes("editor-test/1.0"), false);
    assert.equal(JSON.stringify(event!.metadata).includes("127.0.0.1"), false);
    assert.ok(!Number.isNaN(Date.parse(String(event!.metadata.receivedAt))));
    // Without an Idempotency-Key there is no retry to recognise, so no fingerprint is stored.
    assert.equal(event!.metadata.idempotencyKey, undefined);
    assert.equal(event!.metadata.fingerprint, undefined);
  });

  it("answers 400 for malformed JSON", async () => {
    const reply = await refused("{not json", jsonHeaders, 400);
    assert.equal(reply.json.type, "/problems/malformed");
  });

  it("answers 400 listing every failing field, not just the first", async () => {
    const bad = { name: " ", location: { latitude: 91, longitude: -181 }, website: "ftp://x", tags: ["a", "A"], colour: "red" };
    const reply = await refused(JSON.stringify(bad), jsonHeaders, 400);
    const fields = (reply.json.errors as { field: string }[]).map((e) => e.field).sort();
    assert.deepEqual(fields, ["colour", "location.latitude", "location.longitude", "name", "tags", "website"]);
  });

  it("answers 415 for a missing or non-JSON content type", async () => {
    await refused(JSON.stringify(proposal()), {}, 415);
    await refused(JSON.stringify(proposal()), { "Content-Type": "text/plain" }, 415);
    await refused(JSON.stringify(proposal()), { "Content-Type": "application/json; charset=latin1" }, 415);
  });

  it("answers 413 for a body over 64 KiB", async () => {
    const reply = await refused(JSON.stringify(proposal({ description: "x".repeat(70_000) })), jsonHeaders, 413);
    assert.match(String(reply.json.detail), /65536/);
  });

  it("is refused at the gateway for any other method or path, as API Gateway refuses it: 403, never reaching the function", async () => {
    const stack = await sharedLocalStack();
    let invocations = 0;
    const stop = stack.lambda.onInvocation(() => (invocations += 1));
    try {
      for (const [method, path] of [
        ["GET", "/destination"],
        ["DELETE", "/destination"],
        ["POST", "/destinations"],
        ["POST", "/destination/x"],
      ] as const) {
        const reply = await refused(JSON.stringify(proposal()), jsonHeaders, 403, method, url.replace("/destination", path));
        assert.equal(reply.headers.get("x-amzn-errortype"), "ForbiddenException", `${method} ${path}`);
        assert.equal(reply.json.type, "/problems/forbidden");
      }
      assert.equal(invocations, 0, "the function was invoked");
    } finally {
      stop();
    }
  });

  it("answers 405 with Allow and 404 itself, should a request for another method or path reach the function", async () => {
    const stack = await sharedLocalStack();
    const invoke = (method: string, path: string) =>
      stack.lambda.invoke(
        proxyEvent({ method, path, headers: jsonHeaders, body: JSON.stringify(proposal()), isBase64Encoded: false }, `misrouted-${method}`),
      );
    const before = await countEvents();
    const wrongMethod = await invoke("GET", "/destination");
    assert.equal(wrongMethod.statusCode, 405);
    assert.equal(wrongMethod.headers?.["Allow"], "POST");
    const wrongPath = await invoke("POST", "/destinations");
    assert.equal(wrongPath.statusCode, 404);
    assert.equal(wrongPath.headers?.["Content-Type"], "application/problem+json");
    assert.equal(await countEvents(), before);
  });

  it("accepts a vendor +json media type", async () => {
    const reply = await post(url, JSON.stringify(proposal()), { "Content-Type": "application/vnd.visitplannr+json" });
    assert.equal(reply.status, 201, reply.text);
  });

  it("makes a retry with the same Idempotency-Key safe: same answer, nothing new written", async () => {
    const headers = { ...jsonHeaders, "Idempotency-Key": `retry-${Date.now()}` };
    const first = await post(url, JSON.stringify(proposal()), headers);
    assert.equal(first.status, 201);
    const written = await countEvents();
    const again = await post(url, JSON.stringify(proposal()), headers);
    assert.equal(again.status, 201);
    assert.deepEqual(again.json, first.json);
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    assert.equal(await countEvents(), written);
    const stack = await sharedLocalStack();
    const [event] = await read(await storeClient(), stack.tableName, (first.json as { streamName: string }).streamName);
    assert.equal(event!.metadata.idempotencyKey, headers["Idempotency-Key"]);
    assert.equal(event!.metadata.fingerprint, fingerprint(event!.data));
  });

  it("answers 409 when an Idempotency-Key is reused for a different proposal", async () => {
    const headers = { ...jsonHeaders, "Idempotency-Key": `reuse-${Date.now()}` };
    assert.equal((await post(url, JSON.stringify(proposal()), headers)).status, 201);
    const reply = await refused(JSON.stringify(proposal({ name: "Something else" })), headers, 409);
    assert.equal(reply.json.type, "/problems/conflict");
  });

  it("answers 409 when a reused Idempotency-Key comes with any one field of the proposal changed", async () => {
    const full = proposal({ description: "Low tide", website: "https://example.org/w", tags: ["coast", "free"] });
    const changes: Record<string, Record<string, unknown>> = {
      name: { name: "Wembury Point" },
      latitude: { location: { latitude: 50.318, longitude: -4.083 } },
      longitude: { location: { latitude: 50.317, longitude: -4.084 } },
      description: { description: "High tide" },
      "no description": { description: undefined },
      website: { website: "https://example.org/x" },
      tags: { tags: ["coast"] },
      "tag order": { tags: ["free", "coast"] },
    };
    for (const [what, change] of Object.entries(changes)) {
      const headers = { ...jsonHeaders, "Idempotency-Key": `field-${what}-${Date.now()}` };
      assert.equal((await post(url, JSON.stringify(full), headers)).status, 201, what);
      const reply = await refused(JSON.stringify({ ...full, ...change }), headers, 409);
      assert.equal(reply.json.type, "/problems/conflict", what);
      // The same proposal, its text differing only where it is normalised, is the same request.
      const same = await post(url, JSON.stringify({ ...full, name: ` ${String(full.name)} ` }), headers);
      assert.equal(same.status, 201, what);
      assert.equal(same.headers.get("idempotent-replayed"), "true", what);
    }
  });

  it("answers 400 for an Idempotency-Key that is not 1-100 printable ASCII characters", async () => {
    const reply = await refused(JSON.stringify(proposal()), { ...jsonHeaders, "Idempotency-Key": "k".repeat(101) }, 400);
    // Its own title: the proposal is fine, the header is not.
    assert.equal(reply.json.title, "Invalid Idempotency-Key header");
    assert.equal(reply.json.detail, "Idempotency-Key must be 1-100 printable ASCII characters");
  });

  it("refuses a body with an injected prototype key", async () => {
    const reply = await refused('{"name":"a","location":{"latitude":0,"longitude":0},"__proto__":{"admin":true}}', jsonHeaders, 400);
    assert.deepEqual(
      (reply.json.errors as { field: string }[]).map((e) => e.field),
      ["__proto__"],
    );
  });
});
