// A function whose INIT fails: the invocation is a function error, and the log says why with a
// platform.initReport record beside the runtime's own error line.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { functionCode } from "../../../local/lambda/code";
import { LambdaEmulator } from "../../../local/lambda/emulator";
import { LambdaFunctionError } from "../../../local/lambda/runtime";

describe("Lambda emulation: a failed INIT", () => {
  let dir: string;
  let emulator: LambdaEmulator;
  const lines: string[] = [];

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "visitplannr-broken-"));
    const broken = path.join(dir, "index.mjs");
    writeFileSync(
      broken,
      'throw new TypeError("cannot start: no configuration");\nexport const handler = async () => ({ statusCode: 200, body: "" });\n',
    );
    emulator = new LambdaEmulator(
      { ...(await functionCode()), handlerModule: pathToFileURL(broken).href },
      {
        functionName: "broken-at-init",
        memorySize: 128,
        timeout: 3,
        tableName: "unused",
        dynamoEndpoint: "http://127.0.0.1:9",
        logLevel: "INFO",
        metricsNamespace: "unused",
        reservedConcurrency: -1,
        accountConcurrencyLimit: 10,
      },
    );
    emulator.onLog((line) => lines.push(line));
  });
  after(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("fails the invocation and logs an initReport with status error and the error's type", async () => {
    await assert.rejects(
      emulator.invoke({} as APIGatewayProxyEvent),
      (err: unknown) => err instanceof LambdaFunctionError && err.errorType === "TypeError",
    );
    const records = lines.map((line) => JSON.parse(line) as { type?: string; record?: Record<string, unknown> });
    const reports = records.filter((r) => r.type === "platform.initReport");
    assert.equal(reports.length, 1, lines.join("\n"));
    const { record } = reports[0]!;
    assert.equal(record!.status, "error");
    assert.equal(record!.errorType, "TypeError");
    assert.equal(record!.phase, "init");
    assert.ok((record!.metrics as { durationMs: number }).durationMs > 0);
    assert.equal(records.filter((r) => r.type === "platform.report").length, 0, "no invocation ran");
  });
});
