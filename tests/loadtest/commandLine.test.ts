// `npm run loadtest` as a person runs it: a URL where nothing listens ends with a non-zero exit,
// the reason and no sizing; a report file in a folder that does not exist is refused before
// anything is sent.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..");

function loadtest(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", path.join(root, "loadtest/main.ts"), ...args],
      { cwd: root, timeout: 60_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: unknown }).code) : 0, stdout, stderr, ms: Date.now() - started }),
    );
  });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("loadtest command line", function () {
  this.timeout(60_000);

  it("exits non-zero with the reason and no sizing when every connection is refused", async () => {
    const port = await closedPort();
    const run = await loadtest(["--url", `http://127.0.0.1:${port}/`, "--rate", "5", "--duration", "1"]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, new RegExp(`got an answer from http://127\\.0\\.0\\.1:${port}/destination: connect ECONNREFUSED`));
    assert.doesNotMatch(run.stdout, /Sizing|pulumi config set/);
  });

  it("refuses a report file in a folder that does not exist before the run starts", async () => {
    const missing = path.join(root, "no-such-folder", "report.json");
    // The run would take 30 s; the refusal comes before it.
    const run = await loadtest(["--json", missing, "--duration", "30"]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /--json .*no-such-folder.*: folder .* does not exist; nothing was run/);
    assert.doesNotMatch(run.stderr, /Load test:/);
    assert.ok(run.ms < 25_000, `took ${run.ms} ms`);
    assert.equal(existsSync(path.dirname(missing)), false);
  });
});
