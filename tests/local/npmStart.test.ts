// `npm start` as a person runs it: a child process that prints where everything is, serves
// proposals, keeps them in --data-dir across restarts and stops cleanly on SIGTERM, whether
// the signal goes to the stack itself or to the npm that started it.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eventsTableName, localStackName, projectName } from "../../config/names";
import { stopChild } from "../../local/childProcess";
import { localDynamoClient } from "../../local/dynamodb/server";
import { jsonHeaders, post, proposal } from "../support/http";
import { countItems } from "../support/localStack";
import { until } from "../support/until";

const root = join(__dirname, "..", "..");

interface Started {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly apiUrl: string;
  readonly dynamoUrl: string;
}

const direct: readonly string[] = [process.execPath, "--import", "tsx", "local/main.ts"];
const viaNpm: readonly string[] = ["npm", "start", "--"];

/**
 * Starts the local stack on free ports and waits for its ready banner (bounded). It leads its
 * own process group, so a test can kill whatever it left behind.
 */
function start(args: readonly string[], command: readonly string[] = direct): Promise<Started> {
  const [file, ...commandArgs] = command;
  const child = spawn(file!, [...commandArgs, "--port", "0", "--dynamodb-port", "0", "--page-port", "0", ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no ready banner within 30 s:\n${out}`));
    }, 30_000);
    const check = () => {
      const api = /API\s+(http:\/\/\S+)\/destination/.exec(out);
      const dynamo = /DynamoDB\s+(http:\/\/\S+)/.exec(out);
      if (api && dynamo) {
        clearTimeout(timer);
        resolve({ child, output: () => out, apiUrl: api[1]!, dynamoUrl: dynamo[1]! });
      }
    };
    child.stdout!.on("data", check);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was ready:\n${out}`));
    });
  });
}

/** Whether anything accepts a TCP connection at the URL's port. */
function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

const stop = (started: Started): Promise<number | null> => stopChild(started.child, (child) => child.kill("SIGTERM"));

describe("npm start", function () {
  this.timeout(90_000);
  const dataDir = mkdtempSync(join(tmpdir(), "visitplannr-data-"));
  /** Every stack a test started: one a failed assertion left running is killed after the test. */
  const children: ChildProcess[] = [];
  const launch = async (args: readonly string[], command?: readonly string[]): Promise<Started> => {
    const started = await start(args, command);
    children.push(started.child);
    return started;
  };
  afterEach(async () => {
    for (const child of children.splice(0)) {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // The whole group has exited already.
      }
      await stopChild(child, () => undefined);
    }
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it("prints the API, the store and a curl, serves proposals, and stops cleanly on SIGTERM", async () => {
    const stack = await launch(["--no-auth"]);
    assert.match(stack.output(), /curl -i -X POST http:\/\/127\.0\.0\.1:\d+\/destination/);
    assert.match(stack.output(), /aws dynamodb scan --endpoint-url http:\/\/127\.0\.0\.1:\d+ --table-name visitplannr-local-events/);
    const reply = await post(`${stack.apiUrl}/destination`, JSON.stringify(proposal()), jsonHeaders);
    assert.equal(reply.status, 201, reply.text);
    // One compact line for the request, not the function's JSON log.
    const line = new RegExp(`^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} {2}201 +\\d+ ms {2}accepted +${reply.headers.get("x-amzn-requestid")}$`, "m");
    assert.ok(await until(() => line.test(stack.output())), stack.output());
    assert.doesNotMatch(stack.output(), /"type":"platform\.report"/);
    assert.equal(await stop(stack), 0);
    assert.match(stack.output(), /SIGTERM: stopping the local stack/);
  });

  it("stops on a SIGTERM sent to npm, leaving nothing serving", async () => {
    const stack = await launch(["--no-auth"], viaNpm);
    assert.equal(await stop(stack), 0);
    assert.ok(await until(async () => !(await accepts(stack.apiUrl))), "the API still accepts connections after npm exited");
    assert.match(stack.output(), /SIGTERM: stopping the local stack/);
  });

  it("keeps the event store in --data-dir across restarts", async () => {
    const first = await launch(["--no-auth", "--data-dir", dataDir, "--log-format", "json"]);
    assert.equal((await post(`${first.apiUrl}/destination`, JSON.stringify(proposal()), jsonHeaders)).status, 201);
    // --log-format json: the function's log as CloudWatch Logs receives it.
    assert.ok(await until(() => /"type":"platform\.report"/.test(first.output())), first.output());
    assert.equal(await stop(first), 0);

    const second = await launch(["--no-auth", "--data-dir", dataDir]);
    const client = localDynamoClient(second.dynamoUrl);
    try {
      assert.equal(await countItems(client, eventsTableName({ project: projectName, stack: localStackName })), 1);
    } finally {
      client.destroy();
      await stop(second);
    }
  });
});
