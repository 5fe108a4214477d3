// The README's limits, each checked on both sides at the local stack's API over loopback, with
// the numbers written as the README states them. A limit that moves in the code fails here.
import assert from "node:assert/strict";
import { countEvents, sharedLocalStack } from "../support/localStack";
import { jsonHeaders, post, proposal, type Reply } from "../support/http";

describe("POST /destination at each documented limit", () => {
  let url: string;
  before(async () => {
    url = (await sharedLocalStack()).destinationUrl;
  });

  async function send(body: string, headers: Record<string, string> = jsonHeaders): Promise<{ reply: Reply; written: number }> {
    const before = await countEvents();
    const reply = await post(url, body, headers);
    return { reply, written: (await countEvents()) - before };
  }

  /** Accepted: 201 and one event written. */
  async function accepted(body: Record<string, unknown>, what: string): Promise<void> {
    const { reply, written } = await send(JSON.stringify(body));
    assert.equal(reply.status, 201, `${what}: ${reply.text}`);
    assert.equal(written, 1, what);
  }

  /** Refused with 400 naming exactly these fields, and nothing written. */
  async function refused(body: Record<string, unknown>, fields: string[], what: string): Promise<void> {
    const { reply, written } = await send(JSON.stringify(body));
    assert.equal(reply.status, 400, `${what}: ${reply.text}`);
    assert.deepEqual(
      (reply.json.errors as { field: string }[]).map((e) => e.field),
      fields,
      what,
    );
    assert.equal(written, 0, what);
  }

  it("name: 1 to 200 characters after trimming", async () => {
    await accepted(proposal({ name: "n".repeat(200) }), "200");
    await accepted(proposal({ name: `  ${"n".repeat(200)}  ` }), "200 after trimming");
    await accepted(proposal({ name: "n" }), "1");
    await refused(proposal({ name: "n".repeat(201) }), ["name"], "201");
    await refused(proposal({ name: "   " }), ["name"], "0 after trimming");
  });

  it("description: at most 2,000 characters after trimming", async () => {
    await accepted(proposal({ description: "d".repeat(2000) }), "2,000");
    await accepted(proposal({ description: ` ${"d".repeat(2000)} ` }), "2,000 after trimming");
    await refused(proposal({ description: "d".repeat(2001) }), ["description"], "2,001");
  });

  it("website: at most 2,048 characters as sent, after trimming", async () => {
    const site = (length: number) => `https://example.org/${"w".repeat(length - "https://example.org/".length)}`;
    assert.equal(site(2048).length, 2048);
    await accepted(proposal({ website: site(2048) }), "2,048");
    await accepted(proposal({ website: ` ${site(2048)} ` }), "2,048 after trimming");
    await refused(proposal({ website: site(2049) }), ["website"], "2,049");
  });

  it("tags: at most 10, each 1 to 30 characters", async () => {
    const tags = (count: number, length = 5) => Array.from({ length: count }, (_, i) => `${i}`.padEnd(length, "t"));
    await accepted(proposal({ tags: tags(10) }), "10 tags");
    await refused(proposal({ tags: tags(11) }), ["tags"], "11 tags");
    await accepted(proposal({ tags: tags(1, 30) }), "a tag of 30");
    await accepted(proposal({ tags: ["t"] }), "a tag of 1");
    await refused(proposal({ tags: tags(1, 31) }), ["tags.0"], "a tag of 31");
    await refused(proposal({ tags: ["ok", " "] }), ["tags.1"], "a tag of 0 after trimming");
  });

  it("latitude: -90 to 90; longitude: -180 to 180", async () => {
    for (const [latitude, longitude] of [
      [90, 180],
      [-90, -180],
    ]) {
      await accepted(proposal({ location: { latitude, longitude } }), `${latitude}, ${longitude}`);
    }
    await refused(proposal({ location: { latitude: 90.000001, longitude: 0 } }), ["location.latitude"], "90.000001");
    await refused(proposal({ location: { latitude: -90.000001, longitude: 0 } }), ["location.latitude"], "-90.000001");
    await refused(proposal({ location: { latitude: 0, longitude: 180.000001 } }), ["location.longitude"], "180.000001");
    await refused(proposal({ location: { latitude: 0, longitude: -180.000001 } }), ["location.longitude"], "-180.000001");
  });

  it("body: 65,536 bytes (64 KiB) accepted, 65,537 answered 413", async () => {
    // JSON allows whitespace after the value: a valid proposal padded to the exact size.
    const sized = (bytes: number) => {
      const json = JSON.stringify(proposal({ description: "é".repeat(1000) }));
      return json + " ".repeat(bytes - Buffer.byteLength(json));
    };
    assert.equal(Buffer.byteLength(sized(65_536)), 65_536);
    const atLimit = await send(sized(65_536));
    assert.equal(atLimit.reply.status, 201, atLimit.reply.text);
    assert.equal(atLimit.written, 1);
    const over = await send(sized(65_537));
    assert.equal(over.reply.status, 413, over.reply.text);
    assert.equal(over.reply.json.type, "/problems/tooLarge");
    assert.equal(over.written, 0);
  });

  it("Idempotency-Key: 1 to 100 printable ASCII characters", async () => {
    const stamp = `${Date.now()}-`;
    for (const key of [`${stamp}${"k".repeat(100 - stamp.length)}`, "k", ` ~${stamp}`]) {
      const { reply, written } = await send(JSON.stringify(proposal()), { ...jsonHeaders, "Idempotency-Key": key });
      assert.equal(reply.status, 201, `${JSON.stringify(key)}: ${reply.text}`);
      assert.equal(written, reply.headers.get("idempotent-replayed") === "true" ? 0 : 1);
    }
    for (const key of ["k".repeat(101), "tab\there", ""]) {
      const { reply, written } = await send(JSON.stringify(proposal()), { ...jsonHeaders, "Idempotency-Key": key });
      assert.equal(reply.status, 400, `${JSON.stringify(key)}: ${reply.text}`);
      assert.deepEqual(
        (reply.json.errors as { field: string }[]).map((e) => e.field),
        ["Idempotency-Key"],
      );
      assert.equal(written, 0);
    }
  });
});
