import assert from "node:assert/strict";
import { burstSeconds } from "../../../aws/dynamodb/throughput";
import { TokenBucket } from "../../../local/dynamodb/tokenBucket";

describe("token bucket", () => {
  let now: number;
  const clock = () => now;
  beforeEach(() => {
    now = 0;
  });

  it("starts with one second of capacity and refuses past it, taking nothing", () => {
    const bucket = new TokenBucket(5, clock);
    for (let i = 0; i < 5; i++) assert.equal(bucket.tryTake(1), true);
    assert.equal(bucket.tryTake(1), false);
    assert.equal(bucket.available(), 0);
  });

  it("refuses a capacity that is not positive, naming it", () => {
    for (const capacity of [0, -1, Number.NaN]) {
      assert.throws(() => new TokenBucket(capacity, clock), { name: "RangeError", message: `capacity must be positive, got ${capacity}` });
    }
    assert.equal(new TokenBucket(0.5, clock).available(), 0.5);
  });

  it("refills at the provisioned rate", () => {
    const bucket = new TokenBucket(5, clock);
    assert.equal(bucket.tryTake(5), true);
    now += 200;
    assert.equal(bucket.available(), 1);
    now += 800;
    assert.equal(bucket.tryTake(5), true);
  });

  it("keeps up to 300 seconds of unused capacity as burst credit, and no more", () => {
    const bucket = new TokenBucket(5, clock);
    now += 120_000;
    assert.equal(bucket.available(), 5 + 120 * 5);
    now += 1_000_000;
    assert.equal(bucket.available(), burstSeconds * 5);
    assert.equal(bucket.limit, 1500);
  });

  it("carries a cost above the reservation as debt that later refills repay", () => {
    const bucket = new TokenBucket(2, clock);
    assert.equal(bucket.tryTake(1), true);
    bucket.adjust(3); // the call turned out to cost 4
    assert.equal(bucket.available(), -2);
    now += 1000;
    assert.equal(bucket.tryTake(1), false);
    now += 1000;
    assert.equal(bucket.tryTake(1), true);
  });

  it("gives back what a call reserved but did not use", () => {
    const bucket = new TokenBucket(1, clock);
    assert.equal(bucket.tryTake(1), true);
    bucket.adjust(-0.5);
    assert.equal(bucket.available(), 0.5);
  });
});
