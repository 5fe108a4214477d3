// Cold start: module init plus the first invocation with a valid proposal, each in a fresh
// `node` process, for the deployed bundle and the two bare baselines, runs alternating so
// that a noisy neighbour hits all three alike. The DynamoDB stand-in answers at once.
import { buildAll, kb, type Build, type BuildName } from "./lib/bundles";
import { times, type Benchmark, type Ratio, type TargetCheck } from "./lib/benchmark";
import { startDynamoStandIn } from "./lib/dynamoStandIn";
import { coldStart } from "./lib/lambdaProcess";
import { startXrayDaemonSink } from "./lib/xrayDaemonSink";
import { typicalProposal, proposalEvent } from "./lib/proposals";
import { median, ms } from "./lib/stats";
import { bundleSizeBudgetBytes } from "../components/bundle";

const fullRuns = 21;
const quickRuns = 2;

/** Issue 8 targets, as ratios of the deployed cold start to each baseline. */
export const coldStartTargets = { naive: 0.75, bestBare: 1.25 } as const;

function sizeLine(b: Build): string {
  return `${b.name.padEnd(9)} code ${kb(b.codeBytes)} (zipped ${kb(b.codeDeflatedBytes)}), with source maps ${kb(b.totalBytes)} (zipped ${kb(b.totalDeflatedBytes)})`;
}

export const benchmark: Benchmark = {
  name: "cold start",
  async run({ quick }) {
    const builds = await buildAll();
    const store = await startDynamoStandIn();
    const daemon = await startXrayDaemonSink();
    const endpoints = { dynamo: store.endpoint, xrayDaemon: daemon.address };
    try {
      const event = proposalEvent(typicalProposal);
      const samples = new Map<BuildName, { init: number[]; total: number[] }>(builds.all.map((b) => [b.name, { init: [], total: [] }]));
      const runs = quick ? quickRuns : fullRuns;
      for (let i = 0; i < runs; i++) {
        // Rotate the order so no build always runs first (or right after another's exit).
        for (let j = 0; j < builds.all.length; j++) {
          const build = builds.all[(i + j) % builds.all.length]!;
          const r = await coldStart(build, endpoints, event);
          samples.get(build.name)!.init.push(r.initMs);
          samples.get(build.name)!.total.push(r.initMs + r.firstInvokeMs);
        }
      }
      const total = (name: BuildName): number => median(samples.get(name)!.total);
      const lines = [
        ...builds.all.map(sizeLine),
        ...builds.all.map(
          (b) =>
            `${b.name.padEnd(9)} init ${ms(median(samples.get(b.name)!.init))} + first invocation = ${ms(total(b.name))} (median of ${runs} fresh processes)`,
        ),
        `X-Ray segments sent by the deployed bundle: ${(daemon.segments() / runs).toFixed(1)} per cold start (tracing is on)`,
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
      await store.close();
      await daemon.close();
      builds.remove();
    }
  },
};
