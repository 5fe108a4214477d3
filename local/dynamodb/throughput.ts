// Provisioned throughput of the local store: meters every data-plane call in capacity units
// and, unless capacity is unlimited, refuses calls the table's token buckets cannot pay for,
// as DynamoDB does.
//
// A successful PutItem or DeleteItem is charged by the capacity calculator, as DynamoDB
// charges it: the larger of the new and the replaced item (the deleted item for a delete), in
// UTF-8 bytes. The replaced item comes from the store itself (ReturnValues ALL_OLD, asked for
// and removed again when the caller did not ask), so the charge is exact under concurrency,
// and the ConsumedCapacity the caller reads is replaced by the same charge. dynalite sizes
// strings in UTF-16 code units, so its own report would under-charge non-ASCII text; other
// operations still charge what it reports (asked for on every call, and removed again when
// the caller did not ask). The calculator also supplies the estimate that admits a call
// before it runs (so a refused write changes nothing), and the charge of a failed
// conditional write, for which DynamoDB returns no ConsumedCapacity.
import { failedConditionalWriteUnits, itemWriteUnits, readUnits, writeUnits, type ReadConsistency } from "../../aws/dynamodb/capacityUnits";
import { itemSize, type ItemJson } from "../../aws/dynamodb/itemSize";
import type { Dispatch } from "./inProcess";
import type { Clock } from "../clock";
import { TokenBucket } from "./tokenBucket";
import {
  errorType,
  internalCall,
  isObject,
  provisionedThroughputExceeded,
  responseInput,
  withBody,
  withInput,
  type DynamoCall,
  type DynamoResponse,
  type JsonObject,
} from "./wire";

/** Provisioned units per second for every table of the store, or no limit at all. */
export type CapacitySetting = { readonly readCapacity: number; readonly writeCapacity: number } | "unlimited";

export type CapacityKind = "read" | "write";

/** What one call consumed, filled in as it passes through. */
export interface Usage {
  consumedReadUnits: number;
  consumedWriteUnits: number;
  /** Which bucket refused the call, if one did. */
  throttled: CapacityKind | undefined;
  conditionalCheckFailed: boolean;
}

/** A call's usage before it has consumed anything. */
export const noUsage = (): Usage => ({ consumedReadUnits: 0, consumedWriteUnits: 0, throttled: undefined, conditionalCheckFailed: false });

interface Demand {
  readonly table: string;
  readonly kind: CapacityKind;
  /** Units reserved before the call runs; settled against the actual cost afterwards. */
  readonly estimate: number;
}

/** A demand and the bucket it was reserved in; none while capacity is unlimited. */
interface Reservation {
  readonly demand: Demand;
  readonly bucket: TokenBucket | undefined;
}

interface TableBuckets {
  readonly read: TokenBucket;
  readonly write: TokenBucket;
}

const reportingLevels = new Set(["TOTAL", "INDEXES"]);

export class ProvisionedThroughput {
  private buckets = new Map<string, TableBuckets>();
  private readonly keyNames = new Map<string, Promise<readonly string[]>>();

  constructor(
    private setting: CapacitySetting,
    private readonly clock: Clock,
  ) {}

  get capacity(): CapacitySetting {
    return this.setting;
  }

  /** New capacity takes effect at once, with fresh buckets (no banked burst credit). */
  setCapacity(setting: CapacitySetting): void {
    this.setting = setting;
    this.buckets = new Map();
  }

  async handle(call: DynamoCall, dispatch: Dispatch, usage: Usage): Promise<DynamoResponse> {
    const input = call.input;
    if (!input) return dispatch(call);
    const demands = demandsOf(call.operation, input);
    if (demands.length === 0) return dispatch(call);

    const admitted = this.admit(demands);
    if (typeof admitted === "string") {
      usage.throttled = admitted;
      return provisionedThroughputExceeded();
    }

    // A call the store failed, here or in metering it, consumed nothing: its reservation goes back.
    let consumed: ReadonlyMap<string, number> = new Map();
    try {
      const metering = meteringOf(call.operation, input);
      const response = await dispatch(meteredCall(call, input, metering));
      if (response.status !== 200) {
        const refused = await this.refused(call.operation, input, response, dispatch, usage);
        consumed = refused.consumed;
        return refused.response;
      }
      // DynamoDB answers every success with a JSON object.
      const output = responseInput(response) ?? {};
      const charged = metering.exact ? calculatedWriteUnits(input, output["Attributes"]) : undefined;
      // A call priced exactly writes one item in one table.
      consumed = charged === undefined ? reportedUnits(output) : new Map([[String(input["TableName"]), charged]]);
      return callerResponse(response, output, metering, charged);
    } finally {
      this.settle(admitted, consumed, usage);
    }
  }

  /**
   * Units a refused call consumed: nothing, unless its condition failed, which writes one item's
   * worth in one table. A failed condition also returns the item that failed it when the call
   * asks with ReturnValuesOnConditionCheckFailure, which dynalite does not implement.
   */
  private async refused(
    operation: string,
    input: JsonObject,
    response: DynamoResponse,
    dispatch: Dispatch,
    usage: Usage,
  ): Promise<{ consumed: ReadonlyMap<string, number>; response: DynamoResponse }> {
    if (errorType(response) !== "ConditionalCheckFailedException") return { consumed: new Map(), response };
    usage.conditionalCheckFailed = true;
    const existing = await this.existingItem(operation, input, dispatch);
    const consumed = new Map([[String(input["TableName"]), failedConditionalWriteUnits(existing)]]);
    if (input["ReturnValuesOnConditionCheckFailure"] !== "ALL_OLD" || !existing) return { consumed, response };
    return { consumed, response: withBody(response, { ...responseInput(response), Item: existing }) };
  }

  /**
   * Reserves every demand in the bucket that pays for it, or none and names the kind that was
   * short. The call settles with those buckets, even if new capacity has replaced them meanwhile.
   */
  private admit(demands: readonly Demand[]): readonly Reservation[] | CapacityKind {
    const setting = this.setting;
    if (setting === "unlimited") return demands.map((demand) => ({ demand, bucket: undefined }));
    const reservations = demands.map((demand) => ({ demand, bucket: this.bucketsOf(demand.table, setting)[demand.kind] }));
    const short = reservations.find(({ demand, bucket }) => bucket.available() < demand.estimate);
    if (short) return short.demand.kind;
    for (const { demand, bucket } of reservations) bucket.tryTake(demand.estimate);
    return reservations;
  }

  private settle(reservations: readonly Reservation[], consumed: ReadonlyMap<string, number>, usage: Usage): void {
    for (const { demand, bucket } of reservations) {
      const units = consumed.get(demand.table) ?? 0;
      if (demand.kind === "read") usage.consumedReadUnits += units;
      else usage.consumedWriteUnits += units;
      bucket?.adjust(units - demand.estimate);
    }
  }

  private bucketsOf(table: string, setting: Exclude<CapacitySetting, "unlimited">): TableBuckets {
    let buckets = this.buckets.get(table);
    if (!buckets) {
      buckets = {
        read: new TokenBucket(setting.readCapacity, this.clock),
        write: new TokenBucket(setting.writeCapacity, this.clock),
      };
      this.buckets.set(table, buckets);
    }
    return buckets;
  }

  /** The item a failed condition met, which the front looks up: it is charged by that item's size. */
  private async existingItem(operation: string, input: JsonObject, dispatch: Dispatch): Promise<ItemJson | undefined> {
    const table = String(input["TableName"]);
    // The store checked the call's item or key before it evaluated the condition.
    const key = operation === "PutItem" ? await this.keyOf(table, input["Item"] as JsonObject, dispatch) : input["Key"];
    const found = await dispatch(internalCall("GetItem", { TableName: table, Key: key, ConsistentRead: true }));
    return (responseInput(found) as { readonly Item?: ItemJson }).Item;
  }

  private async keyOf(table: string, item: JsonObject, dispatch: Dispatch): Promise<JsonObject> {
    let names = this.keyNames.get(table);
    if (!names) {
      names = dispatch(internalCall("DescribeTable", { TableName: table })).then(keySchemaNames);
      this.keyNames.set(table, names);
      // A lookup the store failed is not kept, or every later failed condition would fail with it.
      names.catch(() => this.keyNames.delete(table));
    }
    const keyNames = await names;
    return Object.fromEntries(keyNames.map((name) => [name, item[name]]));
  }
}

function keySchemaNames(response: DynamoResponse): readonly string[] {
  if (response.status !== 200) throw new Error(`the store did not describe the table: ${response.body.toString()}`);
  const described = responseInput(response) as { readonly Table: { readonly KeySchema: readonly { readonly AttributeName: string }[] } };
  return described.Table.KeySchema.map((element) => element.AttributeName);
}

/** What the caller asked of a call's response, against which the store is asked for more to meter it. */
interface Metering {
  /** The caller asked for ConsumedCapacity itself. */
  readonly callerAsked: boolean;
  /** The calculator charges the call, from its item and the one it replaced (exactlyPriced). */
  readonly exact: boolean;
  /** The caller asked for the replaced item itself. */
  readonly callerWantsOld: boolean;
}

function meteringOf(operation: string, input: JsonObject): Metering {
  return {
    callerAsked: reportingLevels.has(String(input["ReturnConsumedCapacity"])),
    exact: exactlyPriced(operation, input),
    callerWantsOld: input["ReturnValues"] === "ALL_OLD",
  };
}

/** The call as the store gets it: asking for ConsumedCapacity, and for the replaced item where the charge needs it. */
function meteredCall(call: DynamoCall, input: JsonObject, m: Metering): DynamoCall {
  return withInput(call, {
    ...input,
    ...(m.callerAsked ? {} : { ReturnConsumedCapacity: "TOTAL" }),
    ...(m.exact && !m.callerWantsOld ? { ReturnValues: "ALL_OLD" } : {}),
  });
}

/**
 * A successful response as DynamoDB would give it to the caller: without what only the metering
 * asked for, and with the exact charge where the calculator priced the call.
 */
function callerResponse(response: DynamoResponse, output: JsonObject, m: Metering, charged: number | undefined): DynamoResponse {
  const { ConsumedCapacity: reported, Attributes: old, ...rest } = output;
  return withBody(response, {
    ...rest,
    ...(m.exact && !m.callerWantsOld ? {} : { Attributes: old }),
    ...(m.callerAsked ? { ConsumedCapacity: charged === undefined ? reported : withUnits(reported as JsonObject, charged) } : {}),
  });
}

/**
 * PutItem and DeleteItem are priced by the calculator when the store can be asked for the
 * replaced item; a caller's own ReturnValues other than NONE or ALL_OLD is left for the store
 * to accept or refuse.
 */
function exactlyPriced(operation: string, input: JsonObject): boolean {
  const returnValues = input["ReturnValues"];
  return (
    (operation === "PutItem" || operation === "DeleteItem") &&
    (returnValues === undefined || returnValues === "NONE" || returnValues === "ALL_OLD")
  );
}

/** The calculator's charge for a successful put or delete, whose items the store has accepted. */
function calculatedWriteUnits(input: JsonObject, old: unknown): number {
  // A delete carries no Item: only the deleted item counts.
  return itemWriteUnits(input["Item"] as ItemJson | undefined, old as ItemJson | undefined);
}

/** A ConsumedCapacity member (TOTAL, or INDEXES with its Table part) carrying `units`. */
function withUnits(reported: JsonObject, units: number): JsonObject {
  const table = reported["Table"];
  return { ...reported, CapacityUnits: units, ...(isObject(table) ? { Table: { ...table, CapacityUnits: units } } : {}) };
}

/** Which buckets a call draws on and the least it can cost; none for control-plane calls. */
function demandsOf(operation: string, input: JsonObject): readonly Demand[] {
  const table = String(input["TableName"]);
  switch (operation) {
    case "GetItem":
    case "Query":
    case "Scan":
      return [{ table, kind: "read", estimate: readUnits(0, consistency(input["ConsistentRead"])) }];
    case "PutItem":
      return [{ table, kind: "write", estimate: writeUnits(sizeOf(input["Item"])) }];
    case "UpdateItem":
    case "DeleteItem":
      return [{ table, kind: "write", estimate: writeUnits(0) }];
    case "BatchGetItem":
      return perTable(input["RequestItems"], (requests) => {
        const keys = isObject(requests) && Array.isArray(requests["Keys"]) ? requests["Keys"].length : 1;
        return { kind: "read", estimate: keys * readUnits(0, consistency(isObject(requests) ? requests["ConsistentRead"] : undefined)) };
      });
    case "TransactWriteItems":
      return perTableOf(input["TransactItems"], (put) => writeUnits(sizeOf(put["Item"]), "transactional"));
    case "BatchWriteItem":
      return perTable(input["RequestItems"], (requests) => {
        // A malformed entry that is no list counts as one request, for the store to refuse.
        const estimate = [requests].flat().reduce<number>((sum, request) => {
          const put = isObject(request) ? request["PutRequest"] : undefined;
          return sum + writeUnits(isObject(put) ? sizeOf(put["Item"]) : 0);
        }, 0);
        return { kind: "write", estimate };
      });
    default:
      return [];
  }
}

/** Write demands of a transaction's Puts, summed per table. */
function perTableOf(transactItems: unknown, units: (put: JsonObject) => number): readonly Demand[] {
  const sums = new Map<string, number>();
  for (const entry of [transactItems].flat()) {
    const put = isObject(entry) ? entry["Put"] : undefined;
    if (isObject(put)) sums.set(String(put["TableName"]), (sums.get(String(put["TableName"])) ?? 0) + units(put));
  }
  return [...sums].map(([table, estimate]) => ({ table, kind: "write", estimate }));
}

function perTable(requestItems: unknown, demand: (requests: unknown) => Omit<Demand, "table">): readonly Demand[] {
  if (!isObject(requestItems)) return [];
  return Object.entries(requestItems).map(([table, requests]) => ({ table, ...demand(requests) }));
}

function consistency(consistentRead: unknown): ReadConsistency {
  return consistentRead === true ? "strong" : "eventual";
}

/** Size of an item still unvalidated; a malformed one is left for the store to refuse. */
function sizeOf(item: unknown): number {
  try {
    return itemSize(item as ItemJson);
  } catch {
    return 0;
  }
}

interface ReportedCapacity {
  readonly TableName: string;
  readonly CapacityUnits: number;
}

/**
 * Units per table from the ConsumedCapacity the store reports on every success it was asked
 * for: one member, or a list with one member per table for batch calls and transactions.
 */
function reportedUnits(output: JsonObject): ReadonlyMap<string, number> {
  const reported = output["ConsumedCapacity"] as ReportedCapacity | readonly ReportedCapacity[];
  return new Map([reported].flat().map(({ TableName, CapacityUnits }) => [TableName, CapacityUnits]));
}
