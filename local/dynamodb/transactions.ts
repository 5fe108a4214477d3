// dynalite implements no transactions. TransactWriteItems made of Puts is emulated over its
// PutItem: one transaction at a time, each Put with its own condition, and on the first failed
// condition (or item over 400 KB) the Puts already made are undone, so the table ends with all
// of the items or none.
// A single write racing a transaction may see a Put before it is undone: the emulation keeps the
// all-or-nothing outcome a test can read afterwards, not DynamoDB's isolation.
import { itemWriteUnits } from "../../aws/dynamodb/capacityUnits";
import type { ItemJson } from "../../aws/dynamodb/itemSize";
import type { Dispatch } from "./inProcess";
import { errorType, internalCall, isObject, jsonResponse, responseInput, type DynamoResponse, type JsonObject } from "./wire";

const errorPrefix = "com.amazonaws.dynamodb.v20120810#";

/** A dispatch that answers TransactWriteItems itself and passes every other call on. */
export function withTransactions(dispatch: Dispatch): Dispatch {
  let last: Promise<unknown> = Promise.resolve();
  return (call) => {
    if (call.operation !== "TransactWriteItems" || !call.input) return dispatch(call);
    const input = call.input;
    const run = last.then(() => transactWrite(dispatch, input));
    last = run.catch(() => undefined);
    return run;
  };
}

interface Put {
  readonly TableName: string;
  readonly Item: JsonObject;
  readonly [field: string]: unknown;
}

function putsOf(input: JsonObject): Put[] | undefined {
  const items = input["TransactItems"];
  if (!Array.isArray(items) || items.length === 0 || items.length > 100) return undefined;
  const puts = items.map((entry: unknown) => (isObject(entry) && Object.keys(entry).length === 1 ? entry["Put"] : undefined));
  return puts.every((put): put is Put => isObject(put) && typeof put["TableName"] === "string" && isObject(put["Item"]))
    ? (puts as Put[])
    : undefined;
}

async function transactWrite(dispatch: Dispatch, input: JsonObject): Promise<DynamoResponse> {
  const puts = putsOf(input);
  if (!puts) {
    return jsonResponse(400, {
      __type: `${errorPrefix}ValidationException`,
      message: "the local store emulates TransactWriteItems of 1 to 100 Put actions only",
    });
  }
  const done: { put: Put; old: JsonObject | undefined }[] = [];
  for (const [index, put] of puts.entries()) {
    const { ReturnValuesOnConditionCheckFailure: _, ...request } = put;
    const response = await dispatch(internalCall("PutItem", { ...request, ReturnValues: "ALL_OLD" }));
    if (response.status < 300) {
      const old = responseInput(response)?.["Attributes"];
      done.push({ put, old: isObject(old) ? old : undefined });
      continue;
    }
    await undo(dispatch, done);
    const reason = cancellationReason(response);
    if (!reason) return response;
    const reasons = puts.map((_, i) => (i === index ? reason : { Code: "None" }));
    return jsonResponse(400, {
      __type: `${errorPrefix}TransactionCanceledException`,
      message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(", ")}]`,
      CancellationReasons: reasons,
    });
  }
  return jsonResponse(200, consumedCapacity(input, done));
}

const conditionFailed = { Code: "ConditionalCheckFailed", Message: "The conditional request failed" };

/**
 * Why one Put cancels the whole transaction, or undefined for an error the request fails with
 * as it is: a failed condition, or an item over DynamoDB's 400 KB (a ValidationError reason).
 */
function cancellationReason(response: DynamoResponse): { Code: string; Message: string } | undefined {
  const type = errorType(response);
  if (type === "ConditionalCheckFailedException") return conditionFailed;
  const message = responseInput(response)?.["message"];
  if (type === "ValidationException" && typeof message === "string" && /item size/i.test(message)) {
    return { Code: "ValidationError", Message: message };
  }
  return undefined;
}

/** Restores what each Put replaced, last first: the old item, or no item. */
async function undo(dispatch: Dispatch, done: readonly { put: Put; old: JsonObject | undefined }[]): Promise<void> {
  for (const { put, old } of [...done].reverse()) {
    if (old) await dispatch(internalCall("PutItem", { TableName: put.TableName, Item: old }));
    else await dispatch(internalCall("DeleteItem", { TableName: put.TableName, Key: await keyOf(dispatch, put) }));
  }
}

async function keyOf(dispatch: Dispatch, put: Put): Promise<JsonObject> {
  const table = responseInput(await dispatch(internalCall("DescribeTable", { TableName: put.TableName })))?.["Table"];
  const schema = isObject(table) && Array.isArray(table["KeySchema"]) ? (table["KeySchema"] as unknown[]) : [];
  const names = schema.flatMap((k) => (isObject(k) && typeof k["AttributeName"] === "string" ? [k["AttributeName"]] : []));
  return Object.fromEntries(names.map((name) => [name, put.Item[name]]));
}

/** Transactional writes cost twice a standard write of the larger of the new and the replaced item. */
function consumedCapacity(input: JsonObject, done: readonly { put: Put; old: JsonObject | undefined }[]): JsonObject {
  if (input["ReturnConsumedCapacity"] !== "TOTAL" && input["ReturnConsumedCapacity"] !== "INDEXES") return {};
  const perTable = new Map<string, number>();
  for (const { put, old } of done) {
    const units = itemWriteUnits(put.Item as ItemJson, old as ItemJson | undefined, "transactional");
    perTable.set(put.TableName, (perTable.get(put.TableName) ?? 0) + units);
  }
  return {
    ConsumedCapacity: [...perTable].map(([TableName, units]) => ({ TableName, CapacityUnits: units, WriteCapacityUnits: units })),
  };
}
