// Reads the report of the last `npm run mutate` and prints, as Markdown, the score of each file and
// every mutant not killed, with its line and replacement: what docs/testing.md explains. Several
// reports (runs of some files each) combine, a file's last report counting.
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { exitOnError, parseCommandLine } from "../cli/commandLine";

const defaultReport = "test-artifacts/mutation/mutation.json";

interface Mutant {
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: { readonly line: number } };
}

interface Report {
  readonly files: Readonly<Record<string, { readonly source: string; readonly mutants: readonly Mutant[] }>>;
}

/** Killed and timed-out mutants are detected; survivors and mutants no test reaches are not. */
interface Tally {
  killed: number;
  survived: number;
  noCoverage: number;
}

const score = (t: Tally): string => {
  const counted = t.killed + t.survived + t.noCoverage;
  return counted === 0 ? "–" : `${((100 * t.killed) / counted).toFixed(1)} %`;
};

function tally(mutants: readonly Mutant[]): Tally {
  const t: Tally = { killed: 0, survived: 0, noCoverage: 0 };
  for (const m of mutants) {
    if (m.status === "Killed" || m.status === "Timeout") t.killed++;
    else if (m.status === "Survived") t.survived++;
    else if (m.status === "NoCoverage") t.noCoverage++;
  }
  return t;
}

/** Markdown inline code, fenced with two backticks where the code holds one. */
function inlineCode(code: string): string {
  return code.includes("`") ? `\`\` ${code} \`\`` : `\`${code}\``;
}

export function reportMarkdown(report: Report): string {
  const files = Object.entries(report.files).sort(([a], [b]) => (a < b ? -1 : 1));
  const total: Tally = { killed: 0, survived: 0, noCoverage: 0 };
  const rows = files.map(([file, { mutants }]) => {
    const t = tally(mutants);
    total.killed += t.killed;
    total.survived += t.survived;
    total.noCoverage += t.noCoverage;
    return `| \`${file}\` | ${t.killed} | ${t.survived} | ${t.noCoverage} | ${score(t)} |`;
  });
  const left = files.flatMap(([file, { source, mutants }]) => {
    const lines = source.split("\n");
    return mutants
      .filter((m) => m.status === "Survived" || m.status === "NoCoverage")
      .sort((a, b) => a.location.start.line - b.location.start.line)
      .map((m) => {
        const line = m.location.start.line;
        const code = (lines[line - 1] ?? "").trim();
        const status = m.status === "Survived" ? "survived" : "no coverage";
        return `- \`${file}:${line}\` ${m.mutatorName} (${status}): ${inlineCode(code)} → ${inlineCode(m.replacement ?? "")}`;
      });
  });
  return [
    "| module | killed | survived | no coverage | score |",
    "|---|---:|---:|---:|---:|",
    ...rows,
    `| **all** | ${total.killed} | ${total.survived} | ${total.noCoverage} | **${score(total)}** |`,
    "",
    ...left,
  ].join("\n");
}

const usage = `Usage: npm run mutate:report -- [report.json ...]

Prints the score of each mutated file and every mutant not killed, from the JSON report of the
last \`npm run mutate\` (default ${defaultReport}). Given several reports, each file is taken
from the last report that has it.

  -h, --help     this help`;

function main(): void {
  const { values, positionals } = parseCommandLine({ options: { help: { type: "boolean", short: "h" } }, allowPositionals: true });
  if (values.help) {
    console.log(usage);
    return;
  }
  const files = (positionals.length > 0 ? positionals : [defaultReport]).map((file) => path.resolve(file));
  const reports = files.map((file) => {
    if (!existsSync(file)) throw new Error(`no mutation report at ${file}: run \`npm run mutate\` first`);
    return JSON.parse(readFileSync(file, "utf8")) as Report;
  });
  console.log(reportMarkdown({ files: Object.assign({}, ...reports.map((r) => r.files)) }));
}

if (require.main === module) {
  try {
    main();
  } catch (err) {
    exitOnError("mutate:report", "npm run mutate:report -- --help")(err);
  }
}
