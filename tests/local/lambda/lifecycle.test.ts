// Execution environments of the local Lambda emulation: a cold start, then warm reuse, and the
// platform.report records CloudWatch Logs would receive for each invocation.
import assert from "node:assert/strict";
import { startLocalStack, type LocalStack } from "../../../local/stack";
import { jsonHeaders, post, proposal } from "../../support/http";
import { LogStream, settingsWith, type Report } from "../../support/logStream";

describe("Lambda emulation: environments and their log stream", () => {
  const memorySize = 256;
  let stack: LocalStack;
  let log: LogStream;
  let first: Report;
  let second: Report;

  before(async () => {
    stack = await startLocalStack({ port: 0, dynamoPort: 0, settings: settingsWith({ memorySize }) });
    log = new LogStream(stack);
    for (const name of ["Lundy", "Hartland Quay"]) {
      const reply = await post(stack.destinationUrl, JSON.stringify(proposal({ name })), jsonHeaders);
      assert.equal(reply.status, 201, reply.text);
    }
    const reports = log.reports();
    assert.equal(reports.length, 2, log.lines.map((l) => l.line).join("\n"));
    [first, second] = reports as [Report, Report];
  });
  after(async () => {
    log.stop();
    await stack.close();
  });

  it("starts an environment for the first invocation and reuses it warm for the next", () => {
    assert.equal(log.ofType("platform.initStart").length, 1);
    assert.equal(stack.lambda.environments, 1);
    assert.equal(second.logStream, first.logStream);
    assert.match(first.logStream, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
  });

  it("reports the INIT duration on the cold start only", () => {
    assert.ok(first.metrics.initDurationMs! > 0, JSON.stringify(first));
    assert.equal(second.metrics.initDurationMs, undefined, JSON.stringify(second));
    assert.equal(first.status, "success");
    assert.equal(second.status, "success");
  });

  it("bills the duration rounded up to the millisecond, plus INIT on a cold start", () => {
    for (const { metrics } of [first, second]) {
      const init = metrics.initDurationMs === undefined ? 0 : Math.ceil(metrics.initDurationMs);
      assert.equal(metrics.billedDurationMs, Math.ceil(metrics.durationMs) + init, JSON.stringify(metrics));
      assert.ok(metrics.billedDurationMs >= metrics.durationMs);
      assert.ok(metrics.durationMs > 0);
    }
  });

  it("reports the configured memory size and the memory the environment used", () => {
    for (const { metrics } of [first, second]) {
      assert.equal(metrics.memorySizeMB, memorySize);
      assert.ok(metrics.maxMemoryUsedMB > 0 && metrics.maxMemoryUsedMB <= memorySize, JSON.stringify(metrics));
    }
    // The peak is the environment's, so it never goes down while the environment lives.
    assert.ok(second.metrics.maxMemoryUsedMB >= first.metrics.maxMemoryUsedMB);
  });

  it("writes platform.start before the handler's lines and the report, in the environment's stream", () => {
    for (const report of [first, second]) {
      const lines = log
        .records()
        .filter((r) => r.logStream === report.logStream)
        .map((r) => r.json);
      const start = lines.findIndex(
        (j) => j.type === "platform.start" && (j.record as Record<string, unknown>).requestId === report.requestId,
      );
      const own = lines.findIndex((j) => j.function_request_id === report.requestId && j.message === "destination proposed");
      const end = lines.findIndex(
        (j) => j.type === "platform.report" && (j.record as Record<string, unknown>).requestId === report.requestId,
      );
      assert.ok(start >= 0 && own > start && end > own, `start ${start}, handler ${own}, report ${end}`);
    }
  });

  it("gives the handler its environment: function name, memory size, log stream and request id", () => {
    const handlerLine = log.records().find((r) => r.json.message === "destination proposed")!.json;
    assert.equal(handlerLine.function_name, stack.functionName);
    assert.equal(handlerLine.function_memory_size, String(memorySize));
    assert.equal(handlerLine.function_request_id, first.requestId);
  });
});
