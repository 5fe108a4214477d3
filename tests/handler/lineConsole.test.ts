// The console Powertools prints through in the bundle writes what Node's Console writes, to
// the same stream, and never throws on a failed write.
import { strict as assert } from "node:assert";
import { Console as NodeConsole } from "node:console";
import { PassThrough, Writable } from "node:stream";
import { Console as LineConsole } from "../../handlers/logging/lineConsole";

type Method = "log" | "info" | "debug" | "warn" | "error";
const methods: readonly Method[] = ["log", "info", "debug", "warn", "error"];

function captured(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

/** What each console writes to stdout and stderr for the same calls. */
function outputs(
  make: (s: { stdout: PassThrough; stderr: PassThrough }) => Record<Method, (...args: unknown[]) => void>,
  calls: readonly [Method, unknown[]][],
) {
  const out = captured();
  const err = captured();
  const c = make({ stdout: out.stream, stderr: err.stream });
  for (const [method, args] of calls) c[method](...args);
  return { stdout: out.text(), stderr: err.text() };
}

describe("line console", () => {
  it("writes each call as Node's Console does, to the same stream", () => {
    const calls: [Method, unknown[]][] = [];
    const args: unknown[][] = [
      [JSON.stringify({ level: "INFO", message: "destination proposed", name: "Kew Gardens — Palm House ☀" })],
      ['{"_aws":{"Timestamp":1}}'],
      [""],
      ["100%% of %s, unformatted when alone"],
      ["%s has %d fields", "proposal", 5],
      ["no metrics", { namespace: "visitplannr" }],
      [42],
    ];
    for (const method of methods) for (const a of args) calls.push([method, a]);
    const theirs = outputs((s) => new NodeConsole({ ...s, colorMode: false }), calls);
    const ours = outputs((s) => new LineConsole(s), calls);
    assert.equal(ours.stdout, theirs.stdout);
    assert.equal(ours.stderr, theirs.stderr);
    assert.ok(ours.stderr.length > 0 && ours.stdout.length > 0);
  });

  it("drops a write that fails, synchronously or as an error event, without throwing", async () => {
    const throwing = new Writable({
      write() {
        throw new Error("disk gone");
      },
    });
    const failing = new Writable({
      write(_chunk, _encoding, callback) {
        callback(new Error("EPIPE"));
      },
    });
    // Without a listener, an 'error' event would throw; the console adds one for each write.
    assert.doesNotThrow(() => new LineConsole({ stdout: throwing, stderr: throwing }).log("a line"));
    assert.doesNotThrow(() => new LineConsole({ stdout: failing, stderr: failing }).error("a line"));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(failing.listenerCount("error"), 0, "the console leaves no listener behind");
  });
});
