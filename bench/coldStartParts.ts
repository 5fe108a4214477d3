// Where the cold start goes: the deployed bundle against itself with one part bundled as a stub
// that does nothing (bench/ablation/), all without source maps, runs alternating with the best
// bare build. A part's cost is the deployed cold start minus the cold start without it. The
// stubs exist for this measurement only; nothing deployed or tested runs them.
import * as path from "node:path";
import type { Benchmark, Ratio } from "./lib/benchmark";
import { buildVariants } from "./lib/bundles";
import { startHarness } from "./lib/harness";
import { coldStart } from "./lib/lambdaProcess";
import { median, ms } from "./lib/stats";

const fullRuns = 41;
const quickRuns = 2;

const stub = (file: string): string => path.join(__dirname, "ablation", file);
const tracer = { "@aws-lambda-powertools/tracer": stub("tracer.ts") };
const loggerAndMetrics = { "@aws-lambda-powertools/logger": stub("logger.ts"), "@aws-lambda-powertools/metrics": stub("metrics.ts") };
const zod = { "./proposal/schema": stub("schema.ts") };

const variants = {
  deployed: {},
  "without Tracer and the X-Ray SDK": tracer,
  "without Logger and Metrics": loggerAndMetrics,
  "without zod": zod,
  "without all three": { ...tracer, ...loggerAndMetrics, ...zod },
} as const;
type Variant = keyof typeof variants;
const parts: readonly Exclude<Variant, "deployed">[] = ["without Tracer and the X-Ray SDK", "without Logger and Metrics", "without zod", "without all three"];

export const benchmark: Benchmark = {
  name: "cold start by part",
  async run({ quick }) {
    const harness = await startHarness();
    const builds = await buildVariants(variants);
    try {
      const bare = harness.builds.get("best bare");
      const runsOf = [...builds.all, bare];
      const totals = new Map<string, number[]>(runsOf.map((b) => [b.name, []]));
      const runs = quick ? quickRuns : fullRuns;
      for (let i = 0; i < runs; i++) {
        for (let j = 0; j < runsOf.length; j++) {
          const build = runsOf[(i + j) % runsOf.length]!;
          const r = await coldStart(build, harness.endpoints, harness.event);
          totals.get(build.name)!.push(r.initMs + r.firstInvokeMs);
        }
      }
      const total = (name: string): number => median(totals.get(name)!);
      const deployed = total("deployed");
      const lines = [
        `source maps off for every build; median of ${runs} fresh processes each`,
        `deployed  ${ms(deployed)}, best bare ${ms(total(bare.name))}`,
        ...parts.map((part) => `${part}: ${ms(total(part))}, so ${part === "without all three" ? "together they cost" : "the part costs"} ${ms(deployed - total(part))}`),
      ];
      const ratios: Ratio[] = [
        ...parts.map((part) => ({ name: `cold start: deployed / ${part}`, measured: deployed, baseline: total(part), unit: "ms" })),
        { name: "cold start: without all three / best bare", measured: total("without all three"), baseline: total(bare.name), unit: "ms" },
      ];
      return { lines, ratios, targets: [] };
    } finally {
      builds.remove();
      await harness.close();
    }
  },
};
