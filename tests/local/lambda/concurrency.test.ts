// Reserved concurrency on the local Lambda emulation: an invocation past the limit is throttled
// and API Gateway answers it as it answers a Lambda throttle.
import assert from "node:assert/strict";
import type { Interceptor } from "../../../local/dynamodb/front";
import type { InvocationRecord } from "../../../local/lambda/runtime";
import { startLocalStack, type LocalStack } from "../../../local/stack";
import { jsonHeaders, post, proposal } from "../../support/http";
import { settingsWith } from "../../support/logStream";

describe("Lambda emulation: reserved concurrency", () => {
  let stack: LocalStack;
  const invocations: InvocationRecord[] = [];

  before(async () => {
    stack = await startLocalStack({ port: 0, dynamoPort: 0, settings: settingsWith({ reservedConcurrency: 1 }) });
    stack.lambda.onInvocation((record) => invocations.push(record));
  });
  after(() => stack.close());

  it("throttles a second concurrent invocation when one is reserved, and API Gateway answers 500", async () => {
    // The first invocation is held inside its PutItem until the second has been answered.
    let arrived!: () => void;
    const putArrived = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const hold: Interceptor = async (call, next) => {
      if (call.operation === "PutItem") {
        arrived();
        await released;
      }
      return next(call);
    };
    const stop = stack.dynamo.use(hold);
    try {
      const slow = post(stack.destinationUrl, JSON.stringify(proposal({ name: "Slow" })), jsonHeaders);
      await putArrived;
      const throttled = await post(stack.destinationUrl, JSON.stringify(proposal({ name: "Throttled" })), jsonHeaders);
      release();
      assert.equal(throttled.status, 500, throttled.text);
      assert.deepEqual(throttled.json, { message: "Internal server error" });
      assert.equal((await slow).status, 201);
    } finally {
      release();
      stop();
    }
    assert.deepEqual(invocations.map((r) => r.outcome).sort(), ["success", "throttled"]);
    const served = invocations.find((r) => r.outcome === "success")!;
    assert.equal(served.concurrentExecutions, 1);
  });

  it("serves the next invocation once the reserved one is free, warm", async () => {
    const reply = await post(stack.destinationUrl, JSON.stringify(proposal()), jsonHeaders);
    assert.equal(reply.status, 201, reply.text);
    assert.equal(invocations.at(-1)!.outcome, "success");
    assert.equal(invocations.at(-1)!.coldStart, false);
  });

  it("throttles every invocation when no concurrency is reserved at all (0)", async () => {
    const closed = await startLocalStack({ port: 0, dynamoPort: 0, settings: settingsWith({ reservedConcurrency: 0 }) });
    try {
      const reply = await post(closed.destinationUrl, JSON.stringify(proposal()), jsonHeaders);
      assert.equal(reply.status, 500);
      assert.equal(closed.lambda.environments, 0);
    } finally {
      await closed.close();
    }
  });
});
