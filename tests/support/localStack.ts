// One local stack per test process: the in-process handler binds to one store, as a Lambda
// execution environment does. Started on first use on free ports, stopped after the run.
import { ScanCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { localDynamoClient } from "../../local/dynamodb/server";
import { startLocalStack, type LocalStack } from "../../local/stack";

let shared: Promise<LocalStack> | undefined;
let client: DynamoDBClient | undefined;

export function sharedLocalStack(): Promise<LocalStack> {
  shared ??= startLocalStack({ port: 0, dynamoPort: 0 });
  return shared;
}

export async function storeClient(): Promise<DynamoDBClient> {
  const stack = await sharedLocalStack();
  client ??= localDynamoClient(stack.dynamo.endpoint);
  return client;
}

/** Number of items in the events table, read with a consistent scan. */
export async function countEvents(): Promise<number> {
  const stack = await sharedLocalStack();
  const out = await (await storeClient()).send(
    new ScanCommand({ TableName: stack.tableName, Select: "COUNT", ConsistentRead: true }),
  );
  return out.Count ?? 0;
}

export const mochaHooks = {
  async afterAll(): Promise<void> {
    client?.destroy();
    if (shared) await (await shared).close();
  },
};
