// `npm run bench -- --quick` runs every benchmark end to end and prints its ratios and the
// summary table. Figures are not checked: speed is the bench's business, not the tests'.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";

const root = path.resolve(__dirname, "..", "..");

describe("bench", function () {
  this.timeout(240_000);
  let output: string;

  before(async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", path.join(root, "bench", "main.ts"), "--quick"], {
      cwd: root,
      timeout: 230_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    output = stdout;
  });

  it("prints cold-start ratios of the deployed bundle against the docs reference and both baselines", () => {
    assert.match(output, /^ratio {2}cold start: deployed \/ docs reference: [\d.]+ \/ [\d.]+ ms = [\d.]+ x$/m);
    assert.match(output, /^ratio {2}cold start: deployed \/ naive: [\d.]+ \/ [\d.]+ ms = [\d.]+ x$/m);
    assert.match(output, /^ratio {2}cold start: deployed \/ best bare: [\d.]+ \/ [\d.]+ ms = [\d.]+ x$/m);
  });

  it("prints what Tracer, and Logger and Metrics, each cost the cold start and the warm CPU", () => {
    for (const figure of ["cold start", "warm CPU per request"]) {
      for (const part of ["without Tracer and the X-Ray SDK", "without Logger and Metrics", "without both"]) {
        assert.match(output, new RegExp(`^ratio {2}${figure}: deployed / ${part}: [\\d.]+ / [\\d.]+ ms = [\\d.]+ x$`, "m"));
      }
      assert.match(output, new RegExp(`^ratio {2}${figure}: without both / best bare: `, "m"));
    }
  });

  it("prints warm-path ratios at p50 and p99, and of CPU per request", () => {
    assert.match(output, /^ratio {2}warm p50: deployed \/ bare: /m);
    assert.match(output, /^ratio {2}warm p99: deployed \/ bare: /m);
    assert.match(output, /^ratio {2}warm CPU per request: deployed \/ bare: [\d.]+ \/ [\d.]+ ms = [\d.]+ x$/m);
  });

  it("prints the write units of a typical and the largest proposal", () => {
    assert.match(output, /^ {2}typical {2}item \d+ B -> \d+ WCU/m);
    assert.match(output, /^ {2}largest {2}item \d+ B -> \d+ WCU/m);
  });

  it("prints what a million proposals cost, by part, and which part is largest", () => {
    for (const part of [
      "API Gateway REST requests",
      "Lambda duration (GB-seconds)",
      "CloudWatch Logs ingestion",
      "X-Ray traces recorded",
    ]) {
      assert.match(output, new RegExp(`^ {4}${part.replace(/[()]/g, "\\$&")}\\s+\\$[\\d.]+\\s+\\d+ %`, "m"));
    }
    assert.match(output, /^ {4}request path \$[\d.]+, observability \$[\d.]+, total \$[\d.]+; the largest part: /m);
  });

  it("prints the local stack's sustained rate", () => {
    assert.match(output, /^ {2}\d+ proposals\/s sustained/m);
  });

  it("ends with a summary of every target, none missing a verdict", () => {
    const summary = output.slice(output.indexOf("## summary"));
    for (const target of [
      "cold start vs docs reference",
      "deployed bundle size",
      "warm CPU per request vs best bare",
      "own code: cold start",
      "own code: warm CPU per request",
      "local stack throughput",
      "typical proposal WCU",
    ]) {
      assert.match(summary, new RegExp(`^${target}\\s+.*\\s(yes|NO)$`, "m"));
    }
    assert.doesNotMatch(output, /^error /m);
  });
});
