// Runs the program for a stack (in its own process, see runProgram.ts) and answers questions
// about the resource graph it registered.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { strict as assert } from "node:assert";

export interface ResourceRef {
  readonly type: string;
  readonly name: string;
}

export interface GraphResource extends ResourceRef {
  readonly parent: ResourceRef | null;
  readonly dependsOn: readonly ResourceRef[];
  readonly ignoreChanges: readonly string[];
  readonly inputs: Record<string, unknown>;
}

export interface ProgramGraph {
  readonly resources: readonly GraphResource[];
  readonly outputs: Record<string, unknown>;
}

export interface ProgramRun {
  readonly stack: string;
  /** Stack config in the project namespace, as `pulumi config set` would store it. */
  readonly config: Readonly<Record<string, string | number | boolean>>;
  readonly outFile: string;
}

/** A prod-like stack deploys only with an alarm destination: the one the prod graphs are given. */
export const prodAlarmDestination = { alarmEmail: "oncall@example.org" } as const;

export const componentType = "visitplannr:components:EventSourcedApi";

const root = path.resolve(__dirname, "..", "..");
const runs = new Map<string, Promise<Graph>>();

/** The graph of `pulumi up` on this stack with this config; runs once per stack and config. */
export function programGraph(stack: string, config: ProgramRun["config"] = {}): Promise<Graph> {
  const key = JSON.stringify([stack, config]);
  let graph = runs.get(key);
  if (!graph) {
    graph = run(stack, config);
    runs.set(key, graph);
  }
  return graph;
}

async function run(stack: string, config: ProgramRun["config"]): Promise<Graph> {
  const dir = mkdtempSync(path.join(tmpdir(), "visitplannr-graph-"));
  const outFile = path.join(dir, "graph.json");
  try {
    const args: ProgramRun = { stack, config, outFile };
    await promisify(execFile)(process.execPath, ["--import", "tsx", path.join(__dirname, "runProgram.ts"), JSON.stringify(args)], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
    return new Graph(JSON.parse(readFileSync(outFile, "utf8")) as ProgramGraph);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export class Graph {
  constructor(readonly data: ProgramGraph) {}

  all(type: string): readonly GraphResource[] {
    return this.data.resources.filter((r) => r.type === type);
  }

  /** The one resource of a type; fails when there is none or several. */
  one(type: string): GraphResource {
    const found = this.all(type);
    assert.equal(found.length, 1, `expected exactly one ${type}, found ${found.map((r) => r.name).join(", ") || "none"}`);
    return found[0]!;
  }

  named(type: string, name: string): GraphResource {
    const found = this.all(type).find((r) => r.name === name);
    assert.ok(
      found,
      `no ${type} named ${name}; have ${this.all(type)
        .map((r) => r.name)
        .join(", ")}`,
    );
    return found;
  }

  get outputs(): Record<string, unknown> {
    return this.data.outputs;
  }
}
