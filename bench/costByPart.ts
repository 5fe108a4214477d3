// Where the cold start and the warm CPU go: the deployed bundle against itself with one part
// bundled as a stub that does nothing (bench/ablation/), runs alternating with the best bare
// build. A part's cost is the deployed figure minus the figure without it. The stubs exist for
// this measurement only; nothing deployed or tested runs them.
import * as path from "node:path";
import { times, type Benchmark, type Ratio, type TargetCheck } from "./lib/benchmark";
import { buildVariants, type Builds } from "./lib/bundles";
import { startHarness } from "./lib/harness";
import { alternatingColdStarts, alternatingWarmRuns, quickColdRuns, quickWarmPlan, type WarmPlan } from "./lib/lambdaProcess";
import { median, ms } from "./lib/stats";

const fullColdRuns = 41;

/**
 * Targets for our own code: the deployed bundle with Powertools stubbed, against the best bare
 * build (the same DynamoDB client, no handler logic of ours), in ms.
 */
const ownCodeTargets = { coldStartMs: 3, warmCpuMs: 0.1 } as const;
const fullWarmPlan: WarmPlan = { processes: 4, warmup: 300, count: 2000 };

const stub = (file: string): string => path.join(__dirname, "ablation", file);
const tracer = { "@aws-lambda-powertools/tracer": stub("tracer.ts") };
const loggerAndMetrics = { "@aws-lambda-powertools/logger": stub("logger.ts"), "@aws-lambda-powertools/metrics": stub("metrics.ts") };

/** Each build the deployed bundle is compared with, by the modules stubbed in it. */
const parts = {
  "without Tracer and the X-Ray SDK": tracer,
  "without Logger and Metrics": loggerAndMetrics,
  "without both": { ...tracer, ...loggerAndMetrics },
} as const;
type Part = keyof typeof parts;
const partNames = Object.keys(parts) as Part[];

export const benchmark: Benchmark = {
  name: "cost by part",
  async run({ quick }) {
    const harness = await startHarness(["deployed", "best bare"]);
    let variants: Builds<Part> | undefined;
    try {
      variants = await buildVariants(parts);
      const bare = harness.builds.get("best bare");
      const deployed = harness.builds.get("deployed");
      const runsOf = [deployed, ...variants.all, bare];
      const runs = quick ? quickColdRuns : fullColdRuns;
      const cold = await alternatingColdStarts(runsOf, runs, harness.endpoints, harness.event);
      const plan = quick ? quickWarmPlan : fullWarmPlan;
      const warm = await alternatingWarmRuns(runsOf, plan, harness.endpoints, harness.event);
      const coldMs = (name: string): number => median(cold.get(name)!.map((r) => r.initMs + r.firstInvokeMs));
      const cpuMs = (name: string): number => median(warm.get(name)!.map((r) => r.cpuMs / plan.count));
      const costs = (part: string): string => (part === "without both" ? "together they cost" : "the part costs");
      const lines = [
        `cold start: median of ${runs} fresh processes each; warm CPU per request (user + system): median of ${plan.processes} process${plan.processes === 1 ? "" : "es"} × ${plan.count} requests`,
        `deployed  cold start ${ms(coldMs("deployed"))}, warm CPU ${ms(cpuMs("deployed"))}; best bare ${ms(coldMs(bare.name))}, ${ms(cpuMs(bare.name))}`,
        ...partNames.map(
          (part) =>
            `${part}: cold start ${ms(coldMs(part))}, warm CPU ${ms(cpuMs(part))}, so ${costs(part)} ${ms(coldMs("deployed") - coldMs(part))} and ${ms(cpuMs("deployed") - cpuMs(part))} a request`,
        ),
      ];
      const ratios: Ratio[] = [
        ...partNames.map((part) => ({
          name: `cold start: deployed / ${part}`,
          measured: coldMs("deployed"),
          baseline: coldMs(part),
          unit: "ms",
        })),
        { name: "cold start: without both / best bare", measured: coldMs("without both"), baseline: coldMs(bare.name), unit: "ms" },
        ...partNames.map((part) => ({
          name: `warm CPU per request: deployed / ${part}`,
          measured: cpuMs("deployed"),
          baseline: cpuMs(part),
          unit: "ms",
        })),
        { name: "warm CPU per request: without both / best bare", measured: cpuMs("without both"), baseline: cpuMs(bare.name), unit: "ms" },
      ];
      const ownCold = coldMs("without both") - coldMs(bare.name);
      const ownCpu = cpuMs("without both") - cpuMs(bare.name);
      const targets: TargetCheck[] = [
        {
          name: "own code: cold start",
          target: `<= ${ownCodeTargets.coldStartMs} ms`,
          measured: `${ms(ownCold)} (${times(coldMs("without both") / coldMs(bare.name))} best bare)`,
          met: ownCold <= ownCodeTargets.coldStartMs,
        },
        {
          name: "own code: warm CPU per request",
          target: `<= ${ownCodeTargets.warmCpuMs} ms`,
          measured: `${ms(ownCpu)} (${times(cpuMs("without both") / cpuMs(bare.name))} best bare)`,
          met: ownCpu <= ownCodeTargets.warmCpuMs,
        },
      ];
      return { lines, ratios, targets };
    } finally {
      variants?.remove();
      await harness.close();
    }
  },
};
