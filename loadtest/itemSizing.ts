// Write units per request where the store is out of sight (a --url run without CloudWatch):
// each planned proposal is turned into the item the function would write, by the event
// store's own item builder, and priced by the capacity calculator. An estimate: what the
// function adds (request id, time, editor) is filled in as described below.
import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { caller, type Editor } from "../handlers/auth/editor";
import { toItem } from "../handlers/eventStore/eventStore";
import { fingerprint, idempotencyKeyHeader, keyedDestinationId } from "../handlers/http/idempotency";
import { destinationProposed, eventMetadata, streamNameFor, type RequestMetadata } from "../handlers/proposal/propose";
import { parseProposal } from "../handlers/proposal/schema";
import { itemWriteUnits } from "../aws/dynamodb/capacityUnits";
import type { ItemJson } from "../aws/dynamodb/itemSize";
import type { PlannedRequest } from "./proposals";

/** What the estimate assumes for the parts of an item the request does not carry. */
export const itemAssumptions = "a 36-character request id and the editor's id (sub) from the Authorization token, if any";

/**
 * Write units each planned request asks of the table: a new proposal its item; a resent
 * Idempotency-Key a failed condition, charged the item already there (the same proposal);
 * a request the function refuses (invalid) none.
 */
export function plannedWriteUnits(requests: readonly PlannedRequest[], headers: Readonly<Record<string, string>>): number[] {
  const editor = editorOf(headers);
  const receivedAt = new Date().toISOString();
  return requests.map((request) => {
    if (request.kind === "invalid") return 0;
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      return 0;
    }
    const parsed = parseProposal(body);
    if (!parsed.ok) return 0;
    const key = request.headers[idempotencyKeyHeader];
    const meta: RequestMetadata = {
      correlationId: randomUUID(),
      receivedAt,
      ...(key ? { idempotencyKey: key } : {}),
      ...(editor ? { editor } : {}),
    };
    const destinationId = key ? keyedDestinationId(key, editor?.sub) : randomUUID();
    const item = toItem({
      streamName: streamNameFor(destinationId),
      eventNumber: 0,
      eventId: randomUUID(),
      type: destinationProposed,
      data: parsed.proposal,
      metadata: eventMetadata(meta, key ? fingerprint(parsed.proposal) : undefined),
      recordedAt: receivedAt,
    });
    return itemWriteUnits(item as ItemJson);
  });
}

/** The editor API Gateway's authoriser would pass on, read (unverified) from a bearer token's claims. */
function editorOf(headers: Readonly<Record<string, string>>): Editor | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(headers["authorization"] ?? "")?.[1];
  const payload = token?.split(".")[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const who = caller({ requestContext: { authorizer: { claims } } } as unknown as APIGatewayProxyEvent);
    return who.kind === "editor" ? who.editor : undefined;
  } catch {
    return undefined;
  }
}
