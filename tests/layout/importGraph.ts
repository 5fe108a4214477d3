// The project's own import graph, read from the source files, and the layout rule checked over
// it. Imports are found by TypeScript's pre-processor (import, export … from, import(),
// require), so a type-only or dynamic import counts as much as any other.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

/** Each source file (repo-relative, `/`-separated) and the project files it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const sourceFile = /\.(ts|mts|cts|js|mjs|cjs)$/;
const notSource = new Set(["node_modules", ".git", "test-artifacts", ".local-data"]);
const resolvable = ["", ".ts", ".d.ts", ".js", ".mjs", ".json", "/index.ts"];

/** The graph of every source file under `root`; throws on a relative import that names no file. */
export function readImportGraph(root: string): ImportGraph {
  const graph = new Map<string, readonly string[]>();
  for (const file of sourceFiles(root, "")) {
    const text = readFileSync(path.join(root, file), "utf8");
    const specifiers = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
    graph.set(
      file,
      specifiers.filter((s) => s.startsWith(".")).map((s) => resolve(root, file, s)),
    );
  }
  return graph;
}

function sourceFiles(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    if (notSource.has(name)) return [];
    const relative = dir === "" ? name : `${dir}/${name}`;
    if (statSync(path.join(root, relative)).isDirectory()) return sourceFiles(root, relative);
    return sourceFile.test(name) ? [relative] : [];
  });
}

function resolve(root: string, from: string, specifier: string): string {
  const base = path.posix.join(path.posix.dirname(from), specifier);
  // TypeScript resolves `./x.js` to x.ts, as Node does once compiled.
  const candidates = [...resolvable.map((ending) => base + ending), base.replace(/\.js$/, ".ts")];
  const found = candidates.find((candidate) => isFile(path.join(root, candidate)));
  if (found === undefined) throw new Error(`${from} imports ${specifier}, which is no file of the project`);
  return found;
}

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}

/** The top-level folder a file sits in, or the file itself at the top. */
function roomOf(file: string): string {
  return file.split("/")[0] as string;
}

/** What ships: the Pulumi program, what it deploys, and the facts they use. */
const shipping: readonly string[] = ["index.ts", "components", "handlers", "dashboards", "config", "aws"];
/** Tooling around it, which nothing that ships may import. */
const tooling: readonly string[] = ["local", "loadtest", "bench", "cli", "scripts", "policy", "mutation", "tests"];
/** The local stack's start-up interface: the only modules of local/ the load test imports. */
const localStartUp: readonly string[] = ["local/stack.ts", "local/options.ts", "local/dynamodb/server.ts"];

/** Every import that breaks the layout rule, each naming the importing file, the imported one and the rule. */
export function layoutViolations(graph: ImportGraph): string[] {
  const found: string[] = [];
  for (const [file, imports] of graph) {
    const from = roomOf(file);
    for (const target of imports) {
      const to = roomOf(target);
      const broken = ruleBroken(from, to, target);
      if (broken) found.push(`${file} imports ${target}: ${broken}`);
    }
  }
  return found;
}

function ruleBroken(from: string, to: string, target: string): string | undefined {
  if (from === "aws" && to !== "aws") return "aws/ holds AWS's facts and imports nothing of the project above it";
  if (shipping.includes(from) && tooling.includes(to))
    return "what ships never imports local/, loadtest/, bench/, cli/, scripts/ or tests/";
  if (from === "local" && (to === "loadtest" || to === "bench")) return "local/ does not import loadtest/ or bench/";
  if (from === "loadtest" && to === "local" && !localStartUp.includes(target)) {
    return `loadtest/ reaches the local stack only through ${localStartUp.join(", ")}`;
  }
  return undefined;
}
