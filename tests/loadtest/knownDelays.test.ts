// The load test against a server on loopback whose delays are known: the reported percentiles
// are those delays (never above the maximum), and when this process is kept from sending on
// time, the send lag says by how much and the report warns.
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultMix } from "../../loadtest/proposals";
import { runLoad, type RunOptions } from "../../loadtest/run";
import { summaryText } from "../../loadtest/summary";
import { htmlReport } from "../../loadtest/html";
import { reportOf } from "../support/loadReport";

/** Answers request n (from 1) after delayMs(n), or blocks this whole process for blockMs(n) first. */
async function delayingServer(delayMs: (n: number) => number, blockMs: (n: number) => number = () => 0): Promise<Server> {
  let n = 0;
  const server = createServer((req, res) => {
    const mine = ++n;
    req.resume();
    req.on("end", () => {
      const until = performance.now() + blockMs(mine);
      while (performance.now() < until) {
        // Busy: the generator shares this thread, so it cannot send while this runs.
      }
      setTimeout(() => res.writeHead(201, { "content-type": "application/json" }).end("{}"), delayMs(mine));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return server;
}

function options(server: Server): RunOptions {
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/destination`,
    // 100 requests, 20 ms apart: each answered before the next is due.
    profile: { kind: "constant", rate: 50 },
    durationSeconds: 2,
    spacing: "even",
    maxInFlight: 64,
    seed: 1,
    mix: defaultMix,
  };
}

describe("load test against known delays", function () {
  this.timeout(30_000);
  let server: Server | undefined;
  afterEach(async () => {
    server?.close();
    server = undefined;
  });

  it("reports the delays as percentiles, p99.9 at most the maximum", async () => {
    // 99 answers after 5 ms, the 50th after 150 ms.
    server = await delayingServer((n) => (n === 50 ? 150 : 5));
    const o = options(server);
    const report = reportOf("url", o, await runLoad(o));
    const l = report.latencyMs;
    assert.equal(l.count, 100);
    assert.ok(l.p50Ms >= 5 && l.p50Ms < 40, `p50 ${l.p50Ms}`);
    assert.ok(l.maxMs >= 150 && l.maxMs < 250, `max ${l.maxMs}`);
    // p99.9 of 100 answers is the slowest: exactly the maximum, not its bucket's upper edge.
    assert.equal(l.p999Ms, l.maxMs);
    for (const p of [l.p50Ms, l.p90Ms, l.p95Ms, l.p99Ms]) assert.ok(p <= l.maxMs);

    // The HTML report: the load in words and latency over time; no store, so no store or capacity charts.
    const html = htmlReport(report);
    assert.match(html, /<th>load<\/th><td>a constant 50 requests\/s for 2 s, evenly spaced arrivals<\/td>/);
    assert.match(html, /<figcaption>Latency from intended send, by second of answer<\/figcaption>/);
    assert.doesNotMatch(html, /Store: throttled calls|Write capacity: asked for/);
    assert.doesNotMatch(html, /<th>consumed WCU \/ RCU<\/th>|<th>hottest partition key<\/th>/);
    assert.match(html, /storage, streams, backups, data transfer/);
  });

  it("reports the send lag when the process is kept from sending, and warns", async () => {
    // Answering the 20th request holds this process for 300 ms: the requests due meanwhile go late.
    server = await delayingServer(
      () => 5,
      (n) => (n === 20 ? 300 : 0),
    );
    const o = options(server);
    const report = reportOf("url", o, await runLoad(o));
    const lag = report.sendLagMs;
    assert.ok(lag.maxMs >= 250 && lag.maxMs < 600, `send lag max ${lag.maxMs}`);
    // 300 ms at 20 ms apart: about 15 of 100 requests went late, so the median went on time.
    assert.ok(lag.p50Ms < 20, `send lag p50 ${lag.p50Ms}`);
    assert.ok(lag.p99Ms >= 200, `send lag p99 ${lag.p99Ms}`);
    const warning = report.recommendation.warnings.find((w) => w.includes("fell behind its schedule"));
    assert.ok(warning, report.recommendation.warnings.join("\n"));
    assert.match(summaryText(report), /^Send lag \(ms\) p50 [\d.]+ {2}p99 [\d.]+ {2}max [\d.]+/m);
    assert.match(htmlReport(report), /<th>send lag against the schedule \(ms\)<\/th><td>p50 [\d.]+, p99 [\d.]+, max [\d.]+<\/td>/);
    assert.equal(JSON.parse(JSON.stringify(report)).sendLagMs.maxMs, lag.maxMs);
  });

  it("warns from a send lag p99 of 20 ms, not below", async () => {
    server = await delayingServer(() => 5);
    const o = options(server);
    const result = await runLoad(o);
    const warns = (p99Ms: number): boolean =>
      reportOf("url", o, { ...result, sendLag: { p50Ms: 1, p99Ms, maxMs: 30 } }).recommendation.warnings.some((w) =>
        w.includes("fell behind its schedule"),
      );
    assert.equal(warns(19.9), false);
    assert.equal(warns(20), true);
  });

  it("sizes Lambda concurrency from the function's Duration less its waits for capacity, not from latency", async () => {
    server = await delayingServer(() => 5);
    const o = options(server);
    const result = await runLoad(o);
    const store = {
      source: "local store",
      calls: 100,
      consumedWriteUnits: 100,
      consumedReadUnits: 0,
      writeThrottles: 40,
      readThrottles: 0,
      sdkRetries: 30,
      conditionalCheckFailures: 0,
      demandedWriteUnits: 100,
      hottestKeyWriteUnitsPerSecond: 1,
      // 70 s of waiting over 100 invocations: 700 ms each.
      capacityWaitMs: 70_000,
    } as const;
    const report = reportOf("url", o, { ...result, functionDuration: { invocations: 100, meanMs: 1000, p95Ms: 3000 }, store });
    // 50/s × (1000 − 700) ms = 15 executions, where 50/s × the 1000 ms mean would be 50.
    assert.equal(report.recommendation.lambda.durationMs, 300);
    assert.equal(report.recommendation.lambda.concurrencyNeeded, 15);
    assert.match(report.recommendation.lambda.durationBasis, /mean Duration 1000 ms of 100 invocations, less 700 ms waiting for capacity/);
    // Without the function's Duration, latency stands in, said to be an upper bound.
    const outside = reportOf("url", o, result).recommendation.lambda;
    assert.match(outside.durationBasis, /not measured, so an upper bound/);
  });
});
