// Local stack throughput: proposals per second over HTTP on loopback, closed loop at a fixed
// concurrency for a bounded time, counting every answer that is not a 201 as an error.
import { httpTarget } from "../loadtest/httpTarget";
import { jsonHeaders } from "../loadtest/proposals";
import type { Benchmark } from "./lib/benchmark";
import { startLocalStackChild } from "./lib/localStackChild";
import { typicalProposal } from "./lib/proposals";

/** Target: proposals per second the local stack sustains, with no errors. */
const rateTarget = 500;

interface Tally {
  accepted: number;
  errors: number;
}

async function drive(url: string, concurrency: number, seconds: number): Promise<Tally & { seconds: number }> {
  const target = httpTarget(url, concurrency);
  const body = JSON.stringify(typicalProposal);
  const tally: Tally = { accepted: 0, errors: 0 };
  const start = performance.now();
  const until = start + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < until) {
      try {
        if ((await target.send(body, jsonHeaders)).status === 201) tally.accepted += 1;
        else tally.errors += 1;
      } catch {
        tally.errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  target.close();
  return { ...tally, seconds: (performance.now() - start) / 1000 };
}

export const benchmark: Benchmark = {
  name: "local stack throughput",
  async run({ quick }) {
    const { url, stop } = await startLocalStackChild();
    try {
      const concurrency = 16;
      const seconds = quick ? 1 : 10;
      await drive(url, concurrency, quick ? 0.5 : 2);
      const run = await drive(url, concurrency, seconds);
      const rate = run.accepted / run.seconds;
      return {
        lines: [
          `${rate.toFixed(0)} proposals/s sustained for ${run.seconds.toFixed(1)} s at ${concurrency} concurrent requests, ${run.accepted} accepted, ${run.errors} errors (after a warm-up)`,
        ],
        ratios: [],
        targets: [
          {
            name: "local stack throughput",
            target: `>= ${rateTarget}/s, 0 errors`,
            measured: `${rate.toFixed(0)}/s, ${run.errors} errors`,
            met: rate >= rateTarget && run.errors === 0,
          },
        ],
      };
    } finally {
      await stop();
    }
  },
};
