// Loads the policy pack as Pulumi's Node.js policy runner does (cmd/run-policy-pack): the
// TypeScript and ts-node it finds, type-checked, with its compiler options, from the pack's own
// folder. The pack then serves and prints the port the engine is to call.
//
// usage (cwd: policy/): node ../tests/policy/loadPack.cjs <project root>
const path = require("node:path");

const root = process.argv[2];
const tsutils = require(path.join(root, "node_modules/@pulumi/pulumi/tsutils.js"));
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
require(tsnodeRequire).register({
  typeCheck: true,
  skipProject: true,
  compiler: typescriptRequire,
  compilerOptions: { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true" },
});
require(path.join(root, "policy"));
