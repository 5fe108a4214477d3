// The load test against a local stack with editor authentication on: without credentials
// every request is refused before the function; with the token and API key the load test's
// own local target signs, every request is authorised, and the report keeps the header names
// but never their values. A run that loses its token part of the way sizes from the requests
// that reached the function alone.
import assert from "node:assert/strict";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { htmlReport } from "../../loadtest/html";
import { startLocalTarget, type LocalTarget } from "../../loadtest/localTarget";
import { localSettings } from "../../local/options";
import { defaultMix } from "../../loadtest/proposals";
import { runLoad, type RunOptions } from "../../loadtest/run";
import { summaryText } from "../../loadtest/summary";
import { reportOf } from "../support/loadReport";

/**
 * A loopback proxy to `target` that passes one request in three as sent, sends the next
 * without its token (API Gateway refuses it) and the next with `otherToken` (the function
 * refuses it): a client whose credentials go bad part of the way.
 */
async function credentialMixingProxy(target: string, otherToken: string): Promise<{ readonly url: string; close(): Promise<void> }> {
  let turn = 0;
  const server: Server = createServer((req, res) => {
    const headers = { ...req.headers };
    const which = turn++ % 3;
    if (which === 1) delete headers["authorization"];
    if (which === 2) headers["authorization"] = `Bearer ${otherToken}`;
    const upstream = request(new URL(req.url ?? "/", target), { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${new URL(target).pathname}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe("load test with authentication on", function () {
  this.timeout(60_000);
  let local: LocalTarget;

  before(async () => {
    local = await startLocalTarget(localSettings({ port: "0", "dynamodb-port": "0", capacity: "unlimited" }, {}), true, 600);
  });

  after(async () => {
    await local?.stack.close();
  });

  function options(headers: Readonly<Record<string, string>>): RunOptions {
    return {
      url: local.stack.destinationUrl,
      profile: { kind: "constant", rate: 20 },
      durationSeconds: 1,
      spacing: "even",
      maxInFlight: 16,
      seed: 9,
      mix: { ...defaultMix, invalidShare: 0.2 },
      headers,
      warmupRequests: 2,
    };
  }

  it("signs its own editor token and API key for the stack it starts", function () {
    assert.ok(local.stack.auth, "the stack requires credentials");
    assert.match(local.headers["authorization"] ?? "", /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    assert.equal(local.headers["x-api-key"], local.stack.auth.clients[0]?.key);
  });

  it("is refused without credentials, and never reaches the function", async () => {
    let invocations = 0;
    const stop = local.stack.lambda.onInvocation(() => invocations++);
    try {
      const result = await runLoad(options({}));
      assert.deepEqual(result.statusCodes, { "401": 20 });
      assert.equal(invocations, 0);
    } finally {
      stop();
    }
  });

  it("sizes nothing from a run whose writes never reached the table: it says so and assumes 1 WCU", async () => {
    const run = { ...options({}), store: { dynamo: local.stack.dynamo, tableName: local.stack.tableName } };
    const result = await runLoad(run);
    assert.deepEqual(result.statusCodes, { "401": 20 });
    const report = reportOf("local stack", run, result);
    const r = report.recommendation;
    assert.equal(r.consumedWriteCapacityUnits, 0);
    assert.equal(r.writeUnitsPerRequest, 1);
    assert.equal(r.readUnitsPerRequest, 0);
    assert.ok(
      r.warnings.some((w) => /no write reached the table .*401: 20/.test(w)),
      JSON.stringify(r.warnings),
    );
  });

  it("with the signed credentials, every request is authorised: 201 or 400, no 401 or 403", async () => {
    const run = options(local.headers);
    const result = await runLoad(run);
    const codes = Object.keys(result.statusCodes).sort();
    assert.deepEqual(codes, ["201", "400"], JSON.stringify(result.statusCodes));
    assert.equal(result.statusCodes["201"]! + result.statusCodes["400"]!, 20);
    assert.equal(result.statusCodes["400"], result.byKind.invalid);

    const report = reportOf("local stack", run, result);
    assert.deepEqual(report.run.headers, { authorization: "<redacted>", "x-api-key": "<redacted>" });
    const token = local.headers["authorization"]!.slice("Bearer ".length);
    for (const text of [JSON.stringify(report), htmlReport(report)]) {
      assert.ok(!text.includes(token) && !text.includes(local.headers["x-api-key"]!), "no credential in a report");
    }
    assert.match(htmlReport(report), /authorization, x-api-key \(values redacted\)/);
  });

  it("sizes per request that reached the function: API Gateway's refusals are left out, the function's own 403 is not", async () => {
    const viewer = await local.stack.auth!.issueToken({ username: "sample-viewer", email: "viewer@example.org", groups: [] }, 600);
    const proxy = await credentialMixingProxy(local.stack.destinationUrl, viewer);
    let invocations = 0;
    const stop = local.stack.lambda.onInvocation(() => invocations++);
    try {
      const run = {
        ...options(local.headers),
        url: proxy.url,
        mix: { ...defaultMix, invalidShare: 0 },
        warmupRequests: 0,
        store: { dynamo: local.stack.dynamo, tableName: local.stack.tableName },
      };
      const result = await runLoad(run);
      // 20 requests: 7 as sent, 7 without a token, 6 with a token outside the editors group.
      assert.equal(result.statusCodes["401"], 7, JSON.stringify(result.statusCodes));
      assert.equal(result.statusCodes["403"], 6, JSON.stringify(result.statusCodes));
      assert.equal(result.refusedAtGateway, 7);
      assert.equal(invocations, 13);

      const report = reportOf("url", run, result);
      assert.equal(report.requests.refusedAtGateway, 7);
      const demanded = result.store!.demandedWriteUnits;
      assert.ok(demanded > 0);
      // Units per request divide by the 13 requests the function answered, not the 20 sent.
      assert.equal(report.recommendation.writeUnitsPerRequest, Math.round((demanded / invocations) * 1000) / 1000);
      assert.match(summaryText(report), /^Answers .*\(refused by API Gateway: 7\)$/m);
      assert.match(htmlReport(report), /<td>2xx: \d+, .*\(refused by API Gateway: 7\)<\/td>/);
    } finally {
      stop();
      await proxy.close();
    }
  });
});
