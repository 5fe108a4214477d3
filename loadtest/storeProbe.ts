// What the local store saw during a run, call by call: consumed capacity as the store reports
// it (its ConsumedCapacity), the write units the run asked for, throttles, SDK retries and the
// hottest partition key.
import { apiGatewayIntegrationTimeoutSeconds } from "../config/infrastructure";
import { eventAttributes, tableKeys } from "../handlers/eventStore/table";
import type { RequestMetadata } from "../handlers/proposal/propose";
import { isObject, type AnsweredCall, type LocalDynamo, type RequestObservation } from "../local/dynamodb/server";
import { failedConditionalWriteUnits, itemWriteUnits } from "../aws/dynamodb/capacityUnits";
import type { ItemJson } from "../aws/dynamodb/itemSize";
import type { Timeline } from "./timeline";

export interface StoreMeasurement {
  readonly source: "local store";
  /** Data-plane calls on the table, every SDK attempt counted. */
  readonly calls: number;
  readonly consumedWriteUnits: number;
  readonly consumedReadUnits: number;
  /** Calls refused with ProvisionedThroughputExceededException. */
  readonly writeThrottles: number;
  readonly readThrottles: number;
  /** Calls that were an SDK's second or later attempt (amz-sdk-request: attempt=N). */
  readonly sdkRetries: number;
  readonly conditionalCheckFailures: number;
  /**
   * Write units the run asked for: every write's first attempt priced by the calculator,
   * throttled ones included. Sizing uses this, since under throttling the writes that get
   * through are not a fair sample (small items fit the leftover capacity more often).
   */
  readonly demandedWriteUnits: number;
  /** Most write units one partition key took within one second. */
  readonly hottestKeyWriteUnitsPerSecond: number;
  /**
   * Milliseconds the function's SDK spent past its first attempt (back-off and further
   * attempts), summed over its calls: time a table with enough capacity would not take.
   */
  readonly capacityWaitMs: number;
}

interface Counters {
  calls: number;
  consumedWriteUnits: number;
  consumedReadUnits: number;
  writeThrottles: number;
  readThrottles: number;
  sdkRetries: number;
  conditionalCheckFailures: number;
  demandedWriteUnits: number;
  capacityWaitMs: number;
}

export interface StoreProbe {
  measurement(): StoreMeasurement;
  /** How much the probe holds: per-key tallies, remembered items, SDK commands whose retries it times. */
  retained(): { readonly keyTallies: number; readonly items: number; readonly commands: number };
  detach(): void;
}

export interface StoreProbeOptions {
  /** Idempotency-Keys the run will send again: their items stay priced for the whole run. */
  readonly resentKeys?: ReadonlySet<string>;
  /** Wall-clock time in ms since the epoch; Date.now unless a test drives it. */
  readonly clock?: () => number;
}

/**
 * Watches `store` for calls on `tableName`, recording into `timeline` by time since
 * `startedAt` (ms since the epoch).
 */
export function attachStoreProbe(
  store: LocalDynamo,
  tableName: string,
  timeline: Timeline,
  startedAt: number,
  { resentKeys = new Set(), clock = Date.now }: StoreProbeOptions = {},
): StoreProbe {
  const c: Counters = {
    calls: 0,
    consumedWriteUnits: 0,
    consumedReadUnits: 0,
    writeThrottles: 0,
    readThrottles: 0,
    sdkRetries: 0,
    conditionalCheckFailures: 0,
    demandedWriteUnits: 0,
    capacityWaitMs: 0,
  };
  // When each SDK command's latest attempt was answered, by amz-sdk-invocation-id (the same
  // on every attempt of one command); entries go once the retry window has passed.
  const commandAnswers = new Map<string, number>();
  // Units of items written in this run, to price a later failed condition on one. Only two
  // writes meet an item again: a resent Idempotency-Key (the run knows them all before it
  // starts, and may resend one at any time), and the function's SDK retrying a write whose answer
  // was lost, within the invocation, which the integration timeout bounds (it caps the
  // function's timeout). Other items are dropped once that window has passed.
  const resentItems = new Map<string, number>();
  const recentItems = new Map<string, { readonly units: number; readonly at: number }>();
  const retryWindowMs = apiGatewayIntegrationTimeoutSeconds * 1000;
  const remember = (key: string, item: ItemJson, units: number, now: number): void => {
    const resent = resentKeys.size > 0 ? idempotencyKey(item) : undefined;
    if (resent !== undefined && resentKeys.has(resent)) resentItems.set(key, units);
    // Oldest first, so the expired ones are at the front.
    recentItems.delete(key);
    recentItems.set(key, { units, at: now });
    for (const [k, { at }] of recentItems) {
      if (at > now - retryWindowMs) break;
      recentItems.delete(k);
    }
  };
  // Tallies of the current second alone: answers arrive in time order, so a second gone by
  // takes no more units, and its tallies are already folded into `hottest`.
  const keyUnits = new Map<string, number>();
  let tallySecond = 0;
  let hottest = 0;
  const addKeyUnits = (ms: number, item: ItemJson, units: number): void => {
    const second = Math.floor(ms / 1000);
    if (second !== tallySecond) keyUnits.clear();
    tallySecond = second;
    const key = JSON.stringify(item[tableKeys.partitionKey.name]);
    const total = (keyUnits.get(key) ?? 0) + units;
    keyUnits.set(key, total);
    hottest = Math.max(hottest, total);
  };

  const observe = (o: RequestObservation): void => {
    if (o.tableName !== tableName || o.operation === "") return;
    const second = timeline.at(o.startedAt - startedAt);
    c.calls++;
    c.consumedWriteUnits += o.consumedWriteUnits;
    c.consumedReadUnits += o.consumedReadUnits;
    second.consumedWriteUnits += o.consumedWriteUnits;
    second.consumedReadUnits += o.consumedReadUnits;
    if (o.throttled) {
      second.throttles++;
      if (o.throttled === "write") c.writeThrottles++;
      else c.readThrottles++;
    }
    if (o.conditionalCheckFailed) c.conditionalCheckFailures++;
  };

  const onAnswer = (call: AnsweredCall): void => {
    if (call.input?.["TableName"] !== tableName) return;
    const now = clock() - startedAt;
    const firstAttempt = sdkAttempt(call) === 1;
    if (!firstAttempt) {
      c.sdkRetries++;
      timeline.at(now).sdkRetries++;
    }
    const command = call.headers["amz-sdk-invocation-id"];
    if (typeof command === "string") {
      const previous = commandAnswers.get(command);
      if (!firstAttempt && previous !== undefined) c.capacityWaitMs += now - previous;
      commandAnswers.delete(command);
      commandAnswers.set(command, now);
      for (const [k, at] of commandAnswers) {
        if (at > now - retryWindowMs) break;
        commandAnswers.delete(k);
      }
    }
    const answer = call.answer;
    if (call.operation !== "PutItem" || answer === undefined) return;
    const input = call.input["Item"];
    if (!isObject(input)) return;
    const item = input as ItemJson;
    const key = itemKey(item);
    const failedCondition = answer.errorType === "ConditionalCheckFailedException";
    const existing = resentItems.get(key) ?? recentItems.get(key)?.units;
    // What the write costs by DynamoDB's rules, whatever became of it: a failed condition is
    // charged the existing item.
    const units = failedCondition ? (existing ?? failedConditionalWriteUnits(undefined)) : itemWriteUnits(item);
    if (firstAttempt) {
      c.demandedWriteUnits += units;
      timeline.at(now).demandedWriteUnits += units;
    }
    const written = answer.status < 300;
    if (written) remember(key, item, units, now);
    // The key took what the write was charged: the store's report where it gives one (a
    // refused condition's error does not), else the calculator's price.
    if (written || failedCondition) {
      addKeyUnits(now, item, reportedUnits(answer.output?.["ConsumedCapacity"]) ?? units);
    }
  };

  const stopObserving = store.onRequest(observe);
  const stopAnswers = store.onAnswer(onAnswer);
  return {
    measurement: () => ({
      source: "local store",
      calls: c.calls,
      consumedWriteUnits: c.consumedWriteUnits,
      consumedReadUnits: c.consumedReadUnits,
      writeThrottles: c.writeThrottles,
      readThrottles: c.readThrottles,
      sdkRetries: c.sdkRetries,
      conditionalCheckFailures: c.conditionalCheckFailures,
      demandedWriteUnits: c.demandedWriteUnits,
      hottestKeyWriteUnitsPerSecond: hottest,
      capacityWaitMs: Math.round(c.capacityWaitMs),
    }),
    retained: () => ({ keyTallies: keyUnits.size, items: resentItems.size + recentItems.size, commands: commandAnswers.size }),
    detach: () => {
      stopObserving();
      stopAnswers();
    },
  };
}

/** The SDK numbers its attempts in the amz-sdk-request header ("attempt=2; max=3"). */
function sdkAttempt(call: AnsweredCall): number {
  const header = call.headers["amz-sdk-request"];
  const match = typeof header === "string" ? /attempt=(\d+)/.exec(header) : null;
  return match ? Number(match[1]) : 1;
}

function itemKey(item: ItemJson): string {
  return JSON.stringify([item[tableKeys.partitionKey.name], item[tableKeys.sortKey.name]]);
}

function reportedUnits(consumed: unknown): number | undefined {
  return isObject(consumed) && typeof consumed["CapacityUnits"] === "number" ? consumed["CapacityUnits"] : undefined;
}

/** The Idempotency-Key in an event's metadata (see RequestMetadata), if it has one. */
function idempotencyKey(item: ItemJson): string | undefined {
  const metadata = item[eventAttributes.metadata];
  if (!metadata || !("S" in metadata)) return undefined;
  try {
    const parsed: unknown = JSON.parse(metadata.S);
    const key: unknown = isObject(parsed) ? parsed["idempotencyKey" satisfies keyof RequestMetadata] : undefined;
    return typeof key === "string" ? key : undefined;
  } catch {
    return undefined;
  }
}
