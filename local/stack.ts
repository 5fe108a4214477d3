// The whole local stack in one call: embedded DynamoDB, the handler, and the API in front.
// Used by `npm start`, the load test and the integration tests alike.
import { eventsTableName } from "../handlers/eventStore/table";
import { resourcePath } from "../handlers/http/routes";
import { resolveSettings, type Settings } from "../config/settings";
import { startLocalDynamo, type LocalDynamo } from "./dynamodb/server";
import type { CapacitySetting } from "./dynamodb/throughput";
import { startInProcessRuntime } from "./lambda/inProcess";
import { startLocalApi, type LocalApi } from "./api/server";

export const localProject = "visitplannr";
export const localStackName = "local";

export interface LocalStackOptions {
  /** API port on loopback; 0 picks a free one. */
  readonly port: number;
  /** DynamoDB port on loopback; 0 picks a free one. */
  readonly dynamoPort: number;
  readonly dataDir?: string;
  /** Stack settings; the stack's defaults where absent. */
  readonly settings?: Settings;
  /** Throughput the store enforces; the settings' provisioned capacity when absent. */
  readonly capacity?: CapacitySetting;
}

export interface LocalStack {
  readonly apiUrl: string;
  /** Full URL of POST /destination. */
  readonly destinationUrl: string;
  readonly dynamo: LocalDynamo;
  readonly api: LocalApi;
  readonly tableName: string;
  readonly functionName: string;
  readonly settings: Settings;
  close(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const settings = options.settings ?? resolveSettings(localStackName);
  const tableName = eventsTableName(localProject, localStackName);
  const functionName = `${localProject}-${localStackName}-proposeDestination`;
  const dynamo = await startLocalDynamo({
    port: options.dynamoPort,
    dataDir: options.dataDir,
    tableName,
    readCapacity: settings.readCapacity,
    writeCapacity: settings.writeCapacity,
    capacity: options.capacity,
  });
  try {
    const runtime = await startInProcessRuntime({
      functionName,
      memorySize: settings.memorySize,
      timeout: settings.timeout,
      tableName,
      dynamoEndpoint: dynamo.endpoint,
    });
    const api = await startLocalApi({ port: options.port, stage: settings.stageName, runtime });
    return {
      apiUrl: api.url,
      destinationUrl: `${api.url}${resourcePath}`,
      dynamo,
      api,
      tableName,
      functionName,
      settings,
      close: async () => {
        await api.close();
        await runtime.close();
        await dynamo.close();
      },
    };
  } catch (err) {
    await dynamo.close();
    throw err;
  }
}
