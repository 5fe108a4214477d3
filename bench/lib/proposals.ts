// The proposals the benchmarks send: a typical one, and the largest the schema allows in
// bytes as the event store writes them.
import { editorsGroup } from "../../handlers/auth/editor";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { proposalLimits } from "../../handlers/proposal/schema";
import { idempotencyKeyHeader, keyMaxLength } from "../../handlers/http/idempotency";
import { resourcePath } from "../../handlers/http/routes";
import { restProxyEvent } from "../../local/api/proxyEvent";
import { jsonHeaders } from "../../loadtest/proposals";
import { benchSettings } from "./benchStack";

export const typicalProposal = {
  name: "Tide pools at Wembury",
  location: { latitude: 50.317, longitude: -4.083 },
  description: "Rock pools below the church; best two hours either side of low tide.",
  website: "https://www.wemburymarinecentre.org/",
  tags: ["coast", "family"],
} as const;

// Lengths are limited in UTF-16 code units, so the most bytes per unit come from a
// three-byte BMP character; in the website it is percent-encoded to nine bytes by URL
// normalisation, and in the description a control character (allowed there) is escaped to
// six bytes by JSON.stringify.
const wide = "漢";
const websitePrefix = "https://example.org/";
export const largestProposal = {
  name: wide.repeat(proposalLimits.nameMax),
  location: { latitude: -89.123456789012, longitude: -179.12345678901 },
  description: "\u0001".repeat(proposalLimits.descriptionMax),
  website: websitePrefix + wide.repeat(proposalLimits.websiteMax - websitePrefix.length),
  tags: Array.from({ length: proposalLimits.tagsMax }, (_, i) => String(i).padStart(2, "0") + wide.repeat(proposalLimits.tagMax - 2)),
};

/** The signed-in editor of a typical request, as the deployed API's authoriser passes it. */
const typicalEditor = {
  sub: "7d3f0c1e-52a4-4b8e-9f61-0a2b3c4d5e6f",
  username: "ana.editor",
  email: "ana@visitplannr.example",
  groups: [editorsGroup],
} as const;

/**
 * What a typical request leaves in the event: its idempotency key and the editor's sub. The
 * user agent, source address and the editor's name and e-mail reach the function but are never
 * stored (docs/adr/0005-personal-data-in-events.md).
 */
export const typicalRequest = {
  idempotencyKey: "2b7f0f9e-6a8c-4a7e-9d0e-5c3b1a2f4e6d",
  userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15",
  sourceIp: "203.0.113.7",
  editor: typicalEditor,
} as const;

/**
 * Request metadata as large as a request can make it: the longest idempotency key and an
 * editor (whose sub, a UUID, has one length); the rest of a request stays out of the store.
 */
export const largestRequest = {
  idempotencyKey: "k".repeat(keyMaxLength),
  editor: { sub: typicalEditor.sub },
} as const;

// The typical editor's request: a browser's user agent and an idempotency key, as the stored-size
// figures assume, so the measured path is the keyed one editors take.
const requestHeaders: Readonly<Record<string, string>> = {
  ...jsonHeaders,
  "user-agent": typicalRequest.userAgent,
  [idempotencyKeyHeader]: typicalRequest.idempotencyKey,
};

/** A REST proxy event for POST /destination, as API Gateway sends it. */
export function proposalEvent(body: unknown): APIGatewayProxyEvent {
  return restProxyEvent({
    apiId: "bench",
    stage: benchSettings.stageName,
    requestId: "bench-request",
    requestTimeEpoch: Date.now(),
    protocol: "HTTP/1.1",
    sourceIp: typicalRequest.sourceIp,
    method: "POST",
    path: resourcePath,
    headers: Object.entries(requestHeaders),
    query: [],
    body: JSON.stringify(body),
    isBase64Encoded: false,
    // The deployed API's Cognito authoriser passes the editor's ID-token claims as strings.
    caller: {
      claims: {
        sub: typicalEditor.sub,
        "cognito:username": typicalEditor.username,
        email: typicalEditor.email,
        "cognito:groups": typicalEditor.groups.join(","),
      },
    },
  });
}
