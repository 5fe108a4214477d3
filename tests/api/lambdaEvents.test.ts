// Events the HTTP adapter never produces but API Gateway and its console do, sent straight to
// the handler that the local stack runs.
import assert from "node:assert/strict";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { lambdaContext } from "../../local/lambda/environment";
import { countEvents, sharedLocalStack } from "../support/localStack";
import { jsonHeaders, post, proposal } from "../support/http";

type Handler = (event: APIGatewayProxyEvent, context: ReturnType<typeof lambdaContext>) => Promise<APIGatewayProxyResult>;

describe("the handler with API Gateway events", () => {
  let handler: Handler;
  let context: ReturnType<typeof lambdaContext>;
  before(async () => {
    const stack = await sharedLocalStack();
    context = lambdaContext({ functionName: stack.functionName, memorySize: stack.settings.memorySize, timeout: stack.settings.timeout });
    ({ handler } = await import("../../handlers/proposeDestination.js"));
  });

  const event = (overrides: Partial<APIGatewayProxyEvent>): APIGatewayProxyEvent =>
    ({
      resource: "/destination",
      path: "/destination",
      httpMethod: "POST",
      headers: { "Content-Type": "application/json" },
      multiValueHeaders: {},
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: null,
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
      requestContext: { requestId: "test-invoke-request", stage: "test-invoke-stage" },
      ...overrides,
    }) as APIGatewayProxyEvent;

  it("answers the console's test event (headers and body null) with a problem, not a crash", async () => {
    const before = await countEvents();
    const result = await handler(event({ headers: null as unknown as APIGatewayProxyEvent["headers"], body: null }), context);
    assert.equal(result.statusCode, 415);
    assert.equal(result.headers?.["Content-Type"], "application/problem+json");
    assert.equal(JSON.parse(result.body).correlationId, "test-invoke-request");
    const noBody = await handler(event({ body: null }), context);
    assert.equal(noBody.statusCode, 400);
    assert.equal(await countEvents(), before);
  });

  it("decodes a base64-encoded body before parsing it", async () => {
    const body = Buffer.from(JSON.stringify(proposal({ name: "Café de la Plage ☕" }))).toString("base64");
    const result = await handler(event({ body, isBase64Encoded: true }), context);
    assert.equal(result.statusCode, 201, result.body);
  });

  it("answers 400, not 500, for a base64 body that is not UTF-8", async () => {
    const result = await handler(event({ body: Buffer.from([0xff, 0xfe, 0x7b]).toString("base64"), isBase64Encoded: true }), context);
    assert.equal(result.statusCode, 400);
    assert.match(JSON.parse(result.body).detail, /UTF-8/);
  });

  it("answers 503 with Retry-After when the table throttles past the SDK's retries, writing nothing partial", async () => {
    const stack = await sharedLocalStack();
    // Each execution environment has its own SDK client retrying for several seconds, in which
    // 1 WCU admits several writes: more concurrent writes than that must see a 503.
    const send = () => Promise.all(Array.from({ length: 12 }, () => post(stack.destinationUrl, JSON.stringify(proposal()), jsonHeaders)));
    // As many requests first, at full capacity, so as many warm environments exist: cold starts
    // would spread the throttled writes out over time.
    await send();
    const previous = stack.dynamo.capacity;
    stack.dynamo.setCapacity({ readCapacity: 10_000, writeCapacity: 1 });
    try {
      const before = await countEvents();
      const replies = await send();
      const statuses = replies.map((r) => r.status);
      const throttled = replies.filter((r) => r.status === 503);
      assert.ok(throttled.length > 0, `expected a 503 among ${statuses.join(",")}`);
      assert.ok(
        statuses.every((s) => s === 201 || s === 503),
        statuses.join(","),
      );
      for (const reply of throttled) {
        assert.equal(reply.headers.get("retry-after"), "1");
        assert.equal(reply.headers.get("content-type"), "application/problem+json");
      }
      assert.equal(await countEvents(), before + statuses.filter((s) => s === 201).length);
    } finally {
      stack.dynamo.setCapacity(previous);
    }
  });
});
