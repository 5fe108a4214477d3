// What a proposal costs once stored: the real `propose` appends it to a real store, and the
// item is read back and sized exactly as written. The bench and the event-store ADR's test
// both quote these figures.
import { randomUUID } from "node:crypto";
import { QueryCommand, type AttributeValue, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { writeUnits } from "../../aws/dynamodb/capacityUnits";
import { itemSize, type ItemJson } from "../../aws/dynamodb/itemSize";
import { tableKeys } from "../../handlers/eventStore/table";
import { propose, type RequestMetadata } from "../../handlers/proposal/propose";
import { parseProposal } from "../../handlers/proposal/schema";

export type RequestShape = Omit<RequestMetadata, "correlationId" | "receivedAt">;

export interface StoredCost {
  readonly bytes: number;
  /** Write units by the calculator. */
  readonly calculated: number;
  /** Write units the store reported for the append. */
  readonly reported: number;
}

export async function storedProposalCost(
  client: DynamoDBClient,
  tableName: string,
  body: unknown,
  request: RequestShape,
): Promise<StoredCost> {
  const parsed = parseProposal(body);
  if (!parsed.ok) throw new Error(`the proposal is not allowed: ${JSON.stringify(parsed.errors)}`);
  const meta: RequestMetadata = { correlationId: randomUUID(), receivedAt: new Date().toISOString(), ...request };
  const outcome = await propose({ client, tableName }, parsed.proposal, meta);
  if (outcome.kind !== "accepted") throw new Error(`the proposal was not accepted: ${outcome.kind}`);
  const stored = await client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: "#s = :s",
      ExpressionAttributeNames: { "#s": tableKeys.partitionKey.name },
      ExpressionAttributeValues: { ":s": { S: outcome.streamName } },
      ConsistentRead: true,
    }),
  );
  const bytes = itemSize(stored.Items![0]! as Record<string, AttributeValue> as ItemJson);
  return { bytes, calculated: writeUnits(bytes), reported: outcome.consumedWriteCapacity };
}
