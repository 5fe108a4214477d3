// The deployed bundle: built from the handler, within its size budget, and working as Lambda
// would load it — plain Node importing index.mjs, calling `handler`, writing to a real table.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { QueryCommand } from "@aws-sdk/client-dynamodb";
import { localDynamoClient, startLocalDynamo, type LocalDynamo } from "../../local/dynamodb/server";
import { buildHandlerBundle, bundleEntryFile, bundleSize, bundleSizeBudgetBytes, type BundleFiles } from "../../components/bundle";
import { tableKeys } from "../../handlers/eventStore/table";

// Runs in a separate, plain `node` (no TypeScript loader), as the Lambda runtime would.
const invokeScript = `
const { handler } = await import(process.argv[1]);
const event = JSON.parse(process.argv[2]);
const context = { functionName: "propose-destination", awsRequestId: "req-1", getRemainingTimeInMillis: () => 10000 };
process.stdout.write(JSON.stringify(await handler(event, context)));
`;

function proxyEvent(body: unknown): Record<string, unknown> {
  return {
    resource: "/destination",
    path: "/destination",
    httpMethod: "POST",
    headers: { "content-type": "application/json" },
    multiValueHeaders: { "content-type": ["application/json"] },
    queryStringParameters: null,
    pathParameters: null,
    isBase64Encoded: false,
    body: JSON.stringify(body),
    requestContext: { requestId: "api-req-1", requestTimeEpoch: Date.now(), identity: { sourceIp: "127.0.0.1" } },
  };
}

describe("handler bundle", () => {
  let files: BundleFiles;
  let dir: string;

  before(async () => {
    files = await buildHandlerBundle();
    dir = mkdtempSync(path.join(tmpdir(), "visitplannr-bundle-"));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("has the ES module entry Lambda loads, with a linked source map", () => {
    assert.ok(files[bundleEntryFile], `no ${bundleEntryFile} among ${Object.keys(files).join(", ")}`);
    assert.match(files[bundleEntryFile]!, /\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    assert.ok(files[`${bundleEntryFile}.map`]);
  });

  it("stays under the size budget", () => {
    const size = bundleSize(files);
    assert.ok(size <= bundleSizeBudgetBytes, `bundle is ${size} bytes, budget ${bundleSizeBudgetBytes}`);
  });

  it("keeps only what the handler uses of the SDK", () => {
    // A client-dynamodb that is not tree-shaken carries every operation, e.g. CreateBackup.
    const code = Object.entries(files).filter(([name]) => name.endsWith(".mjs")).map(([, text]) => text).join("\n");
    assert.ok(code.includes('"PutItem"'));
    assert.ok(!code.includes('"CreateBackup"'));
  });

  describe("run by plain node against a real table", () => {
    const tableName = "bundle-test-events";
    let dynamo: LocalDynamo;
    before(async () => {
      dynamo = await startLocalDynamo({ port: 0, tableName, readCapacity: 5, writeCapacity: 5 });
    });
    after(() => dynamo.close());

    async function invoke(event: unknown): Promise<{ statusCode: number; body: string }> {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ["--input-type=module", "-e", invokeScript, path.join(dir, bundleEntryFile), JSON.stringify(event)],
        {
          env: {
            PATH: process.env.PATH,
            EVENTS_TABLE: tableName,
            AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
            AWS_REGION: "eu-west-2",
            AWS_ACCESS_KEY_ID: "local",
            AWS_SECRET_ACCESS_KEY: "local",
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
            POWERTOOLS_DEV: "true",
          },
        },
      );
      return JSON.parse(stdout.slice(stdout.lastIndexOf('{"statusCode"'))) as { statusCode: number; body: string };
    }

    it("accepts a proposal and appends its event to the table", async () => {
      const response = await invoke(proxyEvent({ name: "Kew Gardens", location: { latitude: 51.478, longitude: -0.295 } }));
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

    it("answers a malformed proposal with 400 without touching the table", async () => {
      const response = await invoke(proxyEvent({ name: "" }));
      assert.equal(response.statusCode, 400, response.body);
    });
  });
});
