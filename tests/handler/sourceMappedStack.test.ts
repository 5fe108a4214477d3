// Stack traces at their source lines: a real esbuild bundle with its .map, run, and the frames
// of the error it throws read back at the TypeScript lines and columns they come from.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { sourceMappedStack, withSourceMappedStack } from "../../handlers/logging/sourceMappedStack";

// Interfaces and comments leave no code, so the bundle's lines are not the sources' lines.
const placesSource = `// Where a proposal fails.
/** A place an editor may propose. */
export interface Place {
  readonly name: string;
  readonly country?: string;
}

const known = new Set(["Kew Gardens", "Wembury"]);

/** The place as a reader sees it. */
function label(place: Place): string {
  return place.country === undefined ? place.name : \`\${place.name}, \${place.country}\`;
}

export function propose(name: string): Place {
  const place: Place = { name };
  if (!known.has(name)) {
        throw new Error(\`no place called \${label(place)}\`);
  }
  return place;
}
`;

const mainSource = `// Proposes each name in turn.
import { propose } from "./places";

export function proposeAll(names: readonly string[]): number {
  let proposed = 0;
  for (const name of names) proposed += propose(name).name.length > 0 ? 1 : 0;
  return proposed;
}
`;

interface Bundle {
  readonly dir: string;
  /** The bundle file, as plain node loads it. */
  readonly file: string;
}

/** Bundles the two sources with esbuild into `out/main.mjs` and its `main.mjs.map`. */
function bundle(minify: boolean): Bundle {
  // A non-ASCII name, percent-encoded in file URLs and not in paths.
  const dir = mkdtempSync(path.join(tmpdir(), "plätze-"));
  mkdirSync(path.join(dir, "src"));
  writeFileSync(path.join(dir, "src", "places.ts"), placesSource);
  writeFileSync(path.join(dir, "src", "main.ts"), mainSource);
  const file = path.join(dir, "out", "main.mjs");
  // The map is written but not linked from the code: the test runner maps linked ones itself.
  esbuild.buildSync({
    entryPoints: [path.join(dir, "src", "main.ts")],
    outfile: file,
    bundle: true,
    format: "esm",
    platform: "node",
    minify,
    sourcemap: "external",
  });
  return { dir, file };
}

/** The error the bundle throws for an unknown place, its stack as V8 wrote it. */
async function thrown(file: string): Promise<Error> {
  const { proposeAll } = (await import(pathToFileURL(file).href)) as { proposeAll: (names: readonly string[]) => number };
  try {
    proposeAll(["Kew Gardens", "Atlantis"]);
  } catch (error) {
    return error as Error;
  }
  throw new Error("the bundle threw nothing");
}

/** The stack's first lines: the message and the bundle's two frames. */
const top = (stack: string) => stack.split("\n").slice(0, 3);
/** Where the bundle's two frames point; minified, their function names are esbuild's. */
const bundleFrames = (stack: string) =>
  stack
    .split("\n")
    .slice(1, 3)
    .map((frame) => frame.slice(frame.indexOf("(") + 1, -1));

describe("source-mapped stack traces", () => {
  let built: Bundle;
  beforeEach(() => {
    built = bundle(false);
  });
  afterEach(() => rmSync(built.dir, { recursive: true, force: true }));

  it("maps the frames of a minified bundle, as deployed, given as file URLs, to the TypeScript lines and columns", async () => {
    const minified = bundle(true);
    try {
      const { stack } = await thrown(minified.file);
      assert.match(stack!, /^ {4}at \S+ \(file:\/\/\/\S+\/pl%C3%A4tze-\w+\/out\/main\.mjs:1:\d+\)$/m);
      assert.deepEqual(bundleFrames(sourceMappedStack(stack!)), [
        `${minified.dir}/src/places.ts:18:15`,
        `${minified.dir}/src/main.ts:6:41`,
      ]);
    } finally {
      rmSync(minified.dir, { recursive: true, force: true });
    }
  });

  it("maps the frames of an unminified bundle given as paths, as CommonJS modules have them", async () => {
    const error = await thrown(built.file);
    const asPaths = error.stack!.replaceAll(pathToFileURL(built.file).href, built.file);
    assert.match(asPaths, /^ {4}at proposeAll \(\/\S+\/plätze-\w+\/out\/main\.mjs:\d\d:\d+\)$/m);
    assert.deepEqual(top(sourceMappedStack(asPaths)), [
      "Error: no place called Atlantis",
      `    at propose (${built.dir}/src/places.ts:18:15)`,
      `    at proposeAll (${built.dir}/src/main.ts:6:41)`,
    ]);
  });

  it("leaves every other line as it is: the message, frames of code without a map, Node's own frames", async () => {
    const error = await thrown(built.file);
    const lines = error.stack!.split("\n");
    const mapped = sourceMappedStack(error.stack!).split("\n");
    assert.equal(mapped.length, lines.length);
    // The frames below the bundle's: this test's and mocha's, whose files have no map beside them.
    assert.ok(lines.length > 3);
    assert.deepEqual(mapped.slice(3), lines.slice(3));
    const others = [
      "    at invoke (file:///nowhere/runtime.mjs:28:20)",
      "    at odd (file:///nowhere/bad%zz.mjs:1:1)",
      "    at remote (file://host/nowhere/runtime.mjs:1:1)",
      "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
    ];
    assert.deepEqual(sourceMappedStack(others.join("\n")).split("\n"), others);
  });

  it("leaves a frame outside what the map covers as it is", () => {
    const frame = `    at propose (${pathToFileURL(built.file).href}:1:1)`;
    assert.equal(sourceMappedStack(frame), frame);
  });

  it("reads a bundle's map once, the first time one of its frames is mapped", async () => {
    const error = await thrown(built.file);
    sourceMappedStack(error.stack!);
    writeFileSync(`${built.file}.map`, "not a map");
    assert.deepEqual(top(sourceMappedStack(error.stack!))[1], `    at propose (${built.dir}/src/places.ts:18:15)`);
  });

  it("leaves the frames of a bundle whose map is missing, not JSON, or not a source map as they are", async () => {
    const error = await thrown(built.file);
    const stack = error.stack!;
    for (const [name, map] of [
      ["missing", undefined],
      ["text", "not a map"],
      ["empty", "{}"],
      ["numbered", JSON.stringify({ version: 3, sources: [5], names: [], mappings: "AAAA" })],
    ] as const) {
      const copy = path.join(built.dir, "out", `${name}.mjs`);
      if (map !== undefined) writeFileSync(`${copy}.map`, map);
      const frames = stack.replaceAll(pathToFileURL(built.file).href, pathToFileURL(copy).href);
      assert.equal(sourceMappedStack(frames), frames, name);
    }
  });

  it("maps an error's stack in place and returns the error; leaves other values and a missing stack alone", async () => {
    const error = await thrown(built.file);
    assert.equal(withSourceMappedStack(error), error);
    assert.equal(top(error.stack!)[1], `    at propose (${built.dir}/src/places.ts:18:15)`);

    const stackless = new Error("no stack");
    stackless.stack = undefined;
    assert.equal(withSourceMappedStack(stackless).stack, undefined);

    const { stack } = await thrown(built.file);
    const notAnError = { stack };
    assert.equal(withSourceMappedStack(notAnError).stack, stack);
    assert.equal(withSourceMappedStack(stack), stack);
  });
});
