// The whole local stack in one call: embedded DynamoDB, the function in its Lambda emulation,
// and the API in front. Used by `npm start`, the load test and the integration tests alike;
// every stack is self-contained, so one process can run several.
import { localStackName, projectName } from "../config/names";
import { resourcePath } from "../handlers/http/routes";
import { resolveSettings, type Settings } from "../config/settings";
import { corsOriginList } from "../config/corsOrigins";
import { startLocalDynamo, type LocalDynamo } from "./dynamodb/server";
import type { CapacitySetting } from "./dynamodb/throughput";
import { startLambdaEmulator, type LambdaEmulator } from "./lambda/emulator";
import { stackFunction } from "./lambda/environment";
import { startLocalApi, type LocalApi } from "./api/server";
import type { LocalAuth } from "./auth/localAuth";
import { apiLimits, createApiThrottle, type ApiLimits } from "./api/throttling";
import type { WallClock } from "./clock";

// The sample editor's credentials and the authoriser that accepts them, for a stack's `auth` option.
export { sampleEditorAccess } from "./auth/localAuth";

export interface LocalStackOptions {
  /** API port on loopback; 0 picks a free one. */
  readonly port: number;
  /** DynamoDB port on loopback; 0 picks a free one. */
  readonly dynamoPort: number;
  readonly dataDir?: string;
  /** Stack settings; the stack's defaults where absent. */
  readonly settings?: Settings;
  /** Most Lambda execution environments (worker threads) at once; the emulator's default when absent. */
  readonly maxEnvironments?: number;
  /** Throughput the store enforces; the settings' provisioned capacity when absent. */
  readonly capacity?: CapacitySetting;
  /** Editor tokens and API keys the API requires; none when absent (--no-auth). */
  readonly auth?: LocalAuth;
  /**
   * API Gateway's stage throttling and usage-plan limits: the settings' when absent, as
   * deployed; "unlimited" lifts them for runs that drive more load than the stage allows.
   */
  readonly throttling?: "unlimited";
  /** Clock of the throttling buckets and daily quotas (ms since the epoch); the system clock when absent. */
  readonly clock?: WallClock;
}

/** A stack on free ports with no throughput or throttling limits: for runs that measure rather than enforce. */
export const unlimitedLocalStack = {
  port: 0,
  dynamoPort: 0,
  capacity: "unlimited",
  throttling: "unlimited",
} as const satisfies LocalStackOptions;

export interface LocalStack {
  readonly apiUrl: string;
  /** Full URL of POST /destination. */
  readonly destinationUrl: string;
  readonly dynamo: LocalDynamo;
  readonly api: LocalApi;
  readonly tableName: string;
  readonly functionName: string;
  readonly settings: Settings;
  /** The authoriser and API keys in front of the function, when on. */
  readonly auth?: LocalAuth;
  /** The throttling and quotas the API enforces. */
  readonly limits: ApiLimits | "unlimited";
  /** The function's Lambda emulation: its log stream (handler output and platform records), invocation records. */
  readonly lambda: LambdaEmulator;
  close(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const settings = options.settings ?? resolveSettings(localStackName);
  const fn = stackFunction({ project: projectName, stack: localStackName }, settings);
  const { tableName } = fn;
  const dynamo = await startLocalDynamo({
    port: options.dynamoPort,
    dataDir: options.dataDir,
    tableName,
    readCapacity: settings.readCapacity,
    writeCapacity: settings.writeCapacity,
    capacity: options.capacity,
  });
  try {
    const runtime = await startLambdaEmulator({
      ...fn,
      reservedConcurrency: settings.reservedConcurrency,
      accountConcurrencyLimit: settings.accountConcurrencyLimit,
      maxEnvironments: options.maxEnvironments,
      dynamoEndpoint: dynamo.endpoint,
    });
    const limits = options.throttling ?? apiLimits(settings);
    const throttle = limits === "unlimited" ? undefined : createApiThrottle(limits, options.clock);
    const api = await startLocalApi({
      port: options.port,
      stage: settings.stageName,
      runtime,
      auth: options.auth,
      throttle,
      corsOrigins: corsOriginList(settings.corsOrigins),
    });
    return {
      apiUrl: api.url,
      destinationUrl: `${api.url}${resourcePath}`,
      dynamo,
      api,
      tableName,
      functionName: fn.functionName,
      settings,
      auth: options.auth,
      limits,
      lambda: runtime,
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
