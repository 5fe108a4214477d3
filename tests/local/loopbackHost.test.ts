// Every local listener refuses a request whose Host is not a loopback name (a page reaching it by
// DNS rebinding), and still answers requests addressed to loopback.
import assert from "node:assert/strict";
import { request } from "node:http";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { isLoopbackHost } from "../../local/loopbackHost";
import { startOps } from "../../local/observability/ops";
import { countEvents, sharedLocalStack, storeClient } from "../support/localStack";

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** Sends a request to `url` with the Host header given, as a browser tricked by DNS rebinding would. */
function send(url: string, host: string, method = "GET", body = ""): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { Host: host, "Content-Type": "application/json" } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("local listeners answer only requests addressed to loopback", () => {
  it("knows loopback names, with and without a port, and nothing that merely contains one", () => {
    for (const host of [
      "localhost",
      "localhost:3000",
      "LOCALHOST:1",
      "127.0.0.1",
      "127.0.0.1:8000",
      "127.1.2.3:9",
      "[::1]",
      "[::1]:3000",
    ]) {
      assert.equal(isLoopbackHost(host), true, host);
    }
    for (const host of [
      undefined,
      "",
      "evil.example",
      "localhost.evil.example",
      "127.0.0.1.nip.io",
      "evil.example:3000",
      "0.0.0.0",
      "[::2]:3000",
    ]) {
      assert.equal(isLoopbackHost(host), false, String(host));
    }
  });

  it("refuses a foreign Host at the API with 421, naming it, and writes nothing", async () => {
    const stack = await sharedLocalStack();
    const before = await countEvents();
    const proposal = JSON.stringify({ name: "Rebound", location: { latitude: 50, longitude: -4 } });
    const answer = await send(stack.destinationUrl, "rebind.attacker.example", "POST", proposal);
    assert.equal(answer.status, 421, answer.body);
    assert.match(answer.body, /addressed to \\"rebind\.attacker\.example\\"/);
    assert.equal(await countEvents(), before);
    const allowed = await send(stack.destinationUrl, `localhost:${new URL(stack.apiUrl).port}`, "POST", proposal);
    assert.equal(allowed.status, 201, allowed.body);
  });

  it("refuses a foreign Host at the ops page, and serves the page to loopback", async () => {
    const stack = await sharedLocalStack();
    const ops = startOps(stack, { periodSeconds: 5 });
    try {
      assert.equal((await send(ops.url, "rebind.attacker.example:80")).status, 421);
      const served = await send(ops.url, `127.0.0.1:${new URL(stack.apiUrl).port}`);
      assert.equal(served.status, 200);
      assert.match(served.body, /<html/i);
    } finally {
      ops.close();
    }
  });

  it("refuses a foreign Host at the embedded DynamoDB, while the SDK on loopback still works", async () => {
    const stack = await sharedLocalStack();
    const answer = await send(stack.dynamo.endpoint, "rebind.attacker.example", "POST", "{}");
    assert.equal(answer.status, 421, answer.body);
    const tables = await (await storeClient()).send(new ListTablesCommand({}));
    assert.ok(tables.TableNames?.includes(stack.tableName));
  });
});
