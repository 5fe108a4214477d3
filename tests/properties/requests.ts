// Generators of what a client can put into a POST /destination request, as API Gateway hands
// it to the function: arbitrary bodies and encodings, headers (null included), content types,
// sizes near the limit, lone surrogates, out-of-range numbers and prototype-pollution keys.
import fc from "fast-check";
import { maxBodyBytes } from "../../handlers/http/request";
import { resourcePath } from "../../handlers/http/routes";
import type { ClientRequest } from "../support/proxyEvent";
import { documented } from "./documentedRules";

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const awkwardChar = fc.constantFrom("\u0000", "\u001f", "\u007f", "\u0085", "\u200b", "\ufeff", "\u2028", '"', "\\", "\u{1f600}");

/** Text with every kind of code unit: full Unicode, control characters, lone surrogates. */
const anyText = (maxLength = 40): fc.Arbitrary<string> =>
  fc.string({
    unit: fc.oneof({ weight: 6, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) }, awkwardChar, loneSurrogate),
    maxLength,
  });

const pollutionKey = fc.constantFrom("__proto__", "constructor", "prototype");

/** Numbers as JSON text, including ones no double represents and ones past every range. */
const numberLiteral = fc.oneof(
  fc.constantFrom(
    "1e400",
    "-1e400",
    "1e-400",
    "-0",
    "0.0000000000000000000001",
    "123456789012345678901234567890",
    "90.0000000000000001",
    "-90",
    "180",
    "181",
    "-180.0000001",
    "9007199254740993",
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.integer().map(String),
);

const validName = fc
  .string({ unit: "grapheme-ascii", minLength: 1, maxLength: 30 })
  .filter((s) => s.trim().length > 0 && !/[\u0000-\u001f\u007f]/.test(s));

/** A proposal that passes validation. */
export const validProposal = fc.record(
  {
    name: validName,
    location: fc.record({
      latitude: fc.double({ min: -90, max: 90, noNaN: true }),
      longitude: fc.double({ min: -180, max: 180, noNaN: true }),
    }),
    description: fc.string({ maxLength: 60 }),
    tags: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,10}$/), { maxLength: 4, comparator: (a, b) => a.toLowerCase() === b.toLowerCase() }),
  },
  { requiredKeys: ["name", "location"] },
);

/** Lengths and numbers on both sides of a documented limit. */
const around = (limit: number, spread = 2) => fc.integer({ min: limit - spread, max: limit + spread });
const edge = (limit: number) => fc.constantFrom(limit, -limit, limit + 1e-9, -limit - 1e-9, limit - 1e-9, limit + 1, -limit - 1);
const padded = (text: string, pad: number) => `${" ".repeat(pad)}${text}${" ".repeat(pad)}`;

/** A proposal whose every field sits near one of its documented limits, on either side. */
export const boundaryProposal = fc
  .record(
    {
      name: fc.tuple(around(documented.nameMax), fc.nat(3)).map(([n, pad]) => padded("n".repeat(n), pad)),
      location: fc.record({ latitude: edge(documented.latitude), longitude: edge(documented.longitude) }),
      description: fc.tuple(around(documented.descriptionMax), fc.nat(3)).map(([n, pad]) => padded("d".repeat(n), pad)),
      website: around(documented.websiteMax).map((n) => `https://example.org/${"w".repeat(n - "https://example.org/".length)}`),
      tags: fc
        .tuple(around(documented.tagsMax), around(documented.tagMax))
        .map(([count, length]) => Array.from({ length: count }, (_, i) => `${i}`.padEnd(length, "t"))),
    },
    { requiredKeys: ["name", "location"] },
  )
  .chain((p) =>
    fc.subarray(Object.keys(p)).map((kept) => Object.fromEntries(Object.entries(p).filter(([k]) => kept.includes(k) || k === "location"))),
  );

/** A valid proposal with one part replaced by something arbitrary. */
const mutatedProposal = fc
  .tuple(
    validProposal,
    fc.constantFrom("name", "location", "latitude", "longitude", "description", "website", "tags", "extra"),
    fc.jsonValue({ maxDepth: 2 }),
    anyText(300),
  )
  .map(([p, part, value, text]) => {
    const replacement = typeof value === "string" ? text : value;
    switch (part) {
      case "latitude":
      case "longitude":
        return { ...p, location: { ...p.location, [part]: replacement } };
      case "extra":
        return { ...p, [text]: value };
      default:
        return { ...p, [part]: replacement };
    }
  });

/** JSON text built by hand: keys and numbers JSON.stringify cannot produce from objects. */
const handWrittenJson = fc.oneof(
  fc.tuple(numberLiteral, numberLiteral).map(([lat, lon]) => `{"name":"Wembury","location":{"latitude":${lat},"longitude":${lon}}}`),
  fc
    .tuple(pollutionKey, fc.jsonValue({ maxDepth: 2 }))
    .map(
      ([key, value]) =>
        `{"name":"Wembury","location":{"latitude":1,"longitude":1},${JSON.stringify(key)}:${JSON.stringify(value ?? null)}}`,
    ),
  fc
    .tuple(pollutionKey, fc.jsonValue({ maxDepth: 1 }))
    .map(
      ([key, value]) =>
        `{"name":"Wembury","location":{"latitude":1,"longitude":1,${JSON.stringify(key)}:${JSON.stringify(value ?? null)}}}`,
    ),
  fc.tuple(pollutionKey, pollutionKey).map(([a, b]) => `{${JSON.stringify(a)}:{${JSON.stringify(b)}:{"polluted":true}}}`),
  fc.tuple(anyText(), anyText()).map(([name, tag]) => `{"name":"${name}","location":{"latitude":0,"longitude":0},"tags":["${tag}"]}`),
  // Duplicate keys: JSON.parse keeps the last; the second value may be invalid.
  fc.jsonValue({ maxDepth: 1 }).map((v) => `{"name":"a","name":${JSON.stringify(v ?? null)},"location":{"latitude":0,"longitude":0}}`),
);

/** Bodies around the size limit, counted in UTF-8 bytes. */
const sizedBody = fc.tuple(fc.integer({ min: -64, max: 64 }), fc.constantFrom("x", "é", "\u{1f600}")).map(([delta, unit]) => {
  const envelope = JSON.stringify({ name: "Big", location: { latitude: 0, longitude: 0 }, description: "" });
  const units = Math.max(0, Math.floor((maxBodyBytes + delta - Buffer.byteLength(envelope)) / Buffer.byteLength(unit)));
  return JSON.stringify({ name: "Big", location: { latitude: 0, longitude: 0 }, description: unit.repeat(units) });
});

/** A parsed JSON body of any kind a client might send: valid, broken in one part, or anything at all. */
export const anyJsonBody: fc.Arbitrary<unknown> = fc.oneof(
  validProposal,
  mutatedProposal,
  fc.jsonValue({ maxDepth: 3 }),
  fc
    .tuple(validProposal, fc.array(fc.tuple(anyText(8), fc.jsonValue({ maxDepth: 1 })), { maxLength: 14 }))
    .map(([p, extra]) => ({ ...p, ...Object.fromEntries(extra), location: { ...p.location, ...Object.fromEntries(extra) } })),
);

const textBody = fc.oneof(
  { weight: 3, arbitrary: mutatedProposal.map((p) => JSON.stringify(p)) },
  { weight: 3, arbitrary: handWrittenJson },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: anyText(200) },
  { weight: 1, arbitrary: validProposal.map((p) => JSON.stringify(p)) },
  { weight: 2, arbitrary: boundaryProposal.map((p) => JSON.stringify(p)) },
  { weight: 1, arbitrary: sizedBody },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "null", "[]", "{}", "0", '""', "{", "\ufeff{}", '{"name":') },
  {
    weight: 1,
    arbitrary: fc
      .tuple(validProposal, fc.integer({ min: 1, max: documented.descriptionMax * 2 }))
      .map(([p, n]) => JSON.stringify({ ...p, description: "d".repeat(n), tags: Array.from({ length: n % 15 }, (_, i) => `t${i}`) })),
  },
);

/** Body and encoding: text as sent, base64 of that text, base64 of arbitrary bytes, or not base64 at all. */
const encodedBody: fc.Arbitrary<Pick<ClientRequest, "body" | "isBase64Encoded">> = fc.oneof(
  { weight: 6, arbitrary: textBody.map((body) => ({ body, isBase64Encoded: false })) },
  { weight: 2, arbitrary: textBody.map((body) => ({ body: Buffer.from(body, "utf8").toString("base64"), isBase64Encoded: true })) },
  {
    weight: 2,
    arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => ({ body: Buffer.from(b).toString("base64"), isBase64Encoded: true })),
  },
  { weight: 1, arbitrary: anyText(60).map((body) => ({ body, isBase64Encoded: true })) },
  { weight: 1, arbitrary: fc.boolean().map((isBase64Encoded) => ({ body: null, isBase64Encoded })) },
);

const contentType = fc.oneof(
  {
    weight: 16,
    arbitrary: fc.constantFrom(
      "application/json",
      "application/json; charset=utf-8",
      "APPLICATION/JSON;CHARSET=UTF-8",
      'application/json; charset="utf-8"',
      "application/problem+json",
      "application/vnd.visitplannr+json",
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "",
      "text/plain",
      "application/json; charset=latin1",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/json+",
      "application/+json",
      ";",
      "application/json;;;charset=",
    ),
  },
  { weight: 1, arbitrary: anyText(40) },
);

const idempotencyKey = fc.oneof(fc.stringMatching(/^[\x20-\x7e]{1,100}$/), anyText(120), fc.constantFrom("", " ", "k".repeat(101)));

const headerName = fc.oneof(
  { weight: 3, arbitrary: anyText(20) },
  fc.constantFrom("content-type", "Idempotency-Key", "User-Agent", "__proto__", "constructor", "Content-Length"),
);

const headers: fc.Arbitrary<ClientRequest["headers"]> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  {
    weight: 16,
    arbitrary: fc
      .tuple(
        fc.option(contentType, { freq: 16, nil: undefined }),
        fc.constantFrom("Content-Type", "content-type", "CONTENT-TYPE"),
        fc.option(idempotencyKey, { freq: 3, nil: undefined }),
        fc.array(fc.tuple(headerName, fc.option(anyText(60), { freq: 4, nil: null })), { maxLength: 4 }),
      )
      .map(([type, typeName, key, extra]) => {
        // Null-prototype record: a "__proto__" header name is data, as in a parsed JSON event.
        const h: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
        for (const [name, value] of extra) h[name] = value;
        if (type !== undefined) h[typeName] = type;
        if (key !== undefined) h["Idempotency-Key"] = key;
        return h;
      }),
  },
);

const method = fc.oneof(
  { weight: 12, arbitrary: fc.constant("POST") },
  { weight: 1, arbitrary: fc.constantFrom("GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "post", "") },
);
const path = fc.oneof(
  { weight: 12, arbitrary: fc.constant(resourcePath) },
  { weight: 1, arbitrary: fc.constantFrom("/", "/destination/", "/destinations", "/DESTINATION", "/destination/x") },
);

export const clientRequest: fc.Arbitrary<ClientRequest> = fc
  .record({ method, path, headers, encoded: encodedBody })
  .map(({ encoded, ...rest }) => ({ ...rest, ...encoded }));
