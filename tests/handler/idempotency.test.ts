import assert from "node:assert/strict";
import { checkIdempotencyKey, fingerprint, uuidV5 } from "../../handlers/http/idempotency";

describe("idempotency keys", () => {
  it("derives RFC 9562 UUIDv5 values (the DNS namespace example)", () => {
    const dnsNamespace = Buffer.from("6ba7b8109dad11d180b400c04fd430c8", "hex");
    assert.equal(uuidV5("www.example.com", dnsNamespace), "2ed6657d-e927-568b-95e1-2665a8aea6a2");
  });

  it("maps one key to one destination id and different keys to different ids", () => {
    assert.equal(uuidV5("key-1"), uuidV5("key-1"));
    assert.notEqual(uuidV5("key-1"), uuidV5("key-2"));
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
});
