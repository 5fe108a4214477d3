// What the handler records on the invocation's trace, with Powertools Tracer tracing as in
// Lambda: one subsegment for the request, annotated with its outcome (and stream), its status as
// metadata, and the invocation's segment current again when it is done.
import assert from "node:assert/strict";
import AWSXRay from "aws-xray-sdk-core";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { startLocalDynamo, type LocalDynamo } from "../../local/dynamodb/server";
import { lambdaContext } from "../../local/lambda/environment";
import { captureOutput } from "../support/capture";
import { loadHandler, useStore } from "../support/inProcessHandler";

const tableName = "tracing-test-events";

/** The fields of a recorded sub/segment the tests read. */
interface Recorded {
  readonly name: string;
  readonly annotations?: Record<string, unknown>;
  readonly metadata?: Record<string, Record<string, unknown>>;
  readonly subsegments?: Recorded[];
  readonly end_time?: number;
}

describe("the handler's trace", () => {
  const handler = loadHandler(undefined, { traced: true });
  let store: LocalDynamo;
  let restoreEnv: () => void;
  // The handler's client keeps the endpoint of its first call: whenever these tests run again in
  // this process, their store comes back on the port it had.
  let port = 0;
  before(async () => {
    store = await startLocalDynamo({ port, tableName, readCapacity: 5, writeCapacity: 5, capacity: "unlimited" });
    port = store.port;
    restoreEnv = useStore(store.endpoint, tableName);
  });
  after(async () => {
    restoreEnv();
    await store.close();
  });

  const request = (body: string, contentType = "application/json"): APIGatewayProxyEvent =>
    ({
      resource: "/destination",
      path: "/destination",
      httpMethod: "POST",
      headers: { "Content-Type": contentType },
      body,
      isBase64Encoded: false,
      requestContext: { requestId: "api-traced", requestTimeEpoch: 1_795_780_800_000 },
    }) as unknown as APIGatewayProxyEvent;
  const tidePools = JSON.stringify({ name: "Tide pools at Wembury", location: { latitude: 50.317, longitude: -4.083 } });

  const invoke = (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> =>
    handler(event, lambdaContext({ functionName: "visitplannr-test-proposeDestination", memorySize: 256, timeout: 10 }));

  /** Invokes the handler inside an invocation's segment, as Lambda's runtime does. */
  const traced = async (event: APIGatewayProxyEvent) => {
    const root = new AWSXRay.Segment("visitplannr-test-proposeDestination");
    let currentAfter: unknown;
    const { result } = await captureOutput(() =>
      AWSXRay.getNamespace().runPromise(async () => {
        AWSXRay.setSegment(root);
        const answer = await invoke(event);
        currentAfter = AWSXRay.getSegment();
        return answer;
      }),
    );
    const recorded = root as unknown as Recorded;
    return { result, recorded, currentAfter, root };
  };

  // First: a traced invocation's context carries on into the tests after it, as Lambda's
  // facade segment does into every invocation.
  it("answers outside any trace, with no segment to record into", async () => {
    assert.equal(AWSXRay.getNamespace().active, null, "no trace context is active");
    const { result } = await captureOutput(() => invoke(request(tidePools)));
    assert.equal(result.statusCode, 201, result.body);
  });

  it("records an accepted proposal as a subsegment annotated with its outcome and stream, the store call within it", async () => {
    const { result, recorded, currentAfter, root } = await traced(request(tidePools));
    assert.equal(result.statusCode, 201, result.body);
    const streamName = (JSON.parse(result.body) as { streamName: string }).streamName;
    assert.deepEqual(
      (recorded.subsegments ?? []).map((s) => s.name),
      ["## proposeDestination"],
    );
    const [request_] = recorded.subsegments!;
    assert.deepEqual(request_!.annotations, { outcome: "accepted", stream: streamName });
    assert.deepEqual(request_!.metadata, { visitplannr: { "proposeDestination response": { statusCode: 201 } } });
    assert.deepEqual(
      (request_!.subsegments ?? []).map((s) => s.name),
      ["DynamoDB"],
    );
    assert.ok(request_!.end_time !== undefined, "the request's subsegment is closed");
    assert.equal(recorded.annotations, undefined);
    assert.equal(currentAfter, root);
  });

  it("annotates a refusal with its reason and status", async () => {
    const { result, recorded, currentAfter, root } = await traced(request("name=zoo", "text/plain"));
    assert.equal(result.statusCode, 415);
    const [request_] = recorded.subsegments!;
    assert.deepEqual(request_!.annotations, { outcome: "mediaType" });
    assert.deepEqual(request_!.metadata, { visitplannr: { "proposeDestination response": { statusCode: 415 } } });
    assert.equal(currentAfter, root);
  });
});
