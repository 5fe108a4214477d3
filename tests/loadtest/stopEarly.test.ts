// A load test stopped part-way (Ctrl-C): nothing more is sent, every request sent is answered
// and counted, each accepted proposal is in the store, and the report covers what was sent.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startLocalStack, unlimitedLocalStack, type LocalStack } from "../../local/stack";
import { localDynamoClient } from "../../local/dynamodb/server";
import { defaultMix } from "../../loadtest/proposals";
import type { Report } from "../../loadtest/report";
import { runLoad, type RunOptions } from "../../loadtest/run";
import { summaryText } from "../../loadtest/summary";
import { reportOf } from "../support/loadReport";
import { countItems } from "../support/localStack";
import { until } from "../support/until";

const root = path.resolve(__dirname, "..", "..");

describe("load test stopped early", function () {
  this.timeout(90_000);
  let stack: LocalStack;

  before(async () => {
    stack = await startLocalStack(unlimitedLocalStack);
  });

  after(async () => {
    await stack?.close();
  });

  it("sends nothing after the stop, answers what it sent, and reports that alone", async () => {
    const stop = new AbortController();
    const options: RunOptions = {
      url: stack.destinationUrl,
      profile: { kind: "constant", rate: 20 },
      durationSeconds: 60,
      spacing: "even",
      maxInFlight: 64,
      seed: 11,
      mix: defaultMix,
      store: { dynamo: stack.dynamo, tableName: stack.tableName },
      stop: stop.signal,
      onProgress: (p) => {
        if (p.completed >= 5) stop.abort();
      },
    };
    const result = await runLoad(options);

    assert.ok(result.sent >= 5 && result.sent < result.planned, `${result.sent} of ${result.planned} sent`);
    assert.ok(result.stoppedAfterSeconds !== undefined && result.stoppedAfterSeconds < options.durationSeconds);
    assert.equal(result.latency.count, result.sent, "every request sent has its outcome");
    assert.equal(result.byKind.new + result.byKind.retry + result.byKind.invalid, result.sent);
    assert.equal(result.timeline.total("offered"), result.sent);
    assert.equal(result.statusCodes["201"], result.sent, "every proposal sent was accepted");
    const client = localDynamoClient(stack.dynamo.endpoint);
    try {
      assert.equal(await countItems(client, stack.tableName), result.sent, "every accepted proposal is stored");
    } finally {
      client.destroy();
    }

    const report = reportOf("local stack", options, result);
    assert.equal(report.run.stoppedAfterSeconds, result.stoppedAfterSeconds);
    assert.equal(report.requests.sent, result.sent);
    assert.equal(report.requests.offeredRate, Math.round((result.sent / result.stoppedAfterSeconds!) * 1000) / 1000);
    assert.ok(report.recommendation.warnings.some((w) => w.startsWith(`stopped early, after ${result.stoppedAfterSeconds} s of 60 s`)));
    assert.match(summaryText(report), new RegExp(`^Requests +${result.sent} sent of ${result.planned} planned \\(${result.sent} new`, "m"));
  });

  it("stops on Ctrl-C from the command line and still writes its report", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "visitplannr-stop-"));
    const jsonFile = path.join(dir, "report.json");
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "loadtest/main.ts",
        "--no-auth",
        "--capacity",
        "unlimited",
        "--rate",
        "20",
        "--duration",
        "60",
        "--json",
        jsonFile,
      ],
      {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout!.resume();
    const exited = once(child, "exit") as Promise<[number | null]>;
    try {
      assert.ok(await until(() => /\b([1-9]\d*)\/\d+ answered/.test(stderr), 30_000), `no answers reported:\n${stderr}`);
      // One key press, delivered twice as npm and tsx pass it on: still one orderly stop.
      child.kill("SIGINT");
      child.kill("SIGINT");
      const [code] = await exited;
      assert.equal(code, 0, stderr);
      assert.match(stderr, /Stopping: no more requests are sent/);
      const report = JSON.parse(readFileSync(jsonFile, "utf8")) as Report;
      assert.ok(report.run.stoppedAfterSeconds! < 60);
      assert.ok(report.requests.sent > 0 && report.requests.sent < report.requests.planned);
    } finally {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
