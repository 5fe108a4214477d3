// Deciding on a proposal: a new stream `destination-<id>` at event number 0. With an
// idempotency key the id is derived from the key (and the editor), so a retry meets its own
// first write.
import { randomUUID } from "node:crypto";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { append, ConcurrencyError, read, type RecordedEvent } from "../eventStore/eventStore";
import { fingerprint, keyedDestinationId } from "../http/idempotency";
import type { Proposal } from "./schema";

export const destinationProposed = "DestinationProposed";

export interface EventStore {
  readonly client: DynamoDBClient;
  readonly tableName: string;
}

/**
 * What an event records about the request that made it. The event store is append-only,
 * streamed and backed up, so it keeps no personal data: the editor is named by Cognito's
 * stable `sub` alone (docs/adr/0005-personal-data-in-events.md).
 */
export interface RequestMetadata {
  readonly correlationId: string;
  readonly receivedAt: string;
  readonly idempotencyKey?: string;
  /** The authenticated editor; absent only where the API runs without authorisation. */
  readonly editor?: { readonly sub: string };
}

/**
 * The metadata as stored: only the fields RequestMetadata declares, so that an object carrying
 * more (a whole set of claims, say) cannot write them into the store.
 */
export function eventMetadata(meta: RequestMetadata, proposalFingerprint?: string): Record<string, unknown> {
  return {
    correlationId: meta.correlationId,
    receivedAt: meta.receivedAt,
    ...(meta.idempotencyKey ? { idempotencyKey: meta.idempotencyKey } : {}),
    ...(meta.editor ? { editor: { sub: meta.editor.sub } } : {}),
    ...(proposalFingerprint ? { fingerprint: proposalFingerprint } : {}),
  };
}

interface Accepted {
  readonly destinationId: string;
  readonly streamName: string;
  readonly eventNumber: number;
}

export type ProposeOutcome =
  | (Accepted & { readonly kind: "accepted"; readonly consumedWriteCapacity: number })
  | (Accepted & { readonly kind: "replayed" })
  | { readonly kind: "keyReused"; readonly destinationId: string }
  | { readonly kind: "streamConflict"; readonly streamName: string };

export const streamNameFor = (destinationId: string): string => `destination-${destinationId}`;

export async function propose(store: EventStore, proposal: Proposal, meta: RequestMetadata): Promise<ProposeOutcome> {
  const destinationId = meta.idempotencyKey ? keyedDestinationId(meta.idempotencyKey, meta.editor?.sub) : randomUUID();
  const streamName = streamNameFor(destinationId);
  // The fingerprint tells a keyed retry from a reused key; without a key there is nothing to tell.
  const keyed = meta.idempotencyKey ? { key: meta.idempotencyKey, fingerprint: fingerprint(proposal) } : undefined;
  try {
    const { events, consumedWriteCapacity } = await append(store.client, store.tableName, streamName, -1, [
      { type: destinationProposed, data: proposal, metadata: eventMetadata(meta, keyed?.fingerprint) },
    ]);
    return { kind: "accepted", destinationId, streamName, eventNumber: events[0]!.eventNumber, consumedWriteCapacity };
  } catch (err) {
    if (!(err instanceof ConcurrencyError)) throw err;
    const first = err.existing ?? (await read(store.client, store.tableName, streamName))[0];
    // Our own event, written by an attempt whose answer was lost: this request was accepted.
    // What that attempt consumed went with its answer, so the ConsumedWriteCapacity metric
    // misses it; the table's own ConsumedWriteCapacityUnits counts it.
    if (first && first.eventId === err.attemptedEventId) {
      return { kind: "accepted", destinationId, streamName, eventNumber: first.eventNumber, consumedWriteCapacity: 0 };
    }
    if (!keyed) return { kind: "streamConflict", streamName };
    if (first && isSameProposal(first, keyed.key, keyed.fingerprint)) {
      return { kind: "replayed", destinationId, streamName, eventNumber: first.eventNumber };
    }
    return { kind: "keyReused", destinationId };
  }
}

function isSameProposal(event: RecordedEvent, key: string, proposalFingerprint: string): boolean {
  return (
    event.type === destinationProposed && event.metadata["idempotencyKey"] === key && event.metadata["fingerprint"] === proposalFingerprint
  );
}
