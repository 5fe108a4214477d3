// The deployed bundle: built from the handler, within its size budget, and working as Lambda
// would load it — plain Node importing index.mjs, calling `handler`, writing to a real table.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { QueryCommand } from "@aws-sdk/client-dynamodb";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { localDynamoClient, startLocalDynamo, type LocalDynamo } from "../../local/dynamodb/server";
import {
  buildHandlerBundle,
  bundleEntryFile,
  bundleSize,
  bundleSizeBudgetBytes,
  bundleTarget,
  runtimeMajor,
  type BundleFiles,
} from "../../components/bundle";
import { settingSpecs } from "../../config/settings";
import { eventsTableVariable } from "../../config/functionEnvironment";
import { tableKeys } from "../../handlers/eventStore/table";
import { problems } from "../../handlers/http/problem";
import { allowedMethods, resourcePath } from "../../handlers/http/routes";
import { sourceMappedStack } from "../../handlers/logging/sourceMappedStack";
import { jsonHeaders } from "../support/http";
import { proxyEvent } from "../support/proxyEvent";
import { localStoreEnv, tracedInvocations, writeBundle, type Trace } from "../support/tracedBundle";

const root = path.resolve(__dirname, "..", "..");

// Runs in a separate, plain `node` (no TypeScript loader), as the Lambda runtime would.
const invokeScript = `
const { handler } = await import(process.argv[1]);
const event = JSON.parse(process.argv[2]);
const context = { functionName: "propose-destination", awsRequestId: "req-1", getRemainingTimeInMillis: () => 10000 };
process.stdout.write(JSON.stringify(await handler(event, context)));
`;

const kewGardens = { name: "Kew Gardens", location: { latitude: 51.478, longitude: -0.295 } };

/** The proxy event API Gateway builds for POST /destination with this JSON body. */
function proposalEvent(body: unknown): APIGatewayProxyEvent {
  return proxyEvent(
    { method: allowedMethods[0], path: resourcePath, headers: jsonHeaders, body: JSON.stringify(body), isBase64Encoded: false },
    "api-req-1",
  );
}

describe("handler bundle", () => {
  let files: BundleFiles;
  /** Every chunk's code, without the source maps. */
  let code: string;
  let dir: string;

  before(async () => {
    files = await buildHandlerBundle();
    code = Object.entries(files)
      .filter(([name]) => name.endsWith(".mjs"))
      .map(([, text]) => text)
      .join("\n");
    dir = writeBundle(files);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("has the ES module entry Lambda loads, with a linked source map", () => {
    assert.ok(files[bundleEntryFile], `no ${bundleEntryFile} among ${Object.keys(files).join(", ")}`);
    assert.match(files[bundleEntryFile]!, /\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    assert.ok(files[`${bundleEntryFile}.map`]);
  });

  it("is built for the oldest Node.js the runtime setting allows, so it runs on every one", () => {
    const allowed = (settingSpecs.runtime.allowed ?? []).map(runtimeMajor);
    assert.ok(allowed.length > 0);
    assert.equal(bundleTarget, `node${Math.min(...allowed)}`);
    assert.throws(() => runtimeMajor("python3.12"), /not a Node\.js Lambda runtime/);
  });

  it("ships a source map for every chunk", () => {
    for (const name of Object.keys(files).filter((file) => file.endsWith(".mjs"))) {
      assert.match(files[name]!, new RegExp(`//# sourceMappingURL=${path.basename(name).replace(/\./g, "\\.")}\\.map\\s*$`), name);
      assert.ok(files[`${name}.map`], `no map for ${name}`);
    }
  });

  it("maps a stack's frames in SDK chunks to their node_modules files, and leaves frames it cannot map as they are", () => {
    // A position in the middle of a chunk of SDK code, as a V8 frame gives it (1-based).
    const chunk = Object.keys(files).find((name) => /^chunks\/chunk-.*\.mjs$/.test(name))!;
    const lines = files[chunk]!.split("\n");
    const line = lines.findIndex((text) => text.startsWith("//# sourceMappingURL=")) - 1;
    const position = `${line + 1}:${Math.floor(lines[line]!.length / 2) + 1}`;
    const frames = [
      `    at send (file://${path.join(dir, chunk)}:${position})`,
      `    at bare (${path.join(dir, chunk)}:${position})`,
      "    at async invoke (file:///elsewhere/runtime.mjs:28:20)",
      "    at odd (file:///elsewhere/bad%zz.mjs:1:1)",
      "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
    ];
    const mapped = sourceMappedStack(["Error: boom", ...frames].join("\n")).split("\n");
    assert.equal(mapped[0], "Error: boom");
    const inDependency = /^ {4}at (send|bare) \(\S*\/node_modules\/@(smithy|aws-sdk)\/\S+\.js:\d+:\d+\)$/;
    assert.match(mapped[1]!, inDependency);
    assert.match(mapped[2]!, inDependency);
    assert.deepEqual(mapped.slice(3), frames.slice(2));
  });

  it("stays under the size budget", () => {
    const size = bundleSize(files);
    assert.ok(size <= bundleSizeBudgetBytes, `bundle is ${size} bytes, budget ${bundleSizeBudgetBytes}`);
  });

  it("keeps only what the handler uses of the SDK", () => {
    // A client-dynamodb that is not tree-shaken carries every operation, e.g. CreateBackup.
    assert.ok(code.includes('"PutItem"'));
    assert.ok(!code.includes('"CreateBackup"'));
  });

  it("leaves out the parts of the X-Ray SDK a Lambda function never runs", () => {
    // The AWS SDK v2 patcher and semver, which only it uses.
    assert.ok(!code.includes("SEMVER_SPEC_VERSION"));
    // The samplers: centralized sampling's API client and the local rules.
    assert.ok(!code.includes("GetSamplingRules"));
    assert.ok(!code.includes("fixed_target"));
    // Other services' fields to record, e.g. SQS's queue URL; DynamoDB's, which the trace test
    // below reads, are kept.
    assert.ok(!code.includes("QueueUrl"));
  });

  describe("run by plain node against a real table", () => {
    const tableName = "bundle-test-events";
    let dynamo: LocalDynamo;
    before(async () => {
      dynamo = await startLocalDynamo({ port: 0, tableName, readCapacity: 5, writeCapacity: 5 });
    });
    after(() => dynamo.close());

    const tableEnv = (): NodeJS.ProcessEnv => localStoreEnv(dynamo.endpoint, tableName);

    async function run(event: unknown, env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string }> {
      return await promisify(execFile)(
        process.execPath,
        ["--input-type=module", "-e", invokeScript, path.join(dir, bundleEntryFile), JSON.stringify(event)],
        {
          env: { ...tableEnv(), POWERTOOLS_DEV: "true", ...env },
        },
      );
    }

    async function invoke(event: unknown): Promise<{ statusCode: number; body: string }> {
      const { stdout } = await run(event);
      return JSON.parse(stdout.slice(stdout.lastIndexOf('{"statusCode"'))) as { statusCode: number; body: string };
    }

    it("accepts a proposal and appends its event to the table", async () => {
      const response = await invoke(proposalEvent(kewGardens));
      assert.equal(response.statusCode, 201, response.body);
      const { streamName } = JSON.parse(response.body) as { streamName: string };
      const client = localDynamoClient(dynamo.endpoint);
      try {
        const stored = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: "#s = :s",
            ExpressionAttributeNames: { "#s": tableKeys.partitionKey.name },
            ExpressionAttributeValues: { ":s": { S: streamName } },
          }),
        );
        assert.equal(stored.Count, 1);
      } finally {
        client.destroy();
      }
    });

    it("logs an error in our code at its TypeScript source line, without Node's --enable-source-maps", async () => {
      // Without a table name the handler fails in its own code and logs the error's location.
      const { stdout, stderr } = await run(proposalEvent(kewGardens), {
        [eventsTableVariable]: "",
        POWERTOOLS_DEV: "false",
      });
      // One JSON line per entry, as in Lambda; Powertools writes error-level lines to stderr.
      const logged = stderr
        .split("\n")
        .filter((line) => line.startsWith("{") && line.includes('"unexpected failure"'))
        .map((line) => JSON.parse(line) as { error?: { message: string; location: string; stack: string } });
      assert.equal(logged.length, 1, stdout + stderr);
      assert.equal(logged[0]!.error?.message, `${eventsTableVariable} is not set`);
      const source = readFileSync(path.join(root, "handlers", "proposeDestination.ts"), "utf8").split("\n");
      const match = /handlers\/proposeDestination\.ts:(\d+)$/.exec(logged[0]!.error!.location);
      assert.ok(match, `location ${logged[0]!.error!.location}`);
      assert.match(source[Number(match[1]) - 1]!, /throw new Error\(`\$\{eventsTableVariable\} is not set`\)/);
      assert.doesNotMatch(logged[0]!.error!.stack, /\.mjs:\d+:\d+/, "every frame in the bundle is mapped");
    });

    const traced = (traces: readonly Trace[], expectedDocuments: number, env: NodeJS.ProcessEnv = {}) =>
      tracedInvocations(path.join(dir, bundleEntryFile), proposalEvent(kewGardens), traces, expectedDocuments, { ...tableEnv(), ...env });

    it("traces each invocation as Lambda's X-Ray daemon receives it: handler and DynamoDB subsegments in the invocation's trace", async () => {
      const traces = [1, 2].map((i) => ({ root: `1-6b000000-00000000000000000000000${i}`, parent: `000000000000000${i}` }));
      // Two invocations in one process, each with its own trace header, as Lambda sets it.
      const { documents, statuses } = await traced(traces, 4);
      assert.deepEqual(statuses, [201, 201]);
      assert.equal(documents.length, 4, JSON.stringify(documents));
      for (const { root, parent } of traces) {
        const handler = documents.find((d) => d.trace_id === root && d.name === "## proposeDestination");
        const dynamo = documents.find((d) => d.trace_id === root && d.name === "DynamoDB");
        assert.ok(handler && dynamo, `trace ${root}: ${JSON.stringify(documents)}`);
        assert.equal(handler.parent_id, parent);
        assert.equal(handler.annotations?.outcome, "accepted");
        assert.equal(dynamo.parent_id, handler.id);
        assert.equal(dynamo.aws?.operation, "PutItem");
        assert.equal(dynamo.aws?.table_name, tableName);
        assert.equal(dynamo.aws?.consumed_capacity?.CapacityUnits, 1);
      }
    });

    it("traces an unexpected failure with its outcome and status, as every other answer", async () => {
      const trace = { root: "1-6b000000-000000000000000000000009", parent: "0000000000000009" };
      // Without a table name the handler fails in its own code: a 500.
      // One document: the handler's subsegment, as no DynamoDB call is made.
      const { documents, statuses } = await traced([trace], 1, { [eventsTableVariable]: "" });
      assert.deepEqual(statuses, [500]);
      const handler = documents.find((d) => d.trace_id === trace.root && d.name === "## proposeDestination");
      assert.ok(handler, JSON.stringify(documents));
      assert.equal(handler.annotations?.outcome, problems.internal().reason);
      assert.equal(Object.values(handler.metadata ?? {})[0]?.["proposeDestination response"]?.statusCode, 500);
    });

    it("answers a malformed proposal with 400 without touching the table", async () => {
      const response = await invoke(proposalEvent({ name: "" }));
      assert.equal(response.statusCode, 400, response.body);
    });
  });
});
