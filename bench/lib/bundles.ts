// The builds the cold-start, warm-path and cost-by-part benchmarks compare, written to a
// temporary folder: the deployed bundle (components/bundle.ts, exactly what the Pulumi program
// ships); the docs reference (the same handler bundled as the Powertools docs recommend for
// esbuild: one minified ES module file, module-first main fields, the createRequire banner);
// the naive baseline (bare handler, minified single-file CommonJS) and the best bare baseline
// (bare handler through the deployed bundling: ES modules with code splitting); and, for the
// cost-by-part benchmark, the deployed bundle with parts stubbed out.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { deflateRawSync } from "node:zlib";
import * as esbuild from "esbuild";
import { buildHandlerBundle, bundleEntryFile, bundleTarget, type BundleFiles } from "../../components/bundle";

export type BuildName = "deployed" | "docs reference" | "naive" | "best bare";

export interface Build {
  readonly name: string;
  /** Absolute path of the module the runtime imports. */
  readonly entry: string;
  /** Code files (no source maps): bytes and deflated bytes (what a zip stores). */
  readonly codeBytes: number;
  readonly codeDeflatedBytes: number;
  /** Everything shipped, source maps included. */
  readonly totalBytes: number;
  readonly totalDeflatedBytes: number;
}

export interface Builds<Name extends string = BuildName> {
  readonly all: readonly Build[];
  get(name: Name): Build;
  remove(): void;
}

const bareHandler = path.join(__dirname, "..", "baselines", "bareHandler.ts");
const handler = path.join(__dirname, "..", "..", "handlers", "proposeDestination.ts");

// The Powertools docs' esbuild recipe: ESM, one file, minified, ES module builds of dependencies
// first, and a require() for the CommonJS dependencies bundled into an ES module.
async function docsReferenceBundle(): Promise<BundleFiles> {
  const result = await esbuild.build({
    entryPoints: [handler],
    bundle: true,
    platform: "node",
    target: bundleTarget,
    format: "esm",
    minify: true,
    mainFields: ["module", "main"],
    banner: { js: "import { createRequire } from 'module';const require = createRequire(import.meta.url);" },
    write: false,
    outfile: "index.mjs",
    logLevel: "silent",
  });
  return { "index.mjs": result.outputFiles[0]!.text };
}

async function naiveBundle(): Promise<BundleFiles> {
  const result = await esbuild.build({
    entryPoints: [bareHandler],
    bundle: true,
    platform: "node",
    target: bundleTarget,
    format: "cjs",
    minify: true,
    write: false,
    outfile: "index.cjs",
    logLevel: "silent",
  });
  return { "index.cjs": result.outputFiles[0]!.text };
}

function writeBuild(root: string, name: string, files: BundleFiles, entryFile: string): Build {
  const dir = path.join(root, name.replace(/ /g, "-"));
  let codeBytes = 0;
  let codeDeflatedBytes = 0;
  let totalBytes = 0;
  let totalDeflatedBytes = 0;
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
    const bytes = Buffer.byteLength(text);
    const deflated = deflateRawSync(text, { level: 9 }).length;
    totalBytes += bytes;
    totalDeflatedBytes += deflated;
    if (!file.endsWith(".map")) {
      codeBytes += bytes;
      codeDeflatedBytes += deflated;
    }
  }
  return { name, entry: path.join(dir, entryFile), codeBytes, codeDeflatedBytes, totalBytes, totalDeflatedBytes };
}

/** How to bundle a build, and the module of it the runtime imports. */
type Recipe = readonly [bundle: () => Promise<BundleFiles>, entryFile: string];

const recipes: Readonly<Record<BuildName, Recipe>> = {
  deployed: [() => buildHandlerBundle(), bundleEntryFile],
  "docs reference": [docsReferenceBundle, "index.mjs"],
  naive: [naiveBundle, "index.cjs"],
  "best bare": [() => buildHandlerBundle(bareHandler), bundleEntryFile],
};

async function writeBuilds<Name extends string>(named: readonly (readonly [Name, Recipe])[]): Promise<Builds<Name>> {
  const root = mkdtempSync(path.join(tmpdir(), "visitplannr-bench-"));
  const remove = (): void => rmSync(root, { recursive: true, force: true });
  const all: Build[] = [];
  try {
    for (const [name, [bundle, entryFile]] of named) all.push(writeBuild(root, name, await bundle(), entryFile));
  } catch (err) {
    remove();
    throw err;
  }
  return {
    all,
    get: (name) => {
      const build = all.find((b) => b.name === name);
      if (!build) throw new Error(`build "${name}" was not made`);
      return build;
    },
    remove,
  };
}

/** The named builds, in the order given. */
export const buildNamed = (names: readonly BuildName[]): Promise<Builds> =>
  writeBuilds(names.map((name) => [name, recipes[name]] as const));

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;

/**
 * The deployed bundle once per variant, each with the given modules bundled in place of others
 * (`BundleOptions.substitutes`).
 */
export const buildVariants = <Name extends string>(
  variants: Readonly<Record<Name, Readonly<Record<string, string>>>>,
): Promise<Builds<Name>> =>
  writeBuilds(
    (Object.entries(variants) as [Name, Readonly<Record<string, string>>][]).map(
      ([name, substitutes]) => [name, [() => buildHandlerBundle(undefined, { substitutes }), bundleEntryFile]] as const,
    ),
  );
