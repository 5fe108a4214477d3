// The function's code: an esbuild bundle of the handler, built while the program runs, so
// what is deployed is exactly what the tests and the cold-start benchmark load.
//
// ESM with code splitting: modules the handler imports lazily (`await import(...)`) become
// separate chunks that Node only reads when first used, keeping them off the cold start.
//
// @aws-sdk/* is bundled rather than taken from the Lambda runtime: the versions are the ones
// pinned in package-lock.json (the runtime's copy changes under us with runtime updates), the
// tests run against the same code, and tree shaking keeps only the commands the handler sends.
import * as path from "node:path";
import * as esbuild from "esbuild";
import * as pulumi from "@pulumi/pulumi";
import { xrayOmissions, type XrayOmission } from "./xrayPlugins";
import { settingSpecs } from "../config/settings";

/**
 * Upper bound of the deployed bundle (all chunks and source maps, uncompressed), in bytes.
 * Lambda fetches and unpacks the whole package for every new execution environment.
 */
export const bundleSizeBudgetBytes = 2_500_000;

/** esbuild's target: the oldest Node.js the `runtime` setting allows, so one bundle runs on each. */
export const bundleTarget = `node${Math.min(...(settingSpecs.runtime.allowed ?? []).map(runtimeMajor))}`;

/** The Node.js major version of a Lambda runtime identifier (`nodejs22.x` is 22). */
export function runtimeMajor(runtime: string): number {
  const major = /^nodejs(\d+)\.x$/.exec(runtime)?.[1];
  if (major === undefined) throw new Error(`not a Node.js Lambda runtime: ${runtime}`);
  return Number(major);
}

// The entry chunk's name: the module the Lambda runtime loads, and with the handler export,
// the function's `handler` setting.
const entryName = "index";
const entryExtension = ".mjs";
export const bundleEntryFile = `${entryName}${entryExtension}`;
export const bundleHandler = `${entryName}.handler`;

const projectRoot = path.resolve(__dirname, "..");
const handlerSource = path.join(projectRoot, "handlers", "proposeDestination.ts");

// Bundled CommonJS dependencies call require() for Node built-ins; ES modules have no
// require, so each chunk gets one bound to its own location.
const requireShim = 'import{createRequire as __createRequire}from"node:module";const require=__createRequire(import.meta.url);';

/** Relative output path -> file contents. */
export type BundleFiles = Readonly<Record<string, string>>;

export interface BundleOptions {
  /**
   * Modules to bundle in place of others, by the specifier they are imported with. Only the
   * bench uses this, to measure what each part of the handler costs its cold start and each request.
   */
  readonly substitutes?: Readonly<Record<string, string>>;
  /**
   * Omissions of X-Ray SDK modules not to make (all are made by default). Only tests use this,
   * to compare the traces with and without each omission.
   */
  readonly keepInXraySdk?: readonly XrayOmission[];
}

function substitutesPlugin(substitutes: Readonly<Record<string, string>>): esbuild.Plugin {
  return {
    name: "substitutes",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => (args.path in substitutes ? { path: substitutes[args.path]! } : undefined));
    },
  };
}

/** Bundles the handler (minified, with source maps) and returns the files to deploy. */
export async function buildHandlerBundle(entry: string = handlerSource, options: BundleOptions = {}): Promise<BundleFiles> {
  // Nothing is written (write: false); the project root as the output folder makes the maps'
  // sources paths within the package (handlers/…, node_modules/…), as a stack trace shows them.
  const outdir = projectRoot;
  const result = await esbuild.build({
    entryPoints: { [entryName]: entry },
    outdir,
    write: false,
    bundle: true,
    platform: "node",
    target: bundleTarget,
    format: "esm",
    splitting: true,
    outExtension: { ".js": entryExtension },
    chunkNames: "chunks/[name]-[hash]",
    // Prefer the ES module builds of dependencies: they tree-shake, CommonJS builds do not.
    mainFields: ["module", "main"],
    minify: true,
    sourcemap: "linked",
    // Mappings are enough for readable stack traces; the sources would triple the size. The
    // maps are read only when an error is logged (handlers/logging/sourceMappedStack.ts).
    sourcesContent: false,
    banner: { js: requireShim },
    // Parts of the X-Ray SDK a Lambda function never executes, left out (xrayPlugins.ts).
    plugins: [
      ...(options.substitutes ? [substitutesPlugin(options.substitutes)] : []),
      ...Object.entries(xrayOmissions)
        .filter(([name]) => !options.keepInXraySdk?.includes(name as XrayOmission))
        .map(([, plugin]) => plugin),
    ],
    logLevel: "silent",
  });
  const files: Record<string, string> = {};
  for (const file of result.outputFiles) {
    files[path.relative(outdir, file.path).split(path.sep).join("/")] = file.text;
  }
  return files;
}

/** Total size of the bundle files in bytes. */
export function bundleSize(files: BundleFiles): number {
  return Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
}

/** The bundle as a Pulumi archive for the function's code. */
export function bundleArchive(files: BundleFiles): pulumi.asset.AssetArchive {
  const assets: Record<string, pulumi.asset.Asset> = {};
  for (const [name, text] of Object.entries(files)) assets[name] = new pulumi.asset.StringAsset(text);
  return new pulumi.asset.AssetArchive(assets);
}
