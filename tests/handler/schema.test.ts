import assert from "node:assert/strict";
import fc from "fast-check";
import { parseProposal } from "../../handlers/proposal/schema";
import { refusedFields } from "../properties/documentedRules";
import { anyJsonBody, boundaryProposal, validProposal } from "../properties/requests";

const valid = { name: "Tide pools", location: { latitude: 50.3, longitude: -4.08 } };
const errorsOf = (body: unknown) => {
  const result = parseProposal(body);
  assert.equal(result.ok, false, "expected a rejection");
  return result.ok ? [] : result.errors;
};
const fieldsOf = (body: unknown): string[] => errorsOf(body).map((e) => e.field);

describe("proposal schema", () => {
  it("normalises: trims text and canonicalises the website URL", () => {
    const result = parseProposal({
      ...valid,
      name: "  Tide pools ",
      description: " low tide ",
      website: "HTTPS://Example.org/a b",
      tags: [" coast "],
    });
    assert.ok(result.ok);
    assert.deepEqual(result.proposal, {
      ...valid,
      description: "low tide",
      website: "https://example.org/a%20b",
      tags: ["coast"],
    });
  });

  it("accepts the boundaries of every limit", () => {
    const result = parseProposal({
      name: "n".repeat(200),
      location: { latitude: -90, longitude: 180 },
      description: "d".repeat(2000),
      tags: Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(30, "t")),
    });
    assert.ok(result.ok);
  });

  it("rejects just past every limit, naming each field", () => {
    assert.deepEqual(
      fieldsOf({
        name: "n".repeat(201),
        location: { latitude: -90.0001, longitude: 180.0001 },
        description: "d".repeat(2001),
        tags: Array.from({ length: 11 }, (_, i) => `tag${i}`),
      }).sort(),
      ["description", "location.latitude", "location.longitude", "name", "tags"],
    );
    assert.deepEqual(fieldsOf({ ...valid, tags: ["t".repeat(31)] }), ["tags.0"]);
  });

  it("requires name and location, and numbers for coordinates", () => {
    assert.deepEqual(fieldsOf({}).sort(), ["location", "name"]);
    assert.deepEqual(fieldsOf({ ...valid, location: { latitude: "50", longitude: null } }).sort(), [
      "location.latitude",
      "location.longitude",
    ]);
  });

  it("rejects unknown fields rather than dropping them", () => {
    assert.deepEqual(fieldsOf({ ...valid, descripton: "typo" }), ["descripton"]);
    assert.deepEqual(fieldsOf({ ...valid, location: { ...valid.location, altitude: 3 } }), ["location.altitude"]);
  });

  it("names the first ten unknown fields of an object and counts the rest", () => {
    const extra = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`x${i}`, i]));
    const errors = errorsOf({ ...valid, ...extra, location: { ...valid.location, ...extra } });
    assert.deepEqual(
      errors.map((e) => e.field),
      [...Array.from({ length: 10 }, (_, i) => `location.x${i}`), "location", ...Array.from({ length: 10 }, (_, i) => `x${i}`), "(body)"],
    );
    assert.equal(errors[10]!.message, "has 90 more unknown fields");
    assert.equal(errors[21]!.message, "has 90 more unknown fields");
    assert.deepEqual(fieldsOf({ ...valid, ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`x${i}`, i])) }).length, 10);
  });

  it("rejects websites that are not absolute http(s) URLs", () => {
    for (const website of ["ftp://example.org", "/relative", "example.org", "javascript:alert(1)"]) {
      assert.deepEqual(fieldsOf({ ...valid, website }), ["website"], website);
    }
  });

  it("rejects repeated tags regardless of case, empty tags and control characters", () => {
    assert.deepEqual(fieldsOf({ ...valid, tags: ["Beach", "beach"] }), ["tags"]);
    // The same tag, composed and decomposed: they look alike in every listing.
    assert.deepEqual(fieldsOf({ ...valid, tags: ["Caf\u00e9", "cafe\u0301"] }), ["tags"]);
    // Compared in lower case: "Straße" and "STRAßE" repeat; "Straße" and "STRASSE" (upper-cased alike) do not.
    assert.deepEqual(fieldsOf({ ...valid, tags: ["Stra\u00dfe", "STRA\u00dfE"] }), ["tags"]);
    const twoTags = parseProposal({ ...valid, tags: ["Stra\u00dfe", "STRASSE"] });
    assert.deepEqual(twoTags.ok && twoTags.proposal.tags, ["Stra\u00dfe", "STRASSE"]);
    assert.deepEqual(fieldsOf({ ...valid, tags: ["  "] }), ["tags.0"]);
    assert.deepEqual(fieldsOf({ ...valid, name: "bell\u0007" }), ["name"]);
  });

  it("rejects text that is not valid Unicode", () => {
    assert.deepEqual(fieldsOf({ ...valid, name: "broken \ud800" }), ["name"]);
    // The URL parser would turn it into U+FFFD and the website would be stored changed.
    assert.deepEqual(fieldsOf({ ...valid, website: "https://example.org/\ud800" }), ["website"]);
  });

  it("rejects bodies that are not objects", () => {
    for (const body of [null, [], "text", 42, true]) assert.deepEqual(fieldsOf(body), ["(body)"]);
  });

  it("says what is wrong with each field in words an editor can act on", () => {
    assert.deepEqual(errorsOf({ name: " ", location: { latitude: 91, longitude: "4" }, tags: "beach", colour: "red" }), [
      { field: "name", message: "must not be empty" },
      { field: "location.latitude", message: "must be from -90 to 90" },
      { field: "location.longitude", message: "must be a number" },
      { field: "tags", message: "must be an array of strings" },
      { field: "colour", message: "is not a known field (expected name, location, description, website, tags)" },
    ]);
    assert.deepEqual(errorsOf({}), [
      { field: "name", message: "is required" },
      { field: "location", message: "is required" },
    ]);
  });

  // Node 20's URL.canParse, once optimised, refuses some non-ASCII URLs it accepted before.
  it("gives the same answer for a non-ASCII website however often it is asked", () => {
    const body = { ...valid, website: "https://é.fr/ü" };
    for (let i = 0; i < 20_000; i++) {
      const result = parseProposal(body);
      assert.ok(result.ok, `refused on call ${i}`);
      assert.equal(result.proposal.website, "https://xn--9ca.fr/%C3%BC");
    }
  });

  it("accepts every valid proposal, and accepts what it returns unchanged", () => {
    fc.assert(
      fc.property(validProposal, (body) => {
        const first = parseProposal(body);
        assert.ok(first.ok, JSON.stringify(first));
        const again = parseProposal(first.proposal);
        assert.ok(again.ok);
        assert.deepEqual(again.proposal, first.proposal);
      }),
      { numRuns: 2000 },
    );
  });

  it("accepts or refuses every body as the documented rules do, naming the same fields", () => {
    fc.assert(
      fc.property(fc.oneof(boundaryProposal, anyJsonBody), (body) => {
        const result = parseProposal(body);
        assert.deepEqual(result.ok ? [] : result.errors.map((e) => e.field).sort(), refusedFields(body), JSON.stringify(body));
      }),
      { numRuns: 3000 },
    );
  });

  it("says for each rule what is wrong, in words an editor can act on", () => {
    const message = (body: unknown) => errorsOf(body).map((e) => `${e.field}: ${e.message}`);
    assert.deepEqual(message({ ...valid, name: 5 }), ["name: must be a string"]);
    assert.deepEqual(message({ ...valid, name: "a\ud800" }), ["name: must be valid Unicode (no lone surrogates)"]);
    assert.deepEqual(message({ ...valid, name: "n".repeat(201) }), ["name: must be at most 200 characters"]);
    assert.deepEqual(message({ ...valid, name: "tab\there" }), ["name: must not contain control characters"]);
    assert.deepEqual(message({ ...valid, description: "d".repeat(2001) }), ["description: must be at most 2000 characters"]);
    assert.deepEqual(message({ ...valid, website: 5 }), ["website: must be a string"]);
    assert.deepEqual(message({ ...valid, website: "ftp://example.org" }), ["website: must be an absolute http(s) URL"]);
    assert.deepEqual(message({ ...valid, location: [] }), ["location: must be an object with latitude and longitude"]);
    assert.deepEqual(message({ ...valid, tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }), ["tags: must hold at most 10 tags"]);
    assert.deepEqual(message({ ...valid, tags: ["a", "A"] }), ["tags: must not repeat a tag (case-insensitive)"]);
    assert.deepEqual(message({ ...valid, tags: ["t".repeat(31)] }), ["tags.0: must be at most 30 characters"]);
    assert.deepEqual(message([valid]), ["(body): must be a JSON object"]);
  });

  it("refuses coordinates that are not finite numbers", () => {
    for (const latitude of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      assert.deepEqual(errorsOf({ ...valid, location: { latitude, longitude: 0 } }), [
        { field: "location.latitude", message: "must be a number" },
      ]);
    }
  });

  it("accepts http and https websites only, with a host", () => {
    for (const website of ["http://example.org", "https://example.org", "HTTP://example.org"]) {
      const result = parseProposal({ ...valid, website });
      assert.ok(result.ok, website);
    }
    for (const website of ["xhttp://example.org", " xhttps://example.org", "http://", "https://exa mple.org"]) {
      assert.deepEqual(fieldsOf({ ...valid, website }), ["website"], website);
    }
  });

  it("reports a bad tag by its position alone, without also calling the rest repeated", () => {
    assert.deepEqual(fieldsOf({ ...valid, tags: ["a", "A", " "] }), ["tags.2"]);
  });

  it("returns only the fields that were sent", () => {
    const result = parseProposal(valid);
    assert.ok(result.ok);
    assert.deepEqual(Object.keys(result.proposal), ["name", "location"]);
    assert.deepEqual(result.proposal, valid);
  });
});
