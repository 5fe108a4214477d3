// Cold start: module init plus the first invocation with a valid proposal, each in a fresh
// `node` process, for the deployed bundle and the two bare baselines, runs alternating so
// that a noisy neighbour hits every build alike. The DynamoDB stand-in answers at once.
import { kb, type Build } from "./lib/bundles";
import { times, type Benchmark, type Ratio, type TargetCheck } from "./lib/benchmark";
import { coldStart } from "./lib/lambdaProcess";
import { startHarness } from "./lib/harness";
import { median, ms } from "./lib/stats";
import { bundleSizeBudgetBytes } from "../components/bundle";

const fullRuns = 21;
const quickRuns = 2;

/** Targets, as ratios of the deployed cold start to each baseline. */
const coldStartTargets = { naive: 0.75, bestBare: 1.25 } as const;

function sizeLine(b: Build): string {
  return `${b.name.padEnd(9)} code ${kb(b.codeBytes)} (zipped ${kb(b.codeDeflatedBytes)}), with source maps ${kb(b.totalBytes)} (zipped ${kb(b.totalDeflatedBytes)})`;
}

export const benchmark: Benchmark = {
  name: "cold start",
  async run({ quick }) {
    const harness = await startHarness(["deployed", "naive", "best bare"]);
    const { builds, daemon, endpoints, event } = harness;
    try {
      const runsOf: readonly (readonly [string, Build])[] = builds.all.map((b) => [b.name, b] as const);
      const samples = new Map<string, { init: number[]; total: number[] }>(runsOf.map(([label]) => [label, { init: [], total: [] }]));
      const runs = quick ? quickRuns : fullRuns;
      for (let i = 0; i < runs; i++) {
        // Rotate the order so no build always runs first (or right after another's exit).
        for (let j = 0; j < runsOf.length; j++) {
          const [label, build] = runsOf[(i + j) % runsOf.length]!;
          const r = await coldStart(build, endpoints, event);
          samples.get(label)!.init.push(r.initMs);
          samples.get(label)!.total.push(r.initMs + r.firstInvokeMs);
        }
      }
      const total = (label: string): number => median(samples.get(label)!.total);
      const lines = [
        ...builds.all.map(sizeLine),
        ...runsOf.map(
          ([label]) =>
            `${label.padEnd(9)} init ${ms(median(samples.get(label)!.init))} + first invocation = ${ms(total(label))} (median of ${runs} fresh processes)`,
        ),
        `X-Ray segment documents sent by the deployed bundle: ${(daemon.segments() / runs).toFixed(1)} per cold start (tracing is on)`,
      ];
      const deployed = total("deployed");
      const ratios: Ratio[] = [
        { name: "cold start: deployed / naive", measured: deployed, baseline: total("naive"), unit: "ms" },
        { name: "cold start: deployed / best bare", measured: deployed, baseline: total("best bare"), unit: "ms" },
        { name: "cold start: best bare / naive", measured: total("best bare"), baseline: total("naive"), unit: "ms" },
        { name: "bundle code: deployed / naive", measured: builds.get("deployed").codeBytes / 1024, baseline: builds.get("naive").codeBytes / 1024, unit: "KB" },
      ];
      const deployedSize = builds.get("deployed").totalBytes;
      const targets: TargetCheck[] = [
        {
          name: "cold start vs naive",
          target: `<= ${times(coldStartTargets.naive)}`,
          measured: times(deployed / total("naive")),
          met: deployed <= coldStartTargets.naive * total("naive"),
        },
        {
          name: "cold start vs best bare",
          target: `<= ${times(coldStartTargets.bestBare)}`,
          measured: times(deployed / total("best bare")),
          met: deployed <= coldStartTargets.bestBare * total("best bare"),
        },
        {
          name: "deployed bundle size",
          target: `<= ${kb(bundleSizeBudgetBytes)}`,
          measured: kb(deployedSize),
          met: deployedSize <= bundleSizeBudgetBytes,
        },
      ];
      return { lines, ratios, targets };
    } finally {
      await harness.close();
    }
  },
};
