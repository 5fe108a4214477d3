// Powertools Logger and Metrics each create a node:console Console on stdout and stderr; the
// bundle gives them handlers/logging/lineConsole.ts instead, which writes the same lines for less
// (it says why). Only their imports are redirected: anything else keeps Node's console.
import * as path from "node:path";
import type * as esbuild from "esbuild";

const lineConsole = path.resolve(__dirname, "..", "handlers", "logging", "lineConsole.ts");
const powertoolsFile = /[\\/]@aws-lambda-powertools[\\/](logger|metrics)[\\/]/;

export const powertoolsConsole: esbuild.Plugin = {
  name: "powertools-console",
  setup(build) {
    build.onResolve({ filter: /^(node:)?console$/ }, (args) => (powertoolsFile.test(args.importer) ? { path: lineConsole } : undefined));
  },
};
