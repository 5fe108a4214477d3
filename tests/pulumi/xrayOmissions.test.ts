// Each module the bundle leaves out of the X-Ray SDK (components/xrayPlugins.ts) is one the
// function never executes. These tests fail, naming the omission, when an upgrade of Tracer or
// the SDK makes it need what is left out: what the libraries take from the omitted modules, read
// from their published code, and the segment documents a real invocation sends, with and
// without the omission.
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { buildHandlerBundle, bundleEntryFile, type BundleFiles } from "../../components/bundle";
import { tracedAwsServices, xrayOmissions, type XrayOmission } from "../../components/xrayPlugins";
import { allowedMethods, resourcePath } from "../../handlers/http/routes";
import * as lambdaSampling from "../../handlers/tracing/lambdaSampling";
import xraySdkRoot from "../../handlers/tracing/xraySdk";
import { startLocalDynamo, type LocalDynamo } from "../../local/dynamodb/server";
import { jsonHeaders } from "../support/http";
import { proxyEvent } from "../support/proxyEvent";
import { localStoreEnv, tracedInvocations, writeBundle, type TraceDocument } from "../support/tracedBundle";

const projectRoot = path.resolve(__dirname, "..", "..");
const modules = path.join(projectRoot, "node_modules");
const sdkLib = path.join(modules, "aws-xray-sdk-core", "dist", "lib");

/** The published ES module files of a package folder, recursively. */
function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".js"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * The names a module takes from the binding `name`: destructured (`const { a, b: c } = name`)
 * or read as members (`name.a`).
 */
function namesTakenFrom(source: string, name: string): Set<string> {
  const taken = new Set<string>();
  for (const [, list] of source.matchAll(new RegExp(`const\\s*\\{([^}]*)\\}\\s*=\\s*${name}\\b`, "g"))) {
    for (const part of list!.split(",")) {
      const key = part.split(":")[0]!.trim();
      if (key) taken.add(key);
    }
  }
  for (const [, member] of source.matchAll(new RegExp(`\\b${name}\\.(\\w+)`, "g"))) taken.add(member!);
  return taken;
}

/** The files a bundle was built from, as its source maps list them, as absolute paths. */
function bundledSources(files: BundleFiles): string[] {
  return Object.entries(files)
    .filter(([name]) => name.endsWith(".map"))
    .flatMap(([name, text]) =>
      (JSON.parse(text) as { sources: string[] }).sources.map((source) => path.resolve(projectRoot, path.dirname(name), source)),
    );
}

const named = (omission: XrayOmission, message: string): string => `${omission} omission (components/xrayPlugins.ts): ${message}`;

describe("X-Ray SDK omissions", () => {
  let deployed: BundleFiles;
  before(async () => {
    deployed = await buildHandlerBundle();
  });

  it("names every omission the bundle makes", () => {
    assert.deepEqual(Object.keys(xrayOmissions).sort(), ["AWS field lists", "Lambda sampling", "SDK root"]);
  });

  describe("what the libraries take from the omitted modules", () => {
    it("SDK root: everything Powertools Tracer takes from the SDK's root is there, as the SDK's own code", async () => {
      const tracerFiles = jsFiles(path.join(modules, "@aws-lambda-powertools", "tracer", "lib", "esm"));
      const taken = new Set<string>();
      for (const file of tracerFiles) {
        const source = readFileSync(file, "utf8");
        for (const [statement] of source.matchAll(/^import\s[^;]*['"]aws-xray-sdk-core[^'"]*['"]/gm)) {
          const binding = /^import\s+(\w+)\s+from\s+['"]aws-xray-sdk-core['"]$/.exec(statement!);
          assert.ok(
            binding,
            named("SDK root", `${path.basename(file)} imports the SDK in a form the omission does not know: ${statement}`),
          );
          for (const name of namesTakenFrom(source, binding[1]!)) taken.add(name);
        }
      }
      assert.ok(taken.size > 0, named("SDK root", "Tracer no longer takes anything from the SDK's root; the omission may be stale"));
      const root = xraySdkRoot as unknown as Record<string, unknown>;
      const sdk = ((await import("aws-xray-sdk-core")) as unknown as { default: Record<string, unknown> }).default;
      const awsV2 = ["captureAWS", "captureAWSClient"];
      for (const name of taken) {
        assert.ok(name in root, named("SDK root", `Tracer takes ${name}, which handlers/tracing/xraySdk.ts does not export`));
        if (!awsV2.includes(name)) {
          assert.equal(root[name], sdk[name], named("SDK root", `${name} is not the SDK's own`));
        }
      }
    });

    it("SDK root: no other bundled module imports the SDK's root", () => {
      const importers = bundledSources(deployed).filter(
        (source) =>
          source.includes("node_modules/") &&
          !source.includes("node_modules/aws-xray-sdk-core/") &&
          !source.includes("node_modules/@aws-lambda-powertools/tracer/") &&
          /from\s*['"]aws-xray-sdk-core['"]|require\(['"]aws-xray-sdk-core['"]\)/.test(readFileSync(source, "utf8")),
      );
      assert.deepEqual(importers, [], named("SDK root", `other bundled modules import the SDK's root: ${importers.join(", ")}`));
    });

    it("Lambda sampling: the SDK's Lambda set-up calls only disableCentralizedSampling of its middleware, and nothing bundled reads the samplers", () => {
      const source = readFileSync(path.join(sdkLib, "env", "aws_lambda.js"), "utf8");
      const binding = /var\s+(\w+)\s*=\s*require\('\.\.\/middleware\/mw_utils'\)/.exec(source);
      assert.ok(binding, named("Lambda sampling", "the SDK's Lambda set-up no longer imports middleware/mw_utils as the omission expects"));
      const used = [...namesTakenFrom(source, binding[1]!)];
      const kept = Object.keys(lambdaSampling);
      assert.deepEqual(used, kept, named("Lambda sampling", `the Lambda set-up uses ${used.join(", ")} of the middleware`));
      const middleware = bundledSources(deployed).filter((source) => source.includes("aws-xray-sdk-core/dist/lib/middleware/"));
      assert.deepEqual(middleware, [], named("Lambda sampling", `bundled modules need the middleware: ${middleware.join(", ")}`));
    });

    it("AWS field lists: every AWS client the function bundles has its service's fields kept", async () => {
      const clients = [
        ...new Set(bundledSources(deployed).flatMap((source) => /node_modules\/@aws-sdk\/(client-[\w-]+)\//.exec(source)?.[1] ?? [])),
      ];
      assert.ok(clients.length > 0);
      for (const client of clients) {
        const exports = Object.keys(await import(`@aws-sdk/${client}`)).filter((name) => /^[A-Z]\w*Client$/.test(name));
        for (const name of exports) {
          // The SDK records fields under the client's class name without "Client", lower-cased.
          const service = name.slice(0, -"Client".length).toLowerCase();
          assert.ok(
            tracedAwsServices.includes(service),
            named("AWS field lists", `${name} is bundled but ${service}'s fields are left out`),
          );
        }
      }
    });
  });

  describe("what a traced invocation sends, with and without each omission", () => {
    const tableName = "omissions-test-events";
    let dynamo: LocalDynamo;
    /** The documents of the deployed bundle, with every omission. */
    let withAll: unknown;
    before(async () => {
      dynamo = await startLocalDynamo({ port: 0, tableName, readCapacity: 5, writeCapacity: 5 });
      withAll = await tracedShape(deployed);
    });
    after(() => dynamo.close());

    const event: APIGatewayProxyEvent = proxyEvent(
      {
        method: allowedMethods[0],
        path: resourcePath,
        headers: jsonHeaders,
        body: JSON.stringify({ name: "Kew Gardens", location: { latitude: 51.478, longitude: -0.295 } }),
        isBase64Encoded: false,
      },
      "api-req-1",
    );

    /**
     * The documents a traced invocation of the bundle sends, as their shape: each document's
     * fields, recursively, with the type of each value, and the names and parents that make the
     * tree; ids, times and values that differ from run to run are left out.
     */
    async function tracedShape(files: BundleFiles): Promise<unknown> {
      const dir = writeBundle(files);
      try {
        const trace = { root: "1-6b000000-000000000000000000000001", parent: "0000000000000001" };
        const { documents, statuses } = await tracedInvocations(
          path.join(dir, bundleEntryFile),
          event,
          [trace],
          2,
          localStoreEnv(dynamo.endpoint, tableName),
        );
        assert.deepEqual(statuses, [201]);
        const byId = new Map(documents.map((d) => [d.id, d.name]));
        const shape = (value: unknown): unknown =>
          value !== null && typeof value === "object"
            ? Object.fromEntries(
                Object.entries(value)
                  .sort(([a], [b]) => a.localeCompare(b))
                  .map(([key, v]) => [key, shape(v)]),
              )
            : typeof value;
        return documents
          .map((d: TraceDocument) => ({ name: d.name, parent: byId.get(d.parent_id ?? "") ?? d.parent_id, fields: shape(d) }))
          .sort((a, b) => a.name.localeCompare(b.name));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }

    it("sends the handler's and DynamoDB's subsegments, the DynamoDB one under the handler's", () => {
      const documents = withAll as { name: string; parent: string }[];
      assert.deepEqual(
        documents.map(({ name, parent }) => ({ name, parent })),
        [
          { name: "## proposeDestination", parent: "0000000000000001" },
          { name: "DynamoDB", parent: "## proposeDestination" },
        ],
      );
    });

    for (const omission of ["SDK root", "Lambda sampling", "AWS field lists"] as const) {
      it(`${omission}: the same documents as with the SDK's modules bundled`, async () => {
        const without = await tracedShape(await buildHandlerBundle(undefined, { keepInXraySdk: [omission] }));
        assert.deepEqual(withAll, without, named(omission, "the traces differ with and without it"));
      });
    }
  });
});
