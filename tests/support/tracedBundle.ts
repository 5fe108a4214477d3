// A handler bundle written to a folder and invoked by plain `node` with tracing on, as Lambda
// runs it: the trace header set per invocation, the X-Ray daemon a UDP socket on loopback.
import { execFile } from "node:child_process";
import { createSocket } from "node:dgram";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { BundleFiles } from "../../components/bundle";
import { until } from "./until";
import { eventsTableVariable } from "../../config/functionEnvironment";
import { localCredentials, localRegion } from "../../local/awsIdentity";

// Invokes once per trace header given, each set as Lambda sets _X_AMZN_TRACE_ID. As in Lambda's
// runtime, invocations arrive on an asynchronous chain begun before the handler's module was
// loaded, so they see only trace context the module made process-wide.
const tracedInvokeScript = `
let loaded;
const invocations = new Promise((resolve) => (loaded = resolve)).then(async (handler) => {
  const event = JSON.parse(process.argv[2]);
  for (const [i, { root, parent }] of JSON.parse(process.argv[3]).entries()) {
    process.env._X_AMZN_TRACE_ID = "Root=" + root + ";Parent=" + parent + ";Sampled=1";
    const context = { functionName: "propose-destination", awsRequestId: "req-" + i, getRemainingTimeInMillis: () => 10000 };
    const response = await handler({ ...event, requestContext: { ...event.requestContext, requestId: "api-req-" + i } }, context);
    statuses.push(response.statusCode);
  }
});
const statuses = [];
loaded((await import(process.argv[1])).handler);
await invocations;
process.stdout.write("\\n" + JSON.stringify(statuses));
`;

/** The fields of an X-Ray segment document the tests read; the rest is there too. */
export interface TraceDocument {
  readonly id: string;
  readonly name: string;
  readonly trace_id: string;
  readonly parent_id?: string;
  readonly annotations?: Record<string, string>;
  readonly metadata?: Record<string, Record<string, { readonly statusCode?: number }>>;
  readonly aws?: {
    readonly operation?: string;
    readonly table_name?: string;
    readonly consumed_capacity?: { readonly CapacityUnits?: number };
  };
}

export interface Trace {
  readonly root: string;
  readonly parent: string;
}

/** Writes the bundle's files under a new temporary folder and returns the folder. */
/** The environment a bundle needs to write to a local store's table, and nothing else of this process's. */
export function localStoreEnv(endpoint: string, tableName: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    [eventsTableVariable]: tableName,
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

export function writeBundle(files: BundleFiles): string {
  const dir = mkdtempSync(path.join(tmpdir(), "visitplannr-bundle-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/**
 * Invokes the bundle's entry once per trace with `event`, with tracing on as in Lambda, and
 * returns what the daemon received (waiting, bounded, for `expectedDocuments`) and the statuses.
 */
export async function tracedInvocations(
  entry: string,
  event: unknown,
  traces: readonly Trace[],
  expectedDocuments: number,
  env: NodeJS.ProcessEnv,
): Promise<{ documents: TraceDocument[]; statuses: number[] }> {
  const daemon = createSocket("udp4");
  const documents: TraceDocument[] = [];
  daemon.on("message", (message) => documents.push(JSON.parse(message.toString("utf8").split("\n")[1]!) as TraceDocument));
  daemon.bind(0, "127.0.0.1");
  await once(daemon, "listening");
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--input-type=module", "-e", tracedInvokeScript, entry, JSON.stringify(event), JSON.stringify(traces)],
      {
        env: {
          AWS_EXECUTION_ENV: "AWS_Lambda_nodejs24.x",
          LAMBDA_TASK_ROOT: path.dirname(entry),
          AWS_LAMBDA_FUNCTION_NAME: "propose-destination",
          AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}`,
          ...env,
        },
      },
    );
    // Datagrams may still be on their way when the process has ended; the wait is bounded.
    await until(() => documents.length >= expectedDocuments, 5_000);
    return { documents, statuses: JSON.parse(stdout.slice(stdout.lastIndexOf("\n") + 1)) as number[] };
  } finally {
    daemon.close();
  }
}
