// The local stack most tests share, started on first use on free ports and stopped after the
// run. Tests that need their own settings start their own stacks beside it. Tests that call the
// handler module directly (events the HTTP adapter never sends) get this stack's function
// environment in this process, so the module they import talks to this stack's store. Its
// store does not enforce throughput, so one test's load never throttles the next test's
// reads; tests about throttling set the capacity they need and restore it. Nor does its API
// throttle: the load tests drive more than a stage's default 100 requests/s, and API
// throttling is tested on stacks of its own.
import { ScanCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { localDynamoClient } from "../../local/dynamodb/server";
import { startLocalStack, unlimitedLocalStack, type LocalStack } from "../../local/stack";

let shared: Promise<LocalStack> | undefined;
let client: DynamoDBClient | undefined;

export function sharedLocalStack(): Promise<LocalStack> {
  shared ??= startLocalStack(unlimitedLocalStack).then((stack) => {
    // The handler module reads its table and endpoint once, when it loads: one store per process.
    Object.assign(process.env, stack.lambda.variables);
    return stack;
  });
  return shared;
}

export async function storeClient(): Promise<DynamoDBClient> {
  const stack = await sharedLocalStack();
  client ??= localDynamoClient(stack.dynamo.endpoint);
  return client;
}

/** Number of items in a table, read with a consistent scan. */
export async function countItems(client: DynamoDBClient, tableName: string): Promise<number> {
  const out = await client.send(new ScanCommand({ TableName: tableName, Select: "COUNT", ConsistentRead: true }));
  return out.Count ?? 0;
}

/** Number of items in the shared stack's events table. */
export async function countEvents(): Promise<number> {
  const stack = await sharedLocalStack();
  return countItems(await storeClient(), stack.tableName);
}

export const mochaHooks = {
  async afterAll(): Promise<void> {
    client?.destroy();
    if (shared) await (await shared).close();
  },
};
