// Embedded DynamoDB for the local stack and the tests: dynalite behind a front that enforces
// provisioned throughput, on loopback, with the events table created from the shared
// definition.
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import * as os from "node:os";
import * as path from "node:path";
import type { IncomingHttpHeaders, RequestListener, Server } from "node:http";
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  UpdateTableCommand,
  waitUntilTableExists,
  type DynamoDBClientConfig,
} from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";
import { Level } from "level";
import { tableDefinition } from "../../handlers/eventStore/table";
import { DynamoFront, type Interceptor, type RequestObserver } from "./front";
import { inProcessDispatch } from "./inProcess";
import { withTransactions } from "./transactions";
import type { CapacitySetting } from "./throughput";
import { errorType, responseInput, type JsonObject } from "./wire";
import { systemClock, type Clock } from "../clock";
import { localCredentials, localRegion } from "../awsIdentity";

export interface LocalDynamoOptions {
  /** Port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** LevelDB folder to persist across restarts; in memory when absent. */
  readonly dataDir?: string;
  readonly tableName: string;
  /** The table's provisioned throughput, as CreateTable records it. */
  readonly readCapacity: number;
  readonly writeCapacity: number;
  /** Throughput the store enforces; the table's provisioned capacity when absent. */
  readonly capacity?: CapacitySetting;
  /** Time the token buckets run on; tests pass one they advance by hand. */
  readonly clock?: Clock;
  /** Interceptors in front of the throughput stage (fault injection). */
  readonly interceptors?: readonly Interceptor[];
}

export type { RequestObservation } from "./front";
export { isObject } from "./wire";

/** How the local stack's banner and the load test's report state the throughput enforced. */
export const capacityText = (capacity: CapacitySetting): string =>
  capacity === "unlimited" ? "throughput unlimited" : `${capacity.writeCapacity} WCU / ${capacity.readCapacity} RCU enforced`;

/** A call as its caller sent it, and the store's answer: what a watcher outside the store sees on the wire. */
export interface AnsweredCall {
  /** `PutItem`, `Query`, …; "" for requests that name no operation. */
  readonly operation: string;
  readonly headers: IncomingHttpHeaders;
  /** The request body, when it is a JSON object. */
  readonly input: JsonObject | undefined;
  /** Undefined when the connection was reset instead of answered. */
  readonly answer: CallAnswer | undefined;
}

interface CallAnswer {
  readonly status: number;
  /** Short error name (`ConditionalCheckFailedException`) of an error answer. */
  readonly errorType: string | undefined;
  /** The response body, when it is a JSON object. */
  readonly output: JsonObject | undefined;
}

export interface LocalDynamo {
  readonly endpoint: string;
  readonly port: number;
  /** Throughput enforced now. */
  readonly capacity: CapacitySetting;
  /** Changes the enforced throughput at once (fresh buckets, no banked burst credit). */
  setCapacity(capacity: CapacitySetting): void;
  /** Observes every call (operation, consumed units, throttles, latency); returns the unsubscribe. */
  onRequest(observer: RequestObserver): () => void;
  /** Adds an interceptor (fault injection); returns the function that removes it. */
  use(interceptor: Interceptor): () => void;
  /**
   * Calls `observer` with every call and its answer, after the interceptors already added,
   * as the answer leaves the store; returns the unsubscribe.
   */
  onAnswer(observer: (call: AnsweredCall) => void): () => void;
  close(): Promise<void>;
}

/** A client for the local store; credentials are required by the SDK but never checked. */
export function localDynamoClient(endpoint: string, config: DynamoDBClientConfig = {}): DynamoDBClient {
  // Lambda runs Node 22; a laptop on Node 20 needs no reminder from the SDK on every start.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  return new DynamoDBClient({
    endpoint,
    region: localRegion,
    credentials: localCredentials,
    ...config,
  });
}

export async function startLocalDynamo(options: LocalDynamoOptions): Promise<LocalDynamo> {
  if (options.dataDir) await checkDataDir(options.dataDir);
  const store: Server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path: options.dataDir });
  // Calls reach dynalite in process; it listens only because its close() stops a listening
  // server before it closes the LevelDB store. A socket file, not a TCP port, so no web page can
  // reach it whatever Host it sends (the front checks Host; dynalite checks no signature).
  store.listen(path.join(os.tmpdir(), `visitplannr-dynalite-${process.pid}-${randomUUID()}.sock`));
  await once(store, "listening");
  const front = new DynamoFront(withTransactions(inProcessDispatch(store.listeners("request")[0] as RequestListener)), {
    capacity: options.capacity ?? { readCapacity: options.readCapacity, writeCapacity: options.writeCapacity },
    clock: options.clock ?? systemClock,
    interceptors: options.interceptors,
  });
  const port = await front.listen(options.port);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localDynamoClient(endpoint);
  try {
    await ensureEventsTable(client, options);
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    port,
    get capacity() {
      return front.capacity;
    },
    setCapacity: (capacity) => front.setCapacity(capacity),
    onRequest: (observer) => front.onRequest(observer),
    use: (interceptor) => front.use(interceptor),
    onAnswer: (observer) =>
      front.use(async (call, next) => {
        const outcome = await next(call);
        const answer =
          outcome.kind === "response"
            ? { status: outcome.response.status, errorType: errorType(outcome.response), output: responseInput(outcome.response) }
            : undefined;
        observer({ operation: call.operation, headers: call.headers, input: call.input, answer });
        return outcome;
      }),
    close: async () => {
      await front.close();
      await new Promise<void>((resolve, reject) => store.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/**
 * Opens the persisted store once before dynalite does: dynalite reports a store it cannot open
 * (a file in the way, another stack holding its lock) by throwing from a callback, which ends
 * the process with a stack trace that does not name the folder.
 */
async function checkDataDir(dir: string): Promise<void> {
  const db = new Level(dir);
  try {
    await db.open();
  } catch (err) {
    const cause = (err as { cause?: unknown }).cause;
    const reason = cause instanceof Error ? cause.message : String(err);
    const locked = /\block\b/.test(reason) ? " (is another local stack using it?)" : "";
    throw new Error(`cannot open the store in ${dir}: ${reason}${locked}`);
  }
  await db.close();
}

/** The events table with its provisioned throughput, created unless it exists, and ready. */
export async function ensureEventsTable(
  client: DynamoDBClient,
  options: Pick<LocalDynamoOptions, "tableName" | "readCapacity" | "writeCapacity">,
): Promise<void> {
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
    await waitForTable(client, options.tableName);
    await recordProvisionedThroughput(client, options);
  }
  await waitForTable(client, options.tableName);
}

function waitForTable(client: DynamoDBClient, tableName: string) {
  return waitUntilTableExists({ client, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { TableName: tableName });
}

/** Sets a persisted table's provisioned throughput to this run's, so DescribeTable reports what the store enforces. */
async function recordProvisionedThroughput(
  client: DynamoDBClient,
  options: Pick<LocalDynamoOptions, "tableName" | "readCapacity" | "writeCapacity">,
): Promise<void> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: options.tableName }));
  const recorded = Table?.ProvisionedThroughput;
  if (recorded?.ReadCapacityUnits === options.readCapacity && recorded.WriteCapacityUnits === options.writeCapacity) return;
  await client.send(
    new UpdateTableCommand({
      TableName: options.tableName,
      ProvisionedThroughput: { ReadCapacityUnits: options.readCapacity, WriteCapacityUnits: options.writeCapacity },
    }),
  );
}
