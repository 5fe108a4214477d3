// Faults of the local store, as interceptors for its front (see front.ts): what DynamoDB and
// the network between Lambda and DynamoDB do on a bad day. Each fault hits the writes it is
// aimed at a given number of times (every one by default) and counts what it injected, so a
// test can tell a fault that happened from one that did not.
import { setTimeout as sleep } from "node:timers/promises";
import type { Interceptor } from "./front";
import { internalServerError, provisionedThroughputExceeded, type DynamoCall, type Outcome } from "./wire";

export type FaultKind =
  /** ProvisionedThroughputExceededException, as when a table's capacity is used up. */
  | "throttle"
  /** HTTP 500 InternalServerError from DynamoDB itself. */
  | "serverError"
  /** The answer comes `delayMs` late; the write is applied when the delay ends. */
  | "slow"
  /** The connection drops before the store sees the call: nothing is written. */
  | "resetBeforeApply"
  /** The store applies the call, then the connection drops: written, but the caller never hears. */
  | "resetAfterApply";

export interface FaultOptions {
  /** Operations the fault hits; default the writes (PutItem, TransactWriteItems). */
  readonly operations?: readonly string[];
  /** How many matching calls it hits before passing calls on again; default all of them. */
  readonly times?: number;
  /** Delay of a "slow" fault, in ms. */
  readonly delayMs?: number;
}

export interface Fault {
  readonly kind: FaultKind;
  readonly interceptor: Interceptor;
  /** Calls the fault has hit so far. */
  readonly injected: number;
  /** What the first call it hit came to, once it has (a slowed write: once the store has answered it). */
  readonly firstOutcome: Promise<Outcome>;
}

const writes = ["PutItem", "TransactWriteItems"];

export function fault(kind: FaultKind, options: FaultOptions = {}): Fault {
  const operations = new Set(options.operations ?? writes);
  const times = options.times ?? Number.POSITIVE_INFINITY;
  const delayMs = options.delayMs ?? 0;
  let injected = 0;
  let settleFirst!: (outcome: Outcome) => void;
  const firstOutcome = new Promise<Outcome>((resolve) => (settleFirst = resolve));
  const interceptor: Interceptor = async (call, next) => {
    if (!operations.has(call.operation) || injected >= times) return next(call);
    injected += 1;
    const outcome = await inject(kind, call, next, delayMs);
    // Only the first settles the promise; later calls' outcomes leave it as it is.
    settleFirst(outcome);
    return outcome;
  };
  return {
    kind,
    interceptor,
    get injected() {
      return injected;
    },
    firstOutcome,
  };
}

async function inject(kind: FaultKind, call: DynamoCall, next: (call: DynamoCall) => Promise<Outcome>, delayMs: number): Promise<Outcome> {
  switch (kind) {
    case "throttle":
      return { kind: "response", response: provisionedThroughputExceeded() };
    case "serverError":
      return { kind: "response", response: internalServerError("Internal server error") };
    case "slow":
      await sleep(delayMs);
      return next(call);
    case "resetBeforeApply":
      return { kind: "reset" };
    case "resetAfterApply":
      await next(call);
      return { kind: "reset" };
  }
}
