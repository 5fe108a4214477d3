// `npm run bench [-- --quick] [-- --only <name>]`: runs every benchmark in bench/ (each file
// here other than this one exports `benchmark`, see lib/benchmark.ts), prints each one's
// figures and ratios against baselines measured in the same run, then one table of targets.
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { ratioOf, times, type Benchmark, type BenchResult, type Ratio, type TargetCheck } from "./lib/benchmark";

interface Cli {
  readonly quick: boolean;
  readonly only?: string;
}

function parseCli(argv: readonly string[]): Cli {
  const onlyAt = argv.indexOf("--only");
  return { quick: argv.includes("--quick"), ...(onlyAt >= 0 && argv[onlyAt + 1] ? { only: argv[onlyAt + 1] } : {}) };
}

async function loadBenchmarks(): Promise<Benchmark[]> {
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith(".ts") && f !== path.basename(__filename))
    .sort();
  const found: Benchmark[] = [];
  for (const file of files) {
    const mod = (await import(path.join(__dirname, file))) as { benchmark?: Benchmark };
    if (mod.benchmark) found.push(mod.benchmark);
  }
  return found;
}

/** The line tests and readers look for: `ratio  <name>: <measured> / <baseline> <unit> = <r> x`. */
function ratioLine(r: Ratio): string {
  const fmt = (n: number): string => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toPrecision(3));
  return `ratio  ${r.name}: ${fmt(r.measured)} / ${fmt(r.baseline)} ${r.unit} = ${times(ratioOf(r))}`;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  return rows.map((row) => row.map((cell, col) => cell.padEnd(widths[col]!)).join("  ").trimEnd()).join("\n");
}

async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2));
  const benchmarks = (await loadBenchmarks()).filter((b) => !cli.only || b.name === cli.only);
  if (benchmarks.length === 0) throw new Error(cli.only ? `no benchmark named ${cli.only}` : "no benchmarks in bench/");
  console.log(`visitplannr bench (${cli.quick ? "quick: figures not meaningful" : "full"}), node ${process.version}, ${new Date().toISOString()}`);
  const targets: TargetCheck[] = [];
  let failed = false;
  for (const b of benchmarks) {
    console.log(`\n## ${b.name}`);
    let result: BenchResult;
    try {
      result = await b.run({ quick: cli.quick });
    } catch (err) {
      failed = true;
      console.log(`error  ${(err as Error).stack ?? String(err)}`);
      continue;
    }
    for (const line of result.lines) console.log(`  ${line}`);
    for (const r of result.ratios) console.log(ratioLine(r));
    targets.push(...result.targets);
  }
  console.log("\n## summary\n");
  if (targets.length === 0) console.log("no targets in the benchmarks run");
  else console.log(table([["target", "wanted", "measured", "met"], ...targets.map((t) => [t.name, t.target, t.measured, t.met ? "yes" : "NO"])]));
  // Unmet targets are figures to act on, not failures of the bench; errors are.
  if (failed) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
