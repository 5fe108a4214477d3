// Append-only event streams on DynamoDB. Each event is written at the next event number with
// attribute_not_exists on the key, so two writers racing for one position cannot both win.
import {
  ConditionalCheckFailedException,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type AttributeValue,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { randomUUID } from "node:crypto";
import { eventAttributes as a } from "./table";

export interface NewEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface RecordedEvent extends NewEvent {
  readonly streamName: string;
  readonly eventNumber: number;
  readonly eventId: string;
  readonly recordedAt: string;
}

/** The stream already holds an event at the expected position. */
export class ConcurrencyError extends Error {
  constructor(
    readonly streamName: string,
    readonly eventNumber: number,
    /** The event already there, when DynamoDB returned it with the failed condition. */
    readonly existing?: RecordedEvent,
    /**
     * EventId of the event this append tried to write there. The SDK retries a put whose answer
     * was lost (reset, timeout) after it was applied; the retry then meets its own event.
     */
    readonly attemptedEventId?: string,
  ) {
    super(`stream ${streamName} already has event ${eventNumber}`);
    this.name = "ConcurrencyError";
  }
}

export interface AppendResult {
  readonly events: readonly RecordedEvent[];
  /** Write capacity units DynamoDB reports for the append. */
  readonly consumedWriteCapacity: number;
}

/** -1 expects a new stream; n expects the stream's last event to be number n. */
export type ExpectedVersion = number;

/** The item an event is stored as (also how tools price an event before it is written). */
export function toItem(event: RecordedEvent): Record<string, AttributeValue> {
  return {
    [a.streamName]: { S: event.streamName },
    [a.eventNumber]: { N: String(event.eventNumber) },
    [a.eventId]: { S: event.eventId },
    [a.eventType]: { S: event.type },
    // JSON strings rather than maps: inner attribute names would count towards item size.
    [a.data]: { S: JSON.stringify(event.data) },
    [a.metadata]: { S: JSON.stringify(event.metadata) },
    [a.recordedAt]: { S: event.recordedAt },
  };
}

export function fromItem(item: Record<string, AttributeValue>): RecordedEvent {
  const s = (name: string): string => item[name]?.S ?? "";
  return {
    streamName: s(a.streamName),
    eventNumber: Number(item[a.eventNumber]?.N),
    eventId: s(a.eventId),
    type: s(a.eventType),
    data: JSON.parse(s(a.data)) as unknown,
    metadata: JSON.parse(s(a.metadata)) as Record<string, unknown>,
    recordedAt: s(a.recordedAt),
  };
}

export async function append(
  client: DynamoDBClient,
  tableName: string,
  streamName: string,
  expectedVersion: ExpectedVersion,
  events: readonly NewEvent[],
  now: () => Date = () => new Date(),
): Promise<AppendResult> {
  const recordedAt = now().toISOString();
  const recorded: RecordedEvent[] = events.map((event, offset) => ({
    ...event,
    streamName,
    eventNumber: expectedVersion + 1 + offset,
    eventId: randomUUID(),
    recordedAt,
  }));
  const put = (event: RecordedEvent) => ({
    TableName: tableName,
    Item: toItem(event),
    ConditionExpression: "attribute_not_exists(#n)",
    ExpressionAttributeNames: { "#n": a.eventNumber },
  });
  if (recorded.length === 1) {
    const [event] = recorded as [RecordedEvent];
    try {
      const out = await client.send(
        new PutItemCommand({ ...put(event), ReturnConsumedCapacity: "TOTAL", ReturnValuesOnConditionCheckFailure: "ALL_OLD" }),
      );
      return { events: recorded, consumedWriteCapacity: out.ConsumedCapacity?.CapacityUnits ?? 0 };
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) {
        throw new ConcurrencyError(streamName, event.eventNumber, err.Item ? fromItem(err.Item) : undefined, event.eventId);
      }
      throw err;
    }
  }
  // Several events go in one transaction (at twice the write cost) so a stream never holds
  // half of a batch.
  try {
    const out = await client.send(
      new TransactWriteItemsCommand({ TransactItems: recorded.map((e) => ({ Put: put(e) })), ReturnConsumedCapacity: "TOTAL" }),
    );
    const consumed = (out.ConsumedCapacity ?? []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
    return { events: recorded, consumedWriteCapacity: consumed };
  } catch (err) {
    if (err instanceof TransactionCanceledException) {
      const failed = err.CancellationReasons?.findIndex((r) => r.Code === "ConditionalCheckFailed") ?? -1;
      if (failed >= 0) throw new ConcurrencyError(streamName, recorded[failed]!.eventNumber);
    }
    throw err;
  }
}

/** All events of a stream in order (strongly consistent, paged). */
export async function read(client: DynamoDBClient, tableName: string, streamName: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: "#s = :s",
        ExpressionAttributeNames: { "#s": a.streamName },
        ExpressionAttributeValues: { ":s": { S: streamName } },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    events.push(...(out.Items ?? []).map(fromItem));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return events;
}
