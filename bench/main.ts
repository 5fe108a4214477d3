// `npm run bench [-- --quick] [-- --only <name>]`: runs every benchmark in bench/ (each file
// here other than this one exports `benchmark`, see lib/benchmark.ts), prints each one's
// figures and ratios against baselines measured in the same run, then one table of targets.
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { exitOnError, OptionsError, parseCommandLine } from "../cli/commandLine";
import { ratioOf, times, type Benchmark, type BenchResult, type Ratio, type TargetCheck } from "./lib/benchmark";

const usage = (names: readonly string[]): string => `Usage: npm run bench -- [options]

  --quick        a tiny run of every benchmark, to check that they run (figures not meaningful)
  --only NAME    run one benchmark: ${names.map((n) => `"${n}"`).join(", ")}
  -h, --help     this help`;

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
  return rows
    .map((row) =>
      row
        .map((cell, col) => cell.padEnd(widths[col]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

async function main(): Promise<void> {
  const { values: cli } = parseCommandLine({
    options: { quick: { type: "boolean" }, only: { type: "string" }, help: { type: "boolean", short: "h" } },
    strict: true,
    allowPositionals: false,
  });
  const all = await loadBenchmarks();
  const names = all.map((b) => b.name);
  if (cli.help) {
    console.log(usage(names));
    return;
  }
  if (cli.only !== undefined && !names.includes(cli.only)) {
    throw new OptionsError(`--only takes one of ${names.map((n) => `"${n}"`).join(", ")}, got "${cli.only}"`);
  }
  const benchmarks = all.filter((b) => cli.only === undefined || b.name === cli.only);
  if (benchmarks.length === 0) throw new Error("no benchmarks in bench/");
  const quick = cli.quick === true;
  console.log(
    `visitplannr bench (${quick ? "quick: figures not meaningful" : "full"}), node ${process.version}, ${new Date().toISOString()}`,
  );
  const targets: TargetCheck[] = [];
  let failed = false;
  for (const b of benchmarks) {
    console.log(`\n## ${b.name}`);
    let result: BenchResult;
    try {
      result = await b.run({ quick });
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
  else
    console.log(
      table([["target", "wanted", "measured", "met"], ...targets.map((t) => [t.name, t.target, t.measured, t.met ? "yes" : "NO"])]),
    );
  // Unmet targets are figures to act on, not failures of the bench; errors are.
  if (failed) process.exitCode = 1;
}

main().catch(exitOnError("bench", "npm run bench -- --help"));
