// Cold start: module init plus the first invocation with a valid proposal, each in a fresh
// `node` process, for the deployed bundle, the docs reference (the same handler bundled as the
// Powertools docs recommend) and the two bare baselines, runs alternating so that a noisy
// neighbour hits every build alike. The DynamoDB stand-in answers at once.
import { kb, type Build } from "./lib/bundles";
import { ratioTarget, type Benchmark, type Ratio, type TargetCheck } from "./lib/benchmark";
import { alternatingColdStarts, quickColdRuns } from "./lib/lambdaProcess";
import { startHarness } from "./lib/harness";
import { median, ms } from "./lib/stats";
import { bundleSizeBudgetBytes } from "../components/bundle";

const fullRuns = 21;

/**
 * Target: the deployed cold start at most this multiple of the docs reference's: the same
 * handler and libraries, as a careful user following the Powertools docs would ship them.
 * The bare baselines are context, not targets: they have no instrumentation at all.
 */
const coldStartTarget = 0.8;

function sizeLine(b: Build): string {
  return `${b.name.padEnd(14)} code ${kb(b.codeBytes)} (zipped ${kb(b.codeDeflatedBytes)}), with source maps ${kb(b.totalBytes)} (zipped ${kb(b.totalDeflatedBytes)})`;
}

export const benchmark: Benchmark = {
  name: "cold start",
  async run({ quick }) {
    const harness = await startHarness(["deployed", "docs reference", "naive", "best bare"]);
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
            `${name.padEnd(14)} init ${ms(init(name))} + first invocation = ${ms(total(name))} (median of ${runs} fresh processes)`,
        ),
        `X-Ray segment documents sent by the deployed bundle: ${(daemon.segments() / runs).toFixed(1)} per cold start (tracing is on)`,
      ];
      const deployed = total("deployed");
      const ratios: Ratio[] = [
        { name: "cold start: deployed / docs reference", measured: deployed, baseline: total("docs reference"), unit: "ms" },
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
        ratioTarget("cold start vs docs reference", deployed, total("docs reference"), coldStartTarget),
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
