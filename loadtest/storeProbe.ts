// What the local store saw during a run, call by call: consumed capacity as the store reports
// it (its ConsumedCapacity), the write units the run asked for, throttles, SDK retries and the
// hottest partition key.
import { tableKeys } from "../handlers/eventStore/table";
import type { Interceptor, RequestObservation } from "../local/dynamodb/front";
import type { LocalDynamo } from "../local/dynamodb/server";
import { errorType, isObject, responseInput, type DynamoCall } from "../local/dynamodb/wire";
import { failedConditionalWriteUnits, itemWriteUnits } from "./capacity/capacityUnits";
import type { ItemJson } from "./capacity/itemSize";
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
}

export interface StoreProbe {
  measurement(): StoreMeasurement;
  detach(): void;
}

/**
 * Watches `store` for calls on `tableName`, recording into `timeline` by time since
 * `startedAt` (ms since the epoch).
 */
export function attachStoreProbe(store: LocalDynamo, tableName: string, timeline: Timeline, startedAt: number): StoreProbe {
  const c: Counters = {
    calls: 0,
    consumedWriteUnits: 0,
    consumedReadUnits: 0,
    writeThrottles: 0,
    readThrottles: 0,
    sdkRetries: 0,
    conditionalCheckFailures: 0,
    demandedWriteUnits: 0,
  };
  // Units each item written in this run is worth, to price a later failed condition on it.
  const writtenUnits = new Map<string, number>();
  const keyUnits = new Map<string, number>();
  let hottest = 0;

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

  const intercept: Interceptor = async (call, next) => {
    const outcome = await next(call);
    if (call.input?.["TableName"] !== tableName) return outcome;
    const now = Date.now() - startedAt;
    const firstAttempt = sdkAttempt(call) === 1;
    if (!firstAttempt) {
      c.sdkRetries++;
      timeline.at(now).sdkRetries++;
    }
    if (call.operation !== "PutItem" || outcome.kind !== "response") return outcome;
    const input = call.input["Item"];
    if (!isObject(input)) return outcome;
    const item = input as ItemJson;
    const key = itemKey(item);
    const response = outcome.response;
    const failedCondition = errorType(response) === "ConditionalCheckFailedException";
    const existing = writtenUnits.get(key);
    // What the write costs by DynamoDB's rules, whatever became of it: a failed condition is
    // charged the existing item.
    const units = failedCondition ? (existing ?? failedConditionalWriteUnits(undefined)) : itemWriteUnits(item);
    if (firstAttempt) c.demandedWriteUnits += units;
    const written = response.status < 300;
    if (written) writtenUnits.set(key, units);
    // The key took what the write was charged: the store's report where it gives one (a
    // refused condition's error does not), else the calculator's price.
    if (written || failedCondition) {
      hottest = Math.max(hottest, addKeyUnits(keyUnits, now, item, reportedUnits(responseInput(response)?.["ConsumedCapacity"]) ?? units));
    }
    return outcome;
  };

  const stopObserving = store.onRequest(observe);
  const stopIntercepting = store.use(intercept);
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
    }),
    detach: () => {
      stopObserving();
      stopIntercepting();
    },
  };
}

/** The SDK numbers its attempts in the amz-sdk-request header ("attempt=2; max=3"). */
function sdkAttempt(call: DynamoCall): number {
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

/** Adds units to the partition key's tally for the second `ms` falls in; returns the tally. */
function addKeyUnits(perKeySecond: Map<string, number>, ms: number, item: ItemJson, units: number): number {
  const key = `${Math.floor(ms / 1000)}|${JSON.stringify(item[tableKeys.partitionKey.name])}`;
  const total = (perKeySecond.get(key) ?? 0) + units;
  perKeySecond.set(key, total);
  return total;
}
