// A short run on a local stack of its own at 2 WCU (well under the load, so throttling outlasts
// the SDK's retries however fast this machine is): the report's consumed units are
// what the store reported call by call, the calculator agrees, the store throttles and the API
// answers 503; the recommended capacity, applied, runs the same load with no throttles.
import assert from "node:assert/strict";
import type { RequestObservation } from "../../local/dynamodb/front";
import { startLocalStack, type LocalStack } from "../../local/stack";
import { defaultMix } from "../../loadtest/proposals";
import type { Report } from "../../loadtest/report";
import { runLoad, type RunOptions } from "../../loadtest/run";
import { htmlReport } from "../../loadtest/html";
import { summaryText } from "../../loadtest/summary";
import { reportOf } from "../support/loadReport";

describe("load test on the local stack", function () {
  this.timeout(90_000);
  let stack: LocalStack;
  let observations: RequestObservation[];

  before(async () => {
    stack = await startLocalStack({ port: 0, dynamoPort: 0 });
    stack.dynamo.onRequest((o) => observations.push(o));
  });

  after(async () => {
    await stack?.close();
  });

  async function run(): Promise<Report> {
    observations = [];
    const options: RunOptions = {
      url: stack.destinationUrl,
      profile: { kind: "constant", rate: 20 },
      durationSeconds: 2,
      spacing: "even",
      maxInFlight: 64,
      seed: 5,
      mix: { ...defaultMix, sizes: { small: 6, medium: 3, large: 1 }, invalidShare: 0.1 },
      store: { dynamo: stack.dynamo, tableName: stack.tableName },
      lambda: stack.lambda,
    };
    return reportOf("local stack", options, await runLoad(options));
  }

  const reportedByStore = (): number =>
    observations.filter((o) => o.tableName === stack.tableName).reduce((sum, o) => sum + o.consumedWriteUnits, 0);
  const throttledByStore = (): number => observations.filter((o) => o.throttled !== undefined).length;

  it("at 2 WCU, 20 proposals/s throttle; the recommendation, applied, runs clean", async () => {
    stack.dynamo.setCapacity({ writeCapacity: 2, readCapacity: 5 });
    const first = await run();
    const r = first.recommendation;
    assert.equal(first.requests.planned, 40);
    assert.ok(reportedByStore() > 0);
    assert.equal(r.consumedWriteCapacityUnits, reportedByStore());
    // Writes the store refused were asked for all the same: sizing counts them.
    assert.ok(first.store!.demandedWriteUnits > reportedByStore());
    assert.equal(r.throttledRequests, throttledByStore());
    assert.equal(r.throttledCounts, "store calls");
    assert.ok(r.throttledRequests > 0, "2 WCU must throttle 20 proposals/s");
    assert.ok(first.requests.byStatus["503"] > 0, "throttling that outlasts the SDK's retries is a 503");
    assert.ok(first.store!.sdkRetries > 0);
    assert.ok(r.writeCapacityUnits > 2);
    // The summary and the HTML report say where the units per request came from.
    assert.match(summaryText(first), /target utilisation \(capacity measured by the local store\)/);
    const html = htmlReport(first);
    assert.match(html, /capacity measured by the local store/);
    // The sizing's basis, and what was asked for drawn with what was consumed.
    assert.match(html, new RegExp(`<th>write units asked for</th><td>${first.store!.demandedWriteUnits} WCU `));
    assert.match(html, new RegExp(`<th>SDK retries</th><td>${first.store!.sdkRetries}</td>`));
    assert.match(html, /<figcaption>Write capacity: asked for, consumed, enforced, recommended<\/figcaption>/);
    assert.match(html, /WCU asked for \(first attempts\)/);

    stack.dynamo.setCapacity({ writeCapacity: r.writeCapacityUnits, readCapacity: r.readCapacityUnits });
    const second = await run();
    assert.equal(throttledByStore(), 0);
    assert.equal(second.recommendation.throttledRequests, 0);
    assert.equal(second.requests.byStatus["503"], 0);
    assert.equal(second.requests.byStatus["2xx"] + second.requests.byStatus["4xx"], 40);
    assert.equal(second.recommendation.consumedWriteCapacityUnits, reportedByStore());
  });
});
