// Every command-line tool, run as a person runs it, answers a wrong option the same way: its
// name, what was wrong and where the options are, on stderr, with exit code 2 and nothing
// started; and --help prints its options and exits 0.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..");

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(script: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", path.join(root, script), ...args],
      { cwd: root, timeout: 60_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? Number((err as { code?: unknown }).code) : 0, stdout, stderr });
      },
    );
  });
}

const tools = [
  { script: "local/main.ts", name: "visitplannr local stack", help: "npm start -- --help" },
  { script: "loadtest/main.ts", name: "loadtest", help: "npm run loadtest -- --help" },
  { script: "bench/main.ts", name: "bench", help: "npm run bench -- --help" },
  { script: "scripts/writePulumiYaml.ts", name: "pulumi-yaml", help: "npm run pulumi-yaml -- --help" },
] as const;

describe("command-line tools", function () {
  this.timeout(120_000);

  for (const tool of tools) {
    describe(tool.help.replace(" -- --help", ""), () => {
      it("refuses an unknown option with exit code 2, naming it and pointing to --help", async () => {
        const { code, stdout, stderr } = await run(tool.script, ["--bogus"]);
        assert.equal(code, 2, stderr);
        assert.equal(stdout, "", "nothing was done");
        assert.equal(stderr, `${tool.name}: Unknown option '--bogus'\nRun \`${tool.help}\` for the options.\n`);
      });

      it("prints its options with --help and exits 0", async () => {
        const { code, stdout } = await run(tool.script, ["--help"]);
        assert.equal(code, 0);
        assert.match(stdout, /^Usage: npm (start|run [\w-]+) -- \[options\]$/m);
        assert.match(stdout, /^ {2}-h, --help {2,}this help$/m);
      });
    });
  }

  it("refuses a bad value the same way, quoting it", async () => {
    const start = await run("local/main.ts", ["--wcu", "lots"]);
    assert.equal(start.code, 2);
    assert.match(
      start.stderr,
      /^visitplannr local stack: --wcu \/ LOCAL_WCU must be a whole number from 1 to \d+, got "lots"\nRun `npm start -- --help` for the options\.\n$/,
    );
    const load = await run("loadtest/main.ts", ["--rate", "x"]);
    assert.equal(load.code, 2);
    assert.match(load.stderr, /^loadtest: --rate must be a number from [\d.]+ to \d+, got "x"\n/);
  });

  it("refuses --cors-origins with a path or a wildcard, naming the origin, before starting anything", async () => {
    const { code, stdout, stderr } = await run("local/main.ts", ["--cors-origins", "http://127.0.0.1:3001/editor,https://*.example.com"]);
    assert.equal(code, 2, stderr);
    assert.equal(stdout, "", "nothing started");
    assert.equal(
      stderr,
      'visitplannr local stack: --cors-origins / CORS_ORIGINS: "http://127.0.0.1:3001/editor" has a path, query or fragment; an origin is scheme://host[:port] only (http://127.0.0.1:3001); "https://*.example.com" is a wildcard; name each origin, such as https://editor.example.com\nRun `npm start -- --help` for the options.\n',
    );
  });

  it("says which option moves npm start off a port already in use", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      for (const [args, option] of [
        [["--port", String(port), "--dynamodb-port", "0", "--page-port", "0"], "--port / PORT"],
        [["--port", "0", "--dynamodb-port", String(port), "--page-port", "0"], "--dynamodb-port / DYNAMODB_PORT"],
        [["--port", "0", "--dynamodb-port", "0", "--page-port", String(port)], "--page-port / PAGE_PORT"],
      ] as const) {
        const { code, stdout, stderr } = await run("local/main.ts", args);
        assert.equal(code, 2, stderr);
        assert.equal(stdout, "", "nothing started");
        assert.equal(
          stderr,
          `visitplannr local stack: port ${port} on 127.0.0.1 is in use (by another npm start?): choose another with ${option}\nRun \`npm start -- --help\` for the options.\n`,
        );
      }
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it("says the API and DynamoDB ports clash when npm start is given one port for both", async () => {
    const { code, stdout, stderr } = await run("local/main.ts", ["--port", "3999", "--dynamodb-port", "3999"]);
    assert.equal(code, 2, stderr);
    assert.equal(stdout, "", "nothing started");
    assert.equal(
      stderr,
      "visitplannr local stack: --port / PORT and --dynamodb-port / DYNAMODB_PORT are both 3999: the API and the embedded DynamoDB need a port each\nRun `npm start -- --help` for the options.\n",
    );
  });

  it("names the benchmarks when --only names none of them", async () => {
    const { code, stdout, stderr } = await run("bench/main.ts", ["--only", "warp path"]);
    assert.equal(code, 2);
    assert.equal(stdout, "", "no benchmark ran");
    assert.match(stderr, /^bench: --only takes one of .*"cold start".*"warm path".*, got "warp path"\n/);
  });
});
