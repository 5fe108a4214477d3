// Warm path: the handler's time per request once its execution environment is warm, for the
// deployed bundle and the best bare baseline, each in its own process. The DynamoDB stand-in
// answers at once with a fixed body, so what remains is the handler's work plus one loopback
// round trip, which both pay alike.
import { times, type Benchmark } from "./lib/benchmark";
import { warmInvocations } from "./lib/lambdaProcess";
import { ms, quantile } from "./lib/stats";
import { startHarness } from "./lib/harness";
import { costPerMillion, memorySizesMb, scaledDurationMs } from "./lib/lambdaPricing";
import { lambdaPricesReadOn } from "../dashboards/lambdaPricing";

/** Target: the deployed handler's p50 within this multiple of the bare one's. */
const warmP50Target = 1.2;

export const benchmark: Benchmark = {
  name: "warm path",
  async run({ quick }) {
    const harness = await startHarness();
    const { builds, endpoints, event } = harness;
    try {
      const [warmup, count, rounds] = quick ? [5, 20, 1] : [300, 1000, 3];
      const deployed: number[] = [];
      const bare: number[] = [];
      const cpuMs = { deployed: 0, bare: 0 };
      // Rounds alternate the two builds, so a busy moment on the machine hits both.
      for (let i = 0; i < rounds; i++) {
        const d = await warmInvocations(builds.get("deployed"), endpoints, event, warmup, count);
        const b = await warmInvocations(builds.get("best bare"), endpoints, event, warmup, count);
        deployed.push(...d.durations);
        bare.push(...b.durations);
        cpuMs.deployed += d.cpuMs;
        cpuMs.bare += b.cpuMs;
      }
      // CPU per request moves less with the machine's load than wall time does, so it shows a
      // change's effect with fewer runs; it is what Lambda bills below a full vCPU.
      const cpuPerRequest = { deployed: cpuMs.deployed / deployed.length, bare: cpuMs.bare / bare.length };
      const p = (samples: readonly number[], q: number): number => quantile(samples, q);
      return {
        lines: [
          `deployed  p50 ${ms(p(deployed, 0.5))}, p99 ${ms(p(deployed, 0.99))} (${deployed.length} requests after ${warmup} warm-up, per process)`,
          `best bare p50 ${ms(p(bare, 0.5))}, p99 ${ms(p(bare, 0.99))}`,
          `CPU per request (user + system, whole process): deployed ${ms(cpuPerRequest.deployed)}, best bare ${ms(cpuPerRequest.bare)}`,
          `memory (arm64 prices of ${lambdaPricesReadOn}; duration = deployed p50 scaled by Lambda's CPU share, an estimate):`,
          ...memorySizesMb.map((mb) => {
            const duration = scaledDurationMs(p(deployed, 0.5), mb);
            return `  ${String(mb).padStart(4)} MB  ~${ms(duration)}  $${costPerMillion(duration, mb).toFixed(3)} per million requests`;
          }),
        ],
        ratios: [
          { name: "warm p50: deployed / bare", measured: p(deployed, 0.5), baseline: p(bare, 0.5), unit: "ms" },
          { name: "warm p99: deployed / bare", measured: p(deployed, 0.99), baseline: p(bare, 0.99), unit: "ms" },
          { name: "warm CPU per request: deployed / bare", measured: cpuPerRequest.deployed, baseline: cpuPerRequest.bare, unit: "ms" },
        ],
        targets: [
          {
            name: "warm p50 vs bare",
            target: `<= ${times(warmP50Target)}`,
            measured: times(p(deployed, 0.5) / p(bare, 0.5)),
            met: p(deployed, 0.5) <= warmP50Target * p(bare, 0.5),
          },
        ],
      };
    } finally {
      await harness.close();
    }
  },
};
