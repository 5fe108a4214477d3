// Idempotency without a second table: the destination id is a UUIDv5 of the client's key, so
// a retry lands on the same stream and the event store's conditional write detects it. A
// signed-in editor's keys are their own: two editors who pick the same key never meet.
import { createHash } from "node:crypto";
import { problems, type Problem } from "./problem";

// Fixed namespaces (RFC 9562 §5.5): of destination ids derived from idempotency keys, and of
// the per-editor namespaces those are derived in when an editor is signed in.
const destinationNamespace = Buffer.from("6f1c2b7e8d3a4f5e9b0c1d2e3f4a5b6c", "hex");
const editorNamespaces = Buffer.from("3b8e5f0a2c7d4e91a6f2d8c4b1e7a935", "hex");

/** The request header that carries the key, as HTTP header names compare: without case. */
export const idempotencyKeyHeader = "idempotency-key";

/** The longest key, in characters. */
export const keyMaxLength = 100;
const keyPattern = new RegExp(`^[\\x20-\\x7e]{1,${keyMaxLength}}$`);

export type KeyResult = { readonly ok: true; readonly key?: string } | { readonly ok: false; readonly problem: Problem };

export function checkIdempotencyKey(value: string | undefined): KeyResult {
  if (value === undefined) return { ok: true };
  if (keyPattern.test(value)) return { ok: true, key: value };
  return {
    ok: false,
    problem: problems.idempotencyKey(`must be 1-${keyMaxLength} printable ASCII characters`),
  };
}

export function uuidV5(name: string, namespace: Buffer = destinationNamespace): string {
  const hash = createHash("sha1").update(namespace).update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The destination id of a keyed proposal: a UUIDv5 of the key, in a namespace of the editor's
 * own (a UUIDv5 of their `sub`, in a namespace of its own) when one is signed in.
 */
export function keyedDestinationId(key: string, editorSub?: string): string {
  if (editorSub === undefined) return uuidV5(key);
  const editorNamespace = Buffer.from(uuidV5(editorSub, editorNamespaces).replace(/-/g, ""), "hex");
  return uuidV5(key, editorNamespace);
}

/** A stable digest of a normalised proposal, to tell a true retry from a reused key. */
export function fingerprint(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("base64url");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      // Keys of one object are unique: no two compare equal.
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
