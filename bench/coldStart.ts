// Cold start: module init plus the first invocation with a valid proposal, each in a fresh
// `node` process, for the deployed bundle and the two bare baselines, runs alternating so
// that a noisy neighbour hits every build alike. The DynamoDB stand-in answers at once.
import { kb, type Build } from "./lib/bundles";
import { ratioTarget, type Benchmark, type Ratio, type TargetCheck } from "./lib/benchmark";
import { alternatingColdStarts, quickColdRuns } from "./lib/lambdaProcess";
import { startHarness } from "./lib/harness";
import { median, ms } from "./lib/stats";
import { bundleSizeBudgetBytes } from "../components/bundle";

const fullRuns = 21;

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
      const runs = quick ? quickColdRuns : fullRuns;
      const starts = await alternatingColdStarts(builds.all, runs, endpoints, event);
      const init = (label: string): number => median(starts.get(label)!.map((r) => r.initMs));
      const total = (label: string): number => median(starts.get(label)!.map((r) => r.initMs + r.firstInvokeMs));
      const lines = [
        ...builds.all.map(sizeLine),
        ...builds.all.map(
          ({ name }) =>
            `${name.padEnd(9)} init ${ms(init(name))} + first invocation = ${ms(total(name))} (median of ${runs} fresh processes)`,
        ),
        `X-Ray segment documents sent by the deployed bundle: ${(daemon.segments() / runs).toFixed(1)} per cold start (tracing is on)`,
      ];
      const deployed = total("deployed");
      const ratios: Ratio[] = [
        { name: "cold start: deployed / naive", measured: deployed, baseline: total("naive"), unit: "ms" },
        { name: "cold start: deployed / best bare", measured: deployed, baseline: total("best bare"), unit: "ms" },
        { name: "cold start: best bare / naive", measured: total("best bare"), baseline: total("naive"), unit: "ms" },
        {
          name: "bundle code: deployed / naive",
          measured: builds.get("deployed").codeBytes / 1024,
          baseline: builds.get("naive").codeBytes / 1024,
          unit: "KB",
        },
      ];
      const deployedSize = builds.get("deployed").totalBytes;
      const targets: TargetCheck[] = [
        ratioTarget("cold start vs naive", deployed, total("naive"), coldStartTargets.naive),
        ratioTarget("cold start vs best bare", deployed, total("best bare"), coldStartTargets.bestBare),
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
