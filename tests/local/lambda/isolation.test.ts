// Several local stacks in one process: each function runs in environments of its own, bound to
// its own store, with its own log.
import assert from "node:assert/strict";
import { QueryCommand } from "@aws-sdk/client-dynamodb";
import { tableKeys } from "../../../handlers/eventStore/table";
import { localDynamoClient } from "../../../local/dynamodb/server";
import { startLocalStack, type LocalStack } from "../../../local/stack";
import { jsonHeaders, post, proposal } from "../../support/http";
import { LogStream } from "../../support/logStream";

describe("Lambda emulation: two local stacks in one process", () => {
  let stacks: LocalStack[];
  let logs: LogStream[];

  before(async () => {
    stacks = await Promise.all([0, 1].map(() => startLocalStack({ port: 0, dynamoPort: 0 })));
    logs = stacks.map((stack) => new LogStream(stack));
  });
  after(async () => {
    for (const log of logs) log.stop();
    await Promise.all(stacks.map((stack) => stack.close()));
  });

  async function streamLength(stack: LocalStack, streamName: string): Promise<number> {
    const client = localDynamoClient(stack.dynamo.endpoint);
    try {
      const out = await client.send(
        new QueryCommand({
          TableName: stack.tableName,
          KeyConditionExpression: "#s = :s",
          ExpressionAttributeNames: { "#s": tableKeys.partitionKey.name },
          ExpressionAttributeValues: { ":s": { S: streamName } },
          ConsistentRead: true,
        }),
      );
      return out.Count ?? 0;
    } finally {
      client.destroy();
    }
  }

  it("writes each stack's proposals to its own store only, and logs them in its own log", async () => {
    const names = ["Dartmoor", "Exmoor"];
    const streams: string[] = [];
    for (const [i, stack] of stacks.entries()) {
      const reply = await post(stack.destinationUrl, JSON.stringify(proposal({ name: names[i] })), jsonHeaders);
      assert.equal(reply.status, 201, reply.text);
      streams.push((reply.json as { streamName: string }).streamName);
    }
    for (const [i, stack] of stacks.entries()) {
      assert.equal(await streamLength(stack, streams[i]!), 1, `stack ${i} holds its own proposal`);
      assert.equal(await streamLength(stack, streams[1 - i]!), 0, `stack ${i} holds nothing of the other`);
      const proposed = logs[i]!.records()
        .filter((r) => r.json.message === "destination proposed")
        .map((r) => r.json.name);
      assert.deepEqual(proposed, [names[i]]);
    }
    const [a, b] = logs.map((log) => new Set(log.lines.map((l) => l.logStream)));
    assert.ok(
      [...a!].every((stream) => !b!.has(stream)),
      "log streams are per environment",
    );
  });
});
