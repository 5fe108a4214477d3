// The report of a run against a URL where nothing listens (a port just closed on loopback):
// every request fails, and the report says so instead of counting failures as answers.
import assert from "node:assert/strict";
import { createServer, type AddressInfo } from "node:net";
import { defaultMix } from "../../loadtest/proposals";
import { runLoad, type RunOptions } from "../../loadtest/run";
import { summaryText } from "../../loadtest/summary";
import { reportOf } from "../support/loadReport";

async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/v1/destination`;
}

describe("load test report against a dead server", function () {
  it("counts no answers: every request failed and the achieved rate is 0", async () => {
    const options: RunOptions = {
      url: await deadUrl(),
      profile: { kind: "constant", rate: 20 },
      durationSeconds: 1,
      spacing: "poisson",
      maxInFlight: 8,
      seed: 3,
      mix: defaultMix,
    };
    const result = await runLoad(options);
    const report = reportOf("url", options, result);
    assert.ok(report.requests.planned > 0);
    assert.equal(report.requests.sent, report.requests.planned, "a run not stopped sends all it planned");
    assert.equal(report.run.stoppedAfterSeconds, undefined);
    assert.equal(report.requests.byStatus.failed, report.requests.planned);
    assert.equal(report.requests.achievedRate, 0);
    assert.equal(report.recommendation.measuredBy, "assumed");
    // Seen from outside, throttling is counted in answers, and the summary says so.
    assert.equal(report.recommendation.throttledCounts, "429 and 503 answers");
    assert.match(summaryText(report), /^ {2}throttled 429 and 503 answers +0$/m);
    assert.ok(report.recommendation.warnings.some((w) => w.includes("no request reached the function")));
  });
});
