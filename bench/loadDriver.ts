// The load driver itself: does it send at the rate asked for, and what latency does it add?
// Rate accuracy is measured against the local stack (no capacity or throttling limits) up to the rates it
// serves here; overhead against autocannon at the same fixed rate on the same trivial loopback
// server in this run. autocannon corrects its rate-mode latencies for coordinated omission
// differently, so the comparison is on a server that answers at once. autocannon's percentiles
// are whole milliseconds (a sub-millisecond median reads 0), so latency is compared by means.
import autocannon from "autocannon";
import { arrivalTimes } from "../loadtest/arrivals";
import { drive, type RequestResult } from "../loadtest/driver";
import { httpTarget } from "../loadtest/httpTarget";
import { defaultMix, jsonHeaders, ProposalGenerator, type PlannedRequest } from "../loadtest/proposals";
import { seededRandom } from "../loadtest/random";
import type { Benchmark, Ratio, TargetCheck } from "./lib/benchmark";
import { startInstantServer } from "./lib/instantServer";
import { startLocalStackChild } from "./lib/localStackChild";
import { typicalProposal } from "./lib/proposals";

interface RateRun {
  readonly requested: number;
  readonly achieved: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
}

/** Drives `url` at `rate` evenly for `seconds`; the achieved rate is sends over the sending span. */
async function driveAt(
  url: string,
  rate: number,
  seconds: number,
  request: () => Pick<PlannedRequest, "body" | "headers">,
): Promise<RateRun> {
  const times = arrivalTimes({ kind: "constant", rate }, seconds, "even", seededRandom(1));
  const requests = times.map(request);
  const target = httpTarget(url, 64);
  const sent: number[] = [];
  try {
    const result = await drive({
      times,
      maxInFlight: 64,
      send: (i) => target.send(requests[i]!.body, requests[i]!.headers),
      onResult: (r: RequestResult) => sent.push(r.sentMs),
    });
    sent.sort((a, b) => a - b);
    const span = (sent[sent.length - 1]! - sent[0]!) / 1000;
    return {
      requested: rate,
      achieved: (sent.length - 1) / span,
      p50Ms: result.latency.getValueAtPercentile(50) / 1000,
      p99Ms: result.latency.getValueAtPercentile(99) / 1000,
      meanMs: result.latency.mean / 1000,
    };
  } finally {
    target.close();
  }
}

export const benchmark: Benchmark = {
  name: "load driver",
  async run({ quick }) {
    const lines: string[] = [];
    const ratios: Ratio[] = [];
    const targets: TargetCheck[] = [];

    // Rate accuracy on the local stack, in a process of its own so that it does not share the
    // driver's event loop.
    const stack = await startLocalStackChild();
    const generator = new ProposalGenerator(seededRandom(3), { ...defaultMix, unicodeShare: 0 }, `bench-${Date.now()}`);
    try {
      const proposal = () => generator.next();
      for (const rate of quick ? [20] : [25, 50, 100]) {
        // A second at the rate first, so cold starts of new execution environments are not timed.
        await driveAt(stack.url, rate, 1, proposal);
        const run = await driveAt(stack.url, rate, quick ? 1 : 5, proposal);
        const error = Math.abs(run.achieved / run.requested - 1);
        lines.push(
          `local stack at ${rate}/s: achieved ${run.achieved.toFixed(2)}/s, latency p50 ${run.p50Ms.toFixed(2)} ms, p99 ${run.p99Ms.toFixed(2)} ms`,
        );
        ratios.push({
          name: `rate accuracy at ${rate}/s: achieved / requested`,
          measured: run.achieved,
          baseline: run.requested,
          unit: "req/s",
        });
        targets.push({
          name: `driver rate at ${rate}/s`,
          target: "within 2 % of requested",
          measured: `${(error * 100).toFixed(2)} %`,
          met: error <= 0.02,
        });
      }
    } finally {
      await stack.stop();
    }

    // Overhead against autocannon on a server that answers at once.
    const server = await startInstantServer({ "content-type": "text/plain" }, "ok");
    const url = `${server.origin}/`;
    try {
      const rate = quick ? 50 : 500;
      const seconds = quick ? 1 : 5;
      const body = JSON.stringify(typicalProposal);
      const ours = await driveAt(url, rate, seconds, () => ({ body, headers: jsonHeaders }));
      const theirs = await autocannon({
        url,
        method: "POST",
        body,
        headers: jsonHeaders,
        connections: 10,
        overallRate: rate,
        duration: seconds,
      });
      lines.push(
        `trivial server at ${rate}/s: driver mean ${ours.meanMs.toFixed(3)} ms, p50 ${ours.p50Ms.toFixed(3)} ms, p99 ${ours.p99Ms.toFixed(3)} ms, ${ours.achieved.toFixed(1)}/s`,
      );
      lines.push(
        `trivial server at ${rate}/s: autocannon mean ${theirs.latency.average.toFixed(3)} ms, p50 ${theirs.latency.p50} ms, p99 ${theirs.latency.p99} ms (whole ms), ${theirs.requests.average}/s (10 connections)`,
      );
      ratios.push({ name: "latency mean: driver / autocannon", measured: ours.meanMs, baseline: theirs.latency.average, unit: "ms" });
      ratios.push({ name: "rate: driver / autocannon", measured: ours.achieved, baseline: theirs.requests.average, unit: "req/s" });
    } finally {
      await server.close();
    }
    return { lines, ratios, targets };
  },
};
