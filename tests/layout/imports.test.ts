// The layout rule over the real import graph: what ships never imports the tooling, the local
// stack never imports the load test or the bench, and the load test starts the local stack
// only through its start-up interface.
import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { layoutViolations, readImportGraph, type ImportGraph } from "./importGraph";

const root = path.resolve(__dirname, "..", "..");

describe("layout: does it ship?", () => {
  let graph: ImportGraph;
  before(() => {
    graph = readImportGraph(root);
  });

  it("reads the whole project: the program, every room, and the imports between them", () => {
    assert.ok(graph.get("index.ts")?.includes("components/EventSourcedApi.ts"));
    assert.ok(graph.get("local/dynamodb/throughput.ts")?.includes("aws/dynamodb/capacityUnits.ts"));
    assert.ok(graph.get("loadtest/localTarget.ts")?.includes("local/stack.ts"));
    for (const room of ["aws", "components", "handlers", "dashboards", "config", "local", "loadtest", "bench", "cli", "scripts", "tests"]) {
      assert.ok(
        [...graph.keys()].some((file) => file.startsWith(`${room}/`)),
        `no file read in ${room}/`,
      );
    }
  });

  it("has no import that breaks the rule", () => {
    assert.deepEqual(layoutViolations(graph), []);
  });

  it("names the file, the import and the rule of every violation", () => {
    const broken = new Map([
      ["index.ts", ["components/Observability.ts"]],
      ["components/Observability.ts", ["dashboards/alarms.ts", "local/stack.ts"]],
      ["handlers/proposeDestination.ts", ["tests/support/http.ts"]],
      ["dashboards/alarms.ts", ["aws/cloudwatch/statistics.ts", "cli/commandLine.ts"]],
      ["config/settings.ts", ["scripts/writePulumiYaml.ts"]],
      ["aws/dynamodb/capacityUnits.ts", ["aws/dynamodb/itemSize.ts", "config/names.ts"]],
      ["local/dynamodb/throughput.ts", ["aws/dynamodb/capacityUnits.ts", "loadtest/sizing.ts"]],
      ["local/main.ts", ["cli/commandLine.ts", "bench/lib/stats.ts"]],
      ["loadtest/localTarget.ts", ["local/stack.ts", "local/options.ts"]],
      ["loadtest/storeProbe.ts", ["local/dynamodb/server.ts", "local/dynamodb/wire.ts"]],
      ["bench/capacity.ts", ["local/dynamodb/wire.ts", "loadtest/sizing.ts"]],
    ]);
    assert.deepEqual(layoutViolations(broken), [
      "components/Observability.ts imports local/stack.ts: what ships never imports local/, loadtest/, bench/, cli/, scripts/ or tests/",
      "handlers/proposeDestination.ts imports tests/support/http.ts: what ships never imports local/, loadtest/, bench/, cli/, scripts/ or tests/",
      "dashboards/alarms.ts imports cli/commandLine.ts: what ships never imports local/, loadtest/, bench/, cli/, scripts/ or tests/",
      "config/settings.ts imports scripts/writePulumiYaml.ts: what ships never imports local/, loadtest/, bench/, cli/, scripts/ or tests/",
      "aws/dynamodb/capacityUnits.ts imports config/names.ts: aws/ holds AWS's facts and imports nothing of the project above it",
      "local/dynamodb/throughput.ts imports loadtest/sizing.ts: local/ does not import loadtest/ or bench/",
      "local/main.ts imports bench/lib/stats.ts: local/ does not import loadtest/ or bench/",
      "loadtest/storeProbe.ts imports local/dynamodb/wire.ts: loadtest/ reaches the local stack only through local/stack.ts, local/options.ts, local/dynamodb/server.ts",
    ]);
  });

  it("refuses a relative import that names no file, so an import cannot slip past unread", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "layout-"));
    try {
      mkdirSync(path.join(dir, "local"));
      writeFileSync(path.join(dir, "local", "a.ts"), 'import type { B } from "./b";\nexport type A = B;\n');
      assert.throws(() => readImportGraph(dir), /^Error: local\/a\.ts imports \.\/b, which is no file of the project$/);
      writeFileSync(path.join(dir, "local", "b.ts"), "export type B = string;\n");
      assert.deepEqual(
        [...readImportGraph(dir)],
        [
          ["local/a.ts", ["local/b.ts"]],
          ["local/b.ts", []],
        ],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
