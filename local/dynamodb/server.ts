// Embedded DynamoDB for the local stack and the tests: dynalite on loopback, with the events
// table created from the shared definition.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";
import { tableDefinition } from "../../handlers/eventStore/table";

export interface LocalDynamoOptions {
  /** Port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** LevelDB folder to persist across restarts; in memory when absent. */
  readonly dataDir?: string;
  readonly tableName: string;
  readonly readCapacity: number;
  readonly writeCapacity: number;
}

export interface LocalDynamo {
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

/** A client for the local store; credentials are required by the SDK but never checked. */
export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
}

export async function startLocalDynamo(options: LocalDynamoOptions): Promise<LocalDynamo> {
  const server: Server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path: options.dataDir });
  server.listen(options.port, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localDynamoClient(endpoint);
  try {
    await ensureTable(client, options);
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    port,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

async function ensureTable(client: DynamoDBClient, options: LocalDynamoOptions): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: options.tableName,
        AttributeDefinitions: [...tableDefinition.attributeDefinitions],
        KeySchema: [...tableDefinition.keySchema],
        ProvisionedThroughput: {
          ReadCapacityUnits: options.readCapacity,
          WriteCapacityUnits: options.writeCapacity,
        },
      }),
    );
  } catch (err) {
    // A persisted store (--data-dir) already holds the table from an earlier run.
    if ((err as Error).name !== "ResourceInUseException") throw err;
  }
  await waitUntilTableExists({ client, maxWaitTime: 10 }, { TableName: options.tableName });
}
