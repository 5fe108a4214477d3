// The body rules of the README: JSON in UTF-8, at most 64 KiB (65,536 bytes) as sent or as
// decoded from base64, with the problem each refusal answers.
import assert from "node:assert/strict";
import { header, parseJsonBody } from "../../handlers/http/request";

const json = { "Content-Type": "application/json" };
const parse = (body: string | null, headers: Record<string, string | undefined> | null = json, isBase64Encoded = false) =>
  parseJsonBody({ headers: headers as Record<string, string | undefined>, body, isBase64Encoded });
const refusal = (result: ReturnType<typeof parse>) => {
  assert.equal(result.ok, false);
  return result.ok ? undefined : { reason: result.problem.reason, status: result.problem.status, detail: result.problem.detail };
};
/** A JSON object of exactly `bytes` bytes in UTF-8. */
const sized = (bytes: number, unit = "a") => {
  const envelope = '{"d":""}';
  const units = Math.floor((bytes - envelope.length) / Buffer.byteLength(unit));
  const text = `{"d":"${unit.repeat(units)}"}`;
  return text + " ".repeat(bytes - Buffer.byteLength(text));
};

describe("request body", () => {
  it("accepts 65,536 bytes and answers 413 for 65,537, counted in UTF-8 bytes", () => {
    assert.equal(Buffer.byteLength(sized(65_536, "é")), 65_536);
    assert.ok(parse(sized(65_536)).ok);
    assert.ok(parse(sized(65_536, "é")).ok);
    assert.deepEqual(refusal(parse(sized(65_537))), {
      reason: "tooLarge",
      status: 413,
      detail: "the body is 65537 bytes; the limit is 65536 bytes",
    });
    assert.equal(refusal(parse(sized(65_537, "é")))?.status, 413);
  });

  it("measures a base64 body by its decoded bytes", () => {
    const encoded = (text: string) => Buffer.from(text).toString("base64");
    assert.ok(parse(encoded(sized(65_536)), json, true).ok);
    assert.equal(refusal(parse(encoded(sized(65_537)), json, true))?.status, 413);
    const result = parse(encoded('{"name":"Café"}'), json, true);
    assert.deepEqual(result, { ok: true, json: { name: "Café" } });
  });

  it("refuses an empty body, bytes that are not UTF-8 and text that is not JSON, as malformed", () => {
    assert.deepEqual(refusal(parse("")), { reason: "malformed", status: 400, detail: "the body is empty; send a JSON object" });
    assert.deepEqual(refusal(parse(null)), { reason: "malformed", status: 400, detail: "the body is empty; send a JSON object" });
    assert.deepEqual(refusal(parse(Buffer.from([0x7b, 0xff, 0x7d]).toString("base64"), json, true)), {
      reason: "malformed",
      status: 400,
      detail: "the body is not valid UTF-8",
    });
    const notJson = refusal(parse("{oops"));
    assert.equal(notJson?.reason, "malformed");
    assert.match(notJson?.detail ?? "", /^the body is not valid JSON: /);
  });

  it("accepts application/json and application/*+json in UTF-8, with or without the charset", () => {
    for (const type of [
      "application/json",
      "Application/JSON",
      " application/json ; charset=utf-8",
      'application/json; charset="UTF-8"',
      "application/json; charset=utf8",
      "application/json; version=2; charset=utf-8",
      "application/problem+json",
      "application/vnd.visitplannr.v1+json",
    ]) {
      assert.deepEqual(parse("{}", { "Content-Type": type }), { ok: true, json: {} }, type);
    }
  });

  it("answers 415 for any other media type or charset, naming it", () => {
    const problem = (type: string | undefined) => refusal(parse("{}", { "Content-Type": type }));
    assert.deepEqual(problem(undefined), { reason: "mediaType", status: 415, detail: "a Content-Type of application/json is required" });
    assert.deepEqual(problem("text/plain"), {
      reason: "mediaType",
      status: 415,
      detail: "text/plain is not supported; send application/json",
    });
    assert.deepEqual(problem(";"), { reason: "mediaType", status: 415, detail: "(empty) is not supported; send application/json" });
    assert.deepEqual(problem("application/json; charset=latin1"), {
      reason: "mediaType",
      status: 415,
      detail: "charset latin1 is not supported; send UTF-8",
    });
    for (const type of ["application/+json", "xapplication/a+json", "application/a+jsonx", "application/a b+json", "application/json+"]) {
      assert.equal(problem(type)?.status, 415, type);
    }
    assert.equal(refusal(parse("{}", null))?.status, 415);
    assert.equal(problem("application/json; version=2; charset=latin1")?.detail, "charset latin1 is not supported; send UTF-8");
  });

  it("finds a header whatever its case, and only that header", () => {
    const event = { headers: { "X-Other": "no", "CONTENT-type": "application/json", empty: undefined } };
    assert.equal(header(event, "content-type"), "application/json");
    assert.equal(header(event, "Content-Type"), "application/json");
    assert.equal(header(event, "empty"), undefined);
    assert.equal(header(event, "missing"), undefined);
    assert.equal(header({ headers: null as unknown as Record<string, string> }, "content-type"), undefined);
  });
});
