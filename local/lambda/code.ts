// The code the execution environments load: the deployed handler bundle (built exactly as the
// Pulumi program builds it) and the bootstrap that runs it, written once per process to a
// temporary folder that is removed when the process exits.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { buildHandlerBundle, bundleEntryFile } from "../../components/bundle";

export interface FunctionCode {
  /** Worker entry: the bootstrap. */
  readonly bootstrapFile: string;
  /** file: URL of the bundle's entry module, for the bootstrap's import(). */
  readonly handlerModule: string;
}

let prepared: Promise<FunctionCode> | undefined;

export function functionCode(): Promise<FunctionCode> {
  prepared ??= writeFunctionCode().catch((err: unknown) => {
    prepared = undefined;
    throw err;
  });
  return prepared;
}

async function writeFunctionCode(): Promise<FunctionCode> {
  const [bundle, bootstrap] = await Promise.all([buildHandlerBundle(), buildBootstrap()]);
  const dir = mkdtempSync(path.join(tmpdir(), "visitplannr-lambda-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  const taskDir = path.join(dir, "task");
  for (const [name, text] of Object.entries(bundle)) {
    const file = path.join(taskDir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const bootstrapFile = path.join(dir, "runtime", "bootstrap.mjs");
  mkdirSync(path.dirname(bootstrapFile), { recursive: true });
  writeFileSync(bootstrapFile, bootstrap);
  return { bootstrapFile, handlerModule: pathToFileURL(path.join(taskDir, bundleEntryFile)).href };
}

async function buildBootstrap(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(__dirname, "bootstrap.ts")],
    write: false,
    bundle: true,
    platform: "node",
    // The bootstrap runs on this machine's Node.js (package.json engines), not the deployed runtime.
    target: "node20",
    format: "esm",
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}
