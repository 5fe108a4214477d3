// Local stack throughput: proposals per second over HTTP on loopback, closed loop at a fixed
// concurrency for a bounded time, counting every answer that is not a 201 as an error.
import { spawn } from "node:child_process";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { stopChild } from "../local/childProcess";
import { httpTarget } from "../loadtest/httpTarget";
import { jsonHeaders } from "../loadtest/proposals";
import type { Benchmark } from "./lib/benchmark";
import { urlPrefix } from "./lib/localStackChild";
import { typicalProposal } from "./lib/proposals";

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
    const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "lib", "localStackChild.ts")], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      let url: string | undefined;
      for await (const line of lines) {
        if (line.startsWith(urlPrefix)) {
          url = line.slice(urlPrefix.length);
          break;
        }
      }
      if (!url) throw new Error("the local stack did not start");
      // The function's log lines are written but not read here.
      child.stdout.resume();
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
        targets: [{ name: "local stack: no errors", target: "0 errors", measured: `${run.errors} errors at ${rate.toFixed(0)}/s`, met: run.errors === 0 }],
      };
    } finally {
      // The child stops when its stdin closes.
      await stopChild(child, () => child.stdin.end());
    }
  },
};
