// DynamoDB cost per proposal: the write units of the item the event store really writes, for a
// typical and for the largest allowed proposal, by the capacity calculator and as the
// embedded DynamoDB reports them.
import { randomUUID } from "node:crypto";
import { QueryCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { writeUnits } from "../loadtest/capacity/capacityUnits";
import { itemSize, type ItemJson } from "../loadtest/capacity/itemSize";
import { localDynamoClient, startLocalDynamo } from "../local/dynamodb/server";
import { tableKeys } from "../handlers/eventStore/table";
import { propose, type RequestMetadata } from "../handlers/proposal/propose";
import { parseProposal } from "../handlers/proposal/schema";
import type { Benchmark, TargetCheck } from "./lib/benchmark";
import { largestProposal, largestRequest, typicalEditor, typicalProposal } from "./lib/proposals";

const typicalRequest = {
  idempotencyKey: randomUUID(),
  userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15",
  sourceIp: "203.0.113.7",
  editor: typicalEditor,
} as const;

interface Cost {
  readonly label: string;
  readonly bytes: number;
  readonly calculated: number;
  readonly reported: number;
}

export const benchmark: Benchmark = {
  name: "dynamodb cost",
  async run() {
    const tableName = "bench-capacity-events";
    const dynamo = await startLocalDynamo({ port: 0, tableName, readCapacity: 5, writeCapacity: 5, capacity: "unlimited" });
    const client = localDynamoClient(dynamo.endpoint);
    try {
      const cost = async (label: string, body: unknown, request: Omit<RequestMetadata, "correlationId" | "receivedAt">): Promise<Cost> => {
        const parsed = parseProposal(body);
        if (!parsed.ok) throw new Error(`the ${label} proposal is not allowed: ${JSON.stringify(parsed.errors)}`);
        const meta: RequestMetadata = { correlationId: randomUUID(), receivedAt: new Date().toISOString(), ...request };
        const outcome = await propose({ client, tableName }, parsed.proposal, meta);
        if (outcome.kind !== "accepted") throw new Error(`the ${label} proposal was not accepted: ${outcome.kind}`);
        // The item as stored, i.e. exactly what toItem wrote.
        const stored = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: "#s = :s",
            ExpressionAttributeNames: { "#s": tableKeys.partitionKey.name },
            ExpressionAttributeValues: { ":s": { S: outcome.streamName } },
          }),
        );
        const item = stored.Items![0]! as Record<string, AttributeValue> as ItemJson;
        const bytes = itemSize(item);
        return { label, bytes, calculated: writeUnits(bytes), reported: outcome.consumedWriteCapacity };
      };
      const typical = await cost("typical", typicalProposal, typicalRequest);
      const largest = await cost("largest", largestProposal, largestRequest);
      const agree = (c: Cost): boolean => c.calculated === c.reported;
      const targets: TargetCheck[] = [
        { name: "typical proposal WCU", target: "= 1 WCU", measured: `${typical.calculated} WCU (${typical.bytes} B)`, met: typical.calculated === 1 },
        { name: "calculator = store, typical", target: "equal", measured: `${typical.calculated} / ${typical.reported} WCU`, met: agree(typical) },
        // The largest item is mostly non-ASCII on purpose, as that is what makes it largest.
        { name: "calculator = store, largest", target: "equal", measured: `${largest.calculated} / ${largest.reported} WCU`, met: agree(largest) },
      ];
      return {
        lines: [typical, largest].map(
          (c) => `${c.label.padEnd(8)} item ${c.bytes} B -> ${c.calculated} WCU by the calculator, ${c.reported} WCU reported by the store`,
        ),
        ratios: [{ name: "write units: largest / typical proposal", measured: largest.calculated, baseline: typical.calculated, unit: "WCU" }],
        targets,
      };
    } finally {
      client.destroy();
      await dynamo.close();
    }
  },
};
