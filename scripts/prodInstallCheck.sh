#!/usr/bin/env bash
# Proves `dependencies` hold all that `pulumi up` and the function need: installs the committed
# tree's production dependencies alone in a copy, runs the Pulumi program under mocks there
# (which builds the function's bundle with esbuild, as `pulumi up` does) and checks the graph
# holds the function with its bundle. TypeScript is turned into JavaScript by esbuild, itself a
# production dependency, since tsx is not installed in the copy.
#
# usage: scripts/prodInstallCheck.sh        (needs the npm registry, nothing else)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
copy="$(mktemp -d "${TMPDIR:-/tmp}/visitplannr-prod-XXXXXX")"
trap 'rm -rf "$copy"' EXIT

echo "--- copy of the tracked files in $copy"
(cd "$root" && git ls-files -z | tar --null -T - -cf -) | tar -xf - -C "$copy"
cd "$copy"

echo "--- npm ci --omit=dev"
npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
for tool in tsx mocha dynalite level; do
  if [ -e "node_modules/$tool" ]; then
    echo "$tool is installed without dev dependencies: the check would not prove anything" >&2
    exit 1
  fi
done

echo "--- the program and its mock runner as JavaScript"
# Only what ships, and the runner with its mocks: an import of anything else fails the run.
mapfile -t sources < <(git -C "$root" ls-files 'index.ts' 'aws/*.ts' 'components/*.ts' 'config/*.ts' 'dashboards/*.ts' 'handlers/*.ts' \
  'tests/pulumi/runProgram.ts' 'tests/pulumi/mocks.ts' 'tests/pulumi/graph.ts')
node_modules/.bin/esbuild "${sources[@]}" --outdir=. --outbase=. --format=cjs --platform=node --target=node20 --log-level=warning

echo "--- the program under mocks, dev stack"
graph="$copy/graph.json"
node tests/pulumi/runProgram.js "{\"stack\":\"dev\",\"config\":{},\"outFile\":\"$graph\"}"
node - "$graph" <<'NODE'
const graph = JSON.parse(require("node:fs").readFileSync(process.argv[2], "utf8"));
const fn = graph.resources.find((r) => r.type === "aws:lambda/function:Function");
if (!fn) throw new Error("the program registered no Lambda function");
const files = fn.inputs.code?.$archive ?? {};
const entry = files["index.mjs"];
if (typeof entry !== "string" || !entry.includes("handler")) {
  throw new Error(`the function's code holds no bundle entry: ${JSON.stringify(Object.keys(files))}`);
}
const bytes = Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(String(text)), 0);
console.log(`${graph.resources.length} resources; the function's bundle: ${Object.keys(files).length} files, ${bytes} bytes`);
NODE
