// Warm path: the handler's time per request once its execution environment is warm, for the
// deployed bundle and the best bare baseline, each in its own process. The DynamoDB stand-in
// answers at once with a fixed body, so what remains is the handler's work plus one loopback
// round trip, which both pay alike.
import { ratioTarget, type Benchmark } from "./lib/benchmark";
import { alternatingWarmRuns, quickWarmPlan, type WarmPlan } from "./lib/lambdaProcess";
import { median, ms, quantile } from "./lib/stats";
import { startHarness } from "./lib/harness";
import { costPerMillionRequestsUsd, lambdaPrices, numbers, scaledDurationMs } from "../aws/prices";
import { benchSettings } from "./lib/benchStack";

const memorySizesMb = [128, 256, 512, 1024] as const;

/** Cost of a million invocations of `durationMs` each (billed per 1 ms, rounded up), as the dashboard prices them. */
const costPerMillion = (durationMs: number, memoryMb: number): number =>
  costPerMillionRequestsUsd(numbers, Math.ceil(durationMs), memoryMb, benchSettings.architecture);

/**
 * Target: the deployed handler's CPU per warm request at most this multiple of the best bare
 * one's. CPU is what Lambda bills below a full vCPU, and it moves less with the machine's load
 * than wall time.
 */
const warmCpuTarget = 1.5;

export const benchmark: Benchmark = {
  name: "warm path",
  async run({ quick }) {
    const harness = await startHarness(["deployed", "best bare"]);
    const { builds, endpoints, event } = harness;
    try {
      const plan: WarmPlan = quick ? quickWarmPlan : { processes: 3, warmup: 300, count: 1000 };
      // Processes alternate the two builds, so a busy moment on the machine hits both.
      const runs = await alternatingWarmRuns(builds.all, plan, endpoints, event);
      const durations = (name: string): number[] => runs.get(name)!.flatMap((r) => r.durations);
      const deployed = durations("deployed");
      const bare = durations("best bare");
      // CPU per request moves less with the machine's load than wall time does, so it shows a
      // change's effect with fewer runs; it is what Lambda bills below a full vCPU.
      const cpuPerRequest = (name: string): number => runs.get(name)!.reduce((sum, r) => sum + r.cpuMs, 0) / (plan.processes * plan.count);
      const cpu = { deployed: cpuPerRequest("deployed"), bare: cpuPerRequest("best bare") };
      const p50 = { deployed: median(deployed), bare: median(bare) };
      const p99 = { deployed: quantile(deployed, 0.99), bare: quantile(bare, 0.99) };
      return {
        lines: [
          `deployed  p50 ${ms(p50.deployed)}, p99 ${ms(p99.deployed)} (${plan.processes} process${plan.processes === 1 ? "" : "es"} × ${plan.count} requests, each after ${plan.warmup} warm-up)`,
          `best bare p50 ${ms(p50.bare)}, p99 ${ms(p99.bare)}`,
          `CPU per request (user + system, whole process): deployed ${ms(cpu.deployed)}, best bare ${ms(cpu.bare)}`,
          `memory (${benchSettings.architecture} ${lambdaPrices.requests.region} prices read ${lambdaPrices.requests.readOn}; duration = deployed p50 scaled by Lambda's CPU share, an estimate):`,
          ...memorySizesMb.map((mb) => {
            const duration = scaledDurationMs(p50.deployed, mb);
            return `  ${String(mb).padStart(4)} MB  ~${ms(duration)}  $${costPerMillion(duration, mb).toFixed(3)} per million requests`;
          }),
        ],
        ratios: [
          { name: "warm p50: deployed / bare", measured: p50.deployed, baseline: p50.bare, unit: "ms" },
          { name: "warm p99: deployed / bare", measured: p99.deployed, baseline: p99.bare, unit: "ms" },
          { name: "warm CPU per request: deployed / bare", measured: cpu.deployed, baseline: cpu.bare, unit: "ms" },
        ],
        targets: [ratioTarget("warm CPU per request vs best bare", cpu.deployed, cpu.bare, warmCpuTarget)],
      };
    } finally {
      await harness.close();
    }
  },
};
