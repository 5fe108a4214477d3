// A --url run cannot see the store, so it prices the items its proposals become. The same
// mix run on the local stack, whose store measures every write, gives the figure to compare.
import assert from "node:assert/strict";
import { startLocalStack, type LocalStack } from "../../local/stack";
import { defaultMix } from "../../loadtest/proposals";
import { runLoad, type RunOptions } from "../../loadtest/run";
import { summaryText } from "../../loadtest/summary";
import { reportOf } from "../support/loadReport";

describe("load test sizing from item sizes", function () {
  this.timeout(90_000);
  let stack: LocalStack;

  before(async () => {
    stack = await startLocalStack({ port: 0, dynamoPort: 0 });
    // Plenty of capacity: nothing throttles, so every write is asked for once.
    stack.dynamo.setCapacity({ writeCapacity: 1000, readCapacity: 1000 });
  });
  after(async () => {
    await stack?.close();
  });

  const options = (): RunOptions => ({
    url: stack.destinationUrl,
    // Slow enough that a busy machine answers every request: a failed one would write nothing.
    profile: { kind: "constant", rate: 5 },
    durationSeconds: 6,
    spacing: "even",
    maxInFlight: 64,
    warmupRequests: 4,
    seed: 11,
    mix: { ...defaultMix, sizes: { small: 5, medium: 3, large: 2 }, retryShare: 0.1, invalidShare: 0.1 },
  });

  it("agrees within 3 % with what the store measures for the same mix, and gives nothing to apply", async () => {
    const measuredOptions: RunOptions = { ...options(), store: { dynamo: stack.dynamo, tableName: stack.tableName } };
    const measured = reportOf("local stack", measuredOptions, await runLoad(measuredOptions));
    assert.equal(measured.recommendation.measuredBy, "local store");
    assert.equal(measured.store!.writeThrottles, 0);
    assert.equal(measured.requests.byStatus.failed + measured.requests.byStatus["5xx"], 0, summaryText(measured));

    const estimatedOptions: RunOptions = { ...options(), estimateItems: true };
    const estimated = reportOf("url", estimatedOptions, await runLoad(estimatedOptions));
    const r = estimated.recommendation;
    assert.equal(r.measuredBy, "item sizes");
    const m = measured.recommendation.writeUnitsPerRequest;
    assert.ok(m > 1, `the mix's large items cost more than 1 WCU each on average, got ${m}`);
    assert.ok(Math.abs(r.writeUnitsPerRequest - m) / m <= 0.03, `estimated ${r.writeUnitsPerRequest}, measured ${m}`);
    assert.equal(estimated.itemEstimate?.requests, 30);

    const text = summaryText(estimated);
    assert.match(text, /capacity estimated from the item sizes of the proposals sent, not measured/);
    assert.doesNotMatch(text, /pulumi config set/);
    assert.match(text, /No settings to apply: /);
    assert.deepEqual(r.pulumiCommands, []);
  });
});
