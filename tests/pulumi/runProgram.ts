// Runs the Pulumi program (index.ts) for one stack under mocks and writes the resource graph it
// registers to a JSON file. Each run is its own process, so the Pulumi runtime state and the
// program module are fresh and several stacks can be checked from one test run.
//
// usage: node --import tsx tests/pulumi/runProgram.ts '<ProgramRun JSON>'
import { writeFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { projectName as project } from "../../config/names";
import { awsMocks, unwrap } from "./mocks";
import type { GraphResource, ProgramGraph, ProgramRun, ResourceRef } from "./graph";

const run = JSON.parse(process.argv[2] ?? "") as ProgramRun;

const inputs = new Map<string, Record<string, unknown>>();
const key = (r: ResourceRef): string => `${r.type}::${r.name}`;

async function main(): Promise<void> {
  await pulumi.runtime.setMocks(
    awsMocks((args) => inputs.set(key(args), args.inputs as Record<string, unknown>)),
    project,
    run.stack,
    false,
  );
  // Config is in place before the program is loaded, as the engine would have it.
  pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(run.config).map(([k, v]) => [`${project}:${k}`, String(v)])));

  // Parents and dependencies are not part of what mocks receive; a stack transformation sees
  // every resource's options as the program passes them.
  const refs = new Map<pulumi.Resource, ResourceRef>();
  const recorded: { resource: pulumi.Resource; ref: ResourceRef; opts: pulumi.ResourceOptions }[] = [];
  let exports: Record<string, unknown> = {};
  await pulumi.runtime.runInPulumiStack(async () => {
    pulumi.runtime.registerStackTransformation((args) => {
      const ref = { type: args.type, name: args.name };
      refs.set(args.resource, ref);
      recorded.push({ resource: args.resource, ref, opts: args.opts });
      return undefined;
    });
    exports = require("../../index") as Record<string, unknown>;
    return exports;
  });
  // Every registration has been answered once its URN resolves; loop for late resources.
  let settled = 0;
  while (settled < recorded.length) {
    const batch = recorded.slice(settled);
    settled = recorded.length;
    await Promise.all(batch.map((r) => unwrap(r.resource.urn)));
  }

  const refOf = (r: pulumi.Resource | undefined): ResourceRef | null =>
    r === undefined ? null : (refs.get(r) ?? { type: "pulumi:pulumi:Stack", name: `${project}-${run.stack}` });
  const resources: GraphResource[] = [];
  for (const { ref, opts } of recorded) {
    const dependsOn = Array.isArray(opts.dependsOn) ? (opts.dependsOn as pulumi.Resource[]) : [];
    resources.push({
      ...ref,
      parent: refOf(opts.parent),
      dependsOn: dependsOn.map((d) => refOf(d)!),
      ignoreChanges: opts.ignoreChanges ?? [],
      inputs: (await plain(inputs.get(key(ref)) ?? {})) as Record<string, unknown>,
    });
  }
  const outputs: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(exports)) {
    if (pulumi.Output.isInstance(value)) outputs[name] = await unwrap(value);
  }
  const graph: ProgramGraph = { resources, outputs };
  writeFileSync(run.outFile, JSON.stringify(graph));
}

/** Inputs as JSON data; an archive becomes { $archive: { path: text } }. */
async function plain(value: unknown): Promise<unknown> {
  if (value instanceof pulumi.asset.AssetArchive) {
    const assets = await value.assets;
    const files: Record<string, unknown> = {};
    for (const [name, asset] of Object.entries(assets)) {
      files[name] = asset instanceof pulumi.asset.StringAsset ? await asset.text : await plain(asset);
    }
    return { $archive: files };
  }
  if (Array.isArray(value)) return Promise.all(value.map(plain));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await plain(v);
    return out;
  }
  return value;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
