import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { checkIdempotencyKey, fingerprint, idempotencyKeyHeader, keyedDestinationId, uuidV5 } from "../../handlers/http/idempotency";

describe("idempotency keys", () => {
  it("derives RFC 9562 UUIDv5 values (the DNS namespace example)", () => {
    const dnsNamespace = Buffer.from("6ba7b8109dad11d180b400c04fd430c8", "hex");
    assert.equal(uuidV5("www.example.com", dnsNamespace), "2ed6657d-e927-568b-95e1-2665a8aea6a2");
  });

  it("maps one key to one destination id and different keys to different ids", () => {
    assert.equal(uuidV5("key-1"), uuidV5("key-1"));
    assert.notEqual(uuidV5("key-1"), uuidV5("key-2"));
  });

  it("keeps each editor's keys apart: one key gives each editor an id of their own", () => {
    const [alice, bob] = ["1b4e28ba-2fa1-41d2-883f-0016d3cca427", "6fa459ea-ee8a-4ca4-894e-db77e160355e"];
    assert.equal(keyedDestinationId("key-1", alice), keyedDestinationId("key-1", alice));
    assert.notEqual(keyedDestinationId("key-1", alice), keyedDestinationId("key-1", bob));
    assert.notEqual(keyedDestinationId("key-1", alice), keyedDestinationId("key-2", alice));
    assert.notEqual(keyedDestinationId("key-1", alice), keyedDestinationId("key-1"));
    // Without a signed-in editor (an API run without authorisation) the key alone names the id.
    assert.equal(keyedDestinationId("key-1"), uuidV5("key-1"));
    assert.match(keyedDestinationId("key-1", alice), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("accepts 1-100 printable ASCII characters and nothing else", () => {
    assert.deepEqual(checkIdempotencyKey(undefined), { ok: true });
    assert.deepEqual(checkIdempotencyKey("a b~!"), { ok: true, key: "a b~!" });
    assert.ok(checkIdempotencyKey("k".repeat(100)).ok);
    for (const bad of ["", "k".repeat(101), "tab\there", "é", "line\n"]) {
      assert.equal(checkIdempotencyKey(bad).ok, false, JSON.stringify(bad));
    }
  });

  it("fingerprints proposals independently of key order", () => {
    assert.equal(fingerprint({ a: 1, b: { c: [1, 2], d: "x" } }), fingerprint({ b: { d: "x", c: [1, 2] }, a: 1 }));
    assert.notEqual(fingerprint({ a: 1 }), fingerprint({ a: 2 }));
  });

  it("fingerprints every field of a proposal, nested ones and array order included", () => {
    const full = {
      name: "Wembury",
      location: { latitude: 50.317, longitude: -4.083 },
      description: "Low tide",
      website: "https://example.org/w",
      tags: ["coast", "free"],
    };
    const variants = [
      full,
      { ...full, name: "Wembury Point" },
      { ...full, location: { latitude: 50.318, longitude: -4.083 } },
      { ...full, location: { latitude: 50.317, longitude: -4.084 } },
      { ...full, description: "High tide" },
      { ...full, description: undefined },
      { ...full, website: "https://example.org/x" },
      { ...full, tags: ["coast"] },
      { ...full, tags: ["free", "coast"] },
      { ...full, tags: [] },
      { ...full, tags: ["coast,free"] },
      { ...full, name: 1 },
      { ...full, name: null },
      { ...full, location: null },
    ];
    assert.equal(new Set(variants.map(fingerprint)).size, variants.length);
    // An absent field and one set to undefined are the same proposal.
    assert.equal(
      fingerprint({ ...full, description: undefined }),
      fingerprint({ name: full.name, location: full.location, website: full.website, tags: full.tags }),
    );
    // A SHA-256 digest, base64url: 43 characters.
    assert.match(fingerprint(full), /^[A-Za-z0-9_-]{43}$/);
    assert.equal(fingerprint({ b: 1, a: 2 }), fingerprint({ a: 2, b: 1 }));
    // The digest is of a canonical text: keys sorted, undefined members left out, no spaces.
    const sha256 = (text: string) => createHash("sha256").update(text).digest("base64url");
    assert.equal(fingerprint({ b: 1, a: 2 }), sha256('{"a":2,"b":1}'));
    assert.equal(fingerprint({ b: 1, a: [2, "x", { d: null, c: 1, e: undefined }] }), sha256('{"a":[2,"x",{"c":1,"d":null}],"b":1}'));
    assert.equal(fingerprint({ c: 3, f: 6, a: 1, e: 5, b: 2, d: 4 }), sha256('{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6}'));
    assert.equal(fingerprint(["é", 1.5, true]), sha256('["é",1.5,true]'));
  });

  // Stored events hold ids made with these namespaces: a retry after a change of namespace would
  // land on a new stream and write the proposal twice.
  it("derives the same ids as every earlier release", () => {
    assert.equal(keyedDestinationId("editor-42-2026-11-27-001"), "edfc4843-b8cb-57a7-b355-34d7fd38b2af");
    assert.equal(keyedDestinationId("editor-42-2026-11-27-001", "sub-alice"), "1dab2e3b-fe13-52b7-8a13-e293737d3c64");
  });

  it("names the header and the rule in its refusal", () => {
    assert.equal(idempotencyKeyHeader, "idempotency-key");
    assert.deepEqual(checkIdempotencyKey(""), {
      ok: false,
      problem: {
        reason: "validation",
        status: 400,
        title: "Invalid Idempotency-Key header",
        detail: "Idempotency-Key must be 1-100 printable ASCII characters",
        errors: [{ field: "Idempotency-Key", message: "must be 1-100 printable ASCII characters" }],
      },
    });
  });
});
