// Traffic that gives every widget of the ops page something to show, the way a bad afternoon
// would: accepted, rejected, replayed and conflicting proposals; DynamoDB failing a few writes
// (500), a caller's bad request to DynamoDB (a user error), a reader scanning the table; and a
// table cut to 1 WCU under load until the write-throttle alarm fires.
import { GetItemCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { localDynamoClient } from "../../local/dynamodb/server";
import { internalServerError } from "../../local/dynamodb/wire";
import type { LocalStack } from "../../local/stack";
import { jsonHeaders, post, proposal } from "../support/http";

export async function variedTraffic(stack: LocalStack): Promise<void> {
  const url = stack.destinationUrl;
  for (let i = 0; i < 5; i++) await post(url, JSON.stringify(proposal({ name: `Destination ${i}` })), jsonHeaders);
  const keyed = { ...jsonHeaders, "Idempotency-Key": `ops-page-${Date.now()}` };
  await post(url, JSON.stringify(proposal()), keyed);
  await post(url, JSON.stringify(proposal()), keyed);
  await post(url, JSON.stringify(proposal({ name: "Another place" })), keyed);
  await post(url, JSON.stringify({ name: "" }), jsonHeaders);
  await post(url, "name=plain", { "Content-Type": "text/plain" });
  await post(`${stack.apiUrl}/nowhere`, "{}", jsonHeaders);

  // DynamoDB fails the next writes with HTTP 500 (the SDK's retries included).
  let failures = 3;
  const stop = stack.dynamo.use((call, next) =>
    call.operation === "PutItem" && failures-- > 0
      ? Promise.resolve({ kind: "response", response: internalServerError("injected") })
      : next(call),
  );
  await post(url, JSON.stringify(proposal()), jsonHeaders);
  stop();

  const client = localDynamoClient(stack.dynamo.endpoint);
  try {
    await client.send(new ScanCommand({ TableName: stack.tableName, ConsistentRead: true }));
    await client
      .send(new GetItemCommand({ TableName: "no-such-table", Key: { StreamName: { S: "x" }, EventNumber: { N: "0" } } }))
      .catch(() => undefined);
  } finally {
    client.destroy();
  }
}

/** Keeps four proposals in flight until stopped: enough to throttle a 1 WCU table. */
export function backgroundLoad(stack: LocalStack): { stop(): Promise<void> } {
  let running = true;
  const worker = async () => {
    while (running) {
      await fetch(stack.destinationUrl, { method: "POST", headers: jsonHeaders, body: JSON.stringify(proposal()) })
        .then((r) => r.arrayBuffer())
        .catch(() => undefined);
    }
  };
  const workers = Array.from({ length: 4 }, worker);
  return {
    stop: async () => {
      running = false;
      await Promise.all(workers);
    },
  };
}
