// The proposals the benchmarks send: a typical one, and the largest the schema allows in
// bytes as the event store writes them.
import type { APIGatewayProxyEvent } from "aws-lambda";
import { proposalLimits } from "../../handlers/proposal/schema";
import { resourcePath } from "../../handlers/http/routes";

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

/** Request metadata as large as a request can make it: longest idempotency key, a long user agent. */
export const largestRequest = {
  idempotencyKey: "k".repeat(100),
  userAgent: "Mozilla/5.0 ".repeat(40).trim(),
  sourceIp: "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
} as const;

/** A REST proxy event for POST /destination, as API Gateway sends it. */
export function proposalEvent(body: unknown, requestId = "bench-request"): APIGatewayProxyEvent {
  return {
    resource: resourcePath,
    path: resourcePath,
    httpMethod: "POST",
    headers: { "Content-Type": "application/json", "User-Agent": "bench" },
    multiValueHeaders: { "Content-Type": ["application/json"], "User-Agent": ["bench"] },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    isBase64Encoded: false,
    body: JSON.stringify(body),
    requestContext: {
      requestId,
      requestTimeEpoch: Date.now(),
      identity: { sourceIp: "203.0.113.7", userAgent: "bench" },
    } as APIGatewayProxyEvent["requestContext"],
  };
}
