// POST /destination answered by the handler in this process, as Lambda invokes it, writing to a
// real embedded DynamoDB: every answer docs/api.md documents, the event it stores, and what it
// logs and measures on the way.
import assert from "node:assert/strict";
import { createHash, randomUUID } from "node:crypto";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { read } from "../../handlers/eventStore/eventStore";
import { fault } from "../../local/dynamodb/faults";
import { localDynamoClient, startLocalDynamo, type LocalDynamo } from "../../local/dynamodb/server";
import { withInput } from "../../local/dynamodb/wire";
import { lambdaContext } from "../../local/lambda/environment";
import { captureOutput } from "../support/capture";
import { loadHandler, useStore, type Handler } from "../support/inProcessHandler";
import { countItems } from "../support/localStack";

const tableName = "handler-test-events";
const pageOrigin = "https://editor.example.com";
const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const uuidV5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Answer {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: Record<string, unknown>;
  /** The structured log lines and EMF metrics the invocation wrote. */
  readonly records: readonly Record<string, unknown>[];
  /** All it wrote to stdout and stderr. */
  readonly text: string;
}

describe("the handler in process on an embedded DynamoDB", () => {
  const handler = loadHandler(pageOrigin);
  const unlisted = loadHandler(undefined);
  let store: LocalDynamo;
  let client: DynamoDBClient;
  let restoreEnv: () => void;
  // The handler's client keeps the endpoint of its first call: whenever these tests run again in
  // this process, their store comes back on the port it had.
  let port = 0;
  before(async () => {
    store = await startLocalDynamo({ port, tableName, readCapacity: 5, writeCapacity: 5, capacity: "unlimited" });
    port = store.port;
    client = localDynamoClient(store.endpoint);
    restoreEnv = useStore(store.endpoint, tableName);
  });
  after(async () => {
    restoreEnv();
    client.destroy();
    await store.close();
  });

  const tidePools = () => ({ name: "Tide pools at Wembury", location: { latitude: 50.317, longitude: -4.083 } });

  /** A REST proxy event as API Gateway builds it for POST /destination with a JSON body. */
  const request = (overrides: Partial<APIGatewayProxyEvent> = {}, headers: Record<string, string> = {}): APIGatewayProxyEvent =>
    ({
      resource: "/destination",
      path: "/destination",
      httpMethod: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      multiValueHeaders: {},
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: null,
      stageVariables: null,
      body: JSON.stringify(tidePools()),
      isBase64Encoded: false,
      requestContext: { requestId: `api-${randomUUID()}`, requestTimeEpoch: 1_795_780_800_000, stage: "v1" },
      ...overrides,
    }) as APIGatewayProxyEvent;

  const invoke = async (event: APIGatewayProxyEvent | null, awsRequestId = `lambda-${randomUUID()}`, loaded = handler): Promise<Answer> => {
    const context = lambdaContext(
      { functionName: "visitplannr-test-proposeDestination", memorySize: 256, timeout: 10 },
      { requestId: awsRequestId, deadline: Date.now() + 10_000, logStream: "test" },
    );
    const { result, records, text } = await captureOutput(() => loaded(event as APIGatewayProxyEvent, context));
    return {
      status: result.statusCode,
      headers: result.headers ?? {},
      body: JSON.parse(result.body) as Record<string, unknown>,
      records,
      text,
    };
  };

  const logged = (answer: Answer, message: string) => answer.records.filter((r) => r["message"] === message);
  const metric = (answer: Answer, name: string) => answer.records.filter((r) => name in r);
  const events = () => countItems(client, tableName);
  const correlationOf = (event: APIGatewayProxyEvent) => event.requestContext.requestId;

  /** The RFC 9457 body of a refusal, its status and its reason metric; nothing written. */
  const assertRefused = async (
    event: APIGatewayProxyEvent,
    status: number,
    reason: string,
    title: string,
    detail: string,
    loaded: Handler = handler,
  ) => {
    const before = await events();
    const answer = await invoke(event, undefined, loaded);
    assert.equal(answer.status, status, JSON.stringify(answer.body));
    assert.equal(answer.headers["Content-Type"], "application/problem+json");
    assert.deepEqual(
      { ...answer.body, errors: undefined },
      { type: `/problems/${reason}`, title, status, detail, instance: event.path, correlationId: correlationOf(event), errors: undefined },
    );
    const rejected = metric(answer, "ProposalsRejected");
    assert.equal(rejected.length, 1);
    assert.equal(rejected[0]!["reason"], reason);
    assert.equal(rejected[0]!["ProposalsRejected"], 1);
    assert.equal(await events(), before);
    // A refusal's metric is published as it is counted: nothing is left to publish, nor any warning that nothing is.
    assert.doesNotMatch(answer.text, /No application metrics/);
    // Refusals are logged at INFO; the 5xx ones as errors, with their cause, instead.
    assert.equal(logged(answer, "proposal rejected").length, status < 500 ? 1 : 0);
    return answer;
  };

  it("answers 201 with the new destination's Location and id, and stores event 0 of its stream", async () => {
    const event = request();
    const answer = await invoke(event);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    const id = String(answer.body["destinationId"]);
    assert.match(id, uuidV4);
    assert.deepEqual(answer.body, { destinationId: id, streamName: `destination-${id}`, eventNumber: 0 });
    assert.equal(answer.headers["Location"], `/destination/${id}`);
    assert.equal(answer.headers["Content-Type"], "application/json");
    assert.equal(answer.headers["Idempotent-Replayed"], undefined);

    const stored = await read(client, tableName, `destination-${id}`);
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.type, "DestinationProposed");
    assert.deepEqual(stored[0]!.data, tidePools());
    // Without a key or a signed-in editor (the API without authorisation) the metadata holds neither.
    assert.deepEqual(stored[0]!.metadata, { correlationId: correlationOf(event), receivedAt: "2026-11-27T12:00:00.000Z" });

    assert.equal(logged(answer, "destination proposed").length, 1);
    assert.equal(logged(answer, "destination proposed")[0]!["name"], "Tide pools at Wembury");
    assert.equal(logged(answer, "destination proposed")[0]!["destination_id"], id);
    assert.equal(logged(answer, "destination proposed")[0]!["correlation_id"], correlationOf(event));
    assert.equal(metric(answer, "ProposalsAccepted")[0]!["ProposalsAccepted"], 1);
    assert.equal(metric(answer, "ConsumedWriteCapacity")[0]!["ConsumedWriteCapacity"], 1);
    assert.deepEqual(metric(answer, "ProposalsRejected"), []);
    assert.deepEqual(metric(answer, "IdempotentReplays"), []);
  });

  it("stores the editor by sub alone, the idempotency key and the proposal's fingerprint", async () => {
    const sub = randomUUID();
    const claims = { sub, "cognito:groups": "editors", "cognito:username": "ada", email: "ada@example.org" };
    const event = request(
      { requestContext: { requestId: "api-editor-1", requestTimeEpoch: 1_795_780_800_123, authorizer: { claims } } as never },
      {
        "Idempotency-Key": "editor-42-2026-11-27-001",
      },
    );
    const answer = await invoke(event);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    const id = String(answer.body["destinationId"]);
    assert.match(id, uuidV5);
    const [stored] = await read(client, tableName, `destination-${id}`);
    const canonical = '{"location":{"latitude":50.317,"longitude":-4.083},"name":"Tide pools at Wembury"}';
    assert.deepEqual(stored!.metadata, {
      correlationId: "api-editor-1",
      receivedAt: "2026-11-27T12:00:00.123Z",
      idempotencyKey: "editor-42-2026-11-27-001",
      editor: { sub },
      fingerprint: createHash("sha256").update(canonical).digest("base64url"),
    });
    assert.equal(logged(answer, "destination proposed")[0]!["idempotency_key"], "editor-42-2026-11-27-001");

    // The same key without an editor is another destination: each editor's keys are their own.
    const anonymous = await invoke(request({}, { "Idempotency-Key": "editor-42-2026-11-27-001" }));
    assert.equal(anonymous.status, 201);
    assert.notEqual(anonymous.body["destinationId"], id);
    assert.equal(anonymous.headers["Idempotent-Replayed"], undefined);
  });

  it("dates an event without requestTimeEpoch by the time it is handled", async () => {
    const before = Date.now();
    const answer = await invoke(request({ requestContext: { requestId: "api-no-epoch" } as never }));
    const after = Date.now();
    assert.equal(answer.status, 201);
    const [stored] = await read(client, tableName, String(answer.body["streamName"]));
    const receivedAt = Date.parse(String(stored!.metadata["receivedAt"]));
    assert.ok(receivedAt >= before && receivedAt <= after, String(stored!.metadata["receivedAt"]));
  });

  it("answers a retry with the same Idempotency-Key and body as the first, replayed, and writes nothing", async () => {
    const key = `retry-${randomUUID()}`;
    const first = await invoke(request({}, { "Idempotency-Key": key }));
    assert.equal(first.status, 201);
    const before = await events();
    const retry = await invoke(request({}, { "Idempotency-Key": key }));
    assert.equal(retry.status, 201, JSON.stringify(retry.body));
    assert.deepEqual(retry.body, first.body);
    assert.equal(retry.headers["Location"], `/destination/${String(first.body["destinationId"])}`);
    assert.equal(retry.headers["Idempotent-Replayed"], "true");
    assert.equal(retry.headers["Content-Type"], "application/json");
    assert.equal(await events(), before);
    assert.equal(logged(retry, "idempotent replay").length, 1);
    assert.equal(logged(retry, "idempotent replay")[0]!["name"], "Tide pools at Wembury");
    assert.equal(logged(retry, "idempotent replay")[0]!["destination_id"], first.body["destinationId"]);
    assert.deepEqual(logged(retry, "destination proposed"), []);
    assert.equal(metric(retry, "IdempotentReplays")[0]!["IdempotentReplays"], 1);
    assert.deepEqual(metric(retry, "ProposalsAccepted"), []);
    assert.deepEqual(metric(retry, "ProposalsRejected"), []);
  });

  it("answers 409 to a reused Idempotency-Key with a different body", async () => {
    const key = `reused-${randomUUID()}`;
    assert.equal((await invoke(request({}, { "Idempotency-Key": key }))).status, 201);
    const other = request({ body: JSON.stringify({ ...tidePools(), name: "Wembury beach" }) }, { "Idempotency-Key": key });
    const answer = await assertRefused(
      other,
      409,
      "conflict",
      "Conflict",
      "this Idempotency-Key was already used with a different proposal; use a new key",
    );
    assert.equal(metric(answer, "EventStoreConflicts")[0]!["EventStoreConflicts"], 1);
    assert.equal(logged(answer, "proposal rejected")[0]!["reason"], "conflict");
    assert.equal(logged(answer, "proposal rejected")[0]!["status"], 409);
  });

  it("answers 409 when another writer took the new stream first", async () => {
    // A writer racing this request puts its own event at the stream's position 0 just before it.
    let streamName = "";
    const remove = store.use(async (call, next) => {
      if (call.operation !== "PutItem" || !call.input) return next(call);
      const item = call.input["Item"] as Record<string, { S?: string }>;
      streamName = item["StreamName"]!.S!;
      await next(withInput(call, { ...call.input, Item: { ...item, EventId: { S: randomUUID() } } }));
      return next(call);
    });
    let answer: Answer;
    try {
      answer = await invoke(request());
    } finally {
      remove();
    }
    assert.equal(answer.status, 409, JSON.stringify(answer.body));
    assert.match(streamName, /^destination-/);
    assert.equal(answer.body["detail"], `stream ${streamName} already exists`);
    assert.equal(answer.body["type"], "/problems/conflict");
    assert.equal(metric(answer, "EventStoreConflicts")[0]!["EventStoreConflicts"], 1);
    assert.equal((await read(client, tableName, streamName)).length, 1);
  });

  it("answers 405 with Allow: POST to any other method", async () => {
    const answer = await assertRefused(
      request({ httpMethod: "GET" }),
      405,
      "method",
      "Method not allowed",
      "GET is not supported here; use POST",
    );
    assert.equal(answer.headers["Allow"], "POST");
    await assertRefused(request({ httpMethod: "" }), 405, "method", "Method not allowed", "(none) is not supported here; use POST");
    await assertRefused(request({ httpMethod: undefined }), 405, "method", "Method not allowed", "(none) is not supported here; use POST");
  });

  it("answers 404 for any other resource, naming the path", async () => {
    await assertRefused(
      request({ resource: "/destinations", path: "/destinations" }),
      404,
      "notFound",
      "Not found",
      "no resource at /destinations",
    );
    // Without a resource the path decides.
    await assertRefused(request({ resource: undefined, path: "/other" }), 404, "notFound", "Not found", "no resource at /other");
    const routed = await invoke(request({ resource: undefined }));
    assert.equal(routed.status, 201);
  });

  it("answers an event with no path, and no event at all, as the function's one resource", async () => {
    const answer = await invoke(request({ resource: "/destinations", path: undefined }));
    assert.equal(answer.status, 404);
    assert.equal(answer.body["instance"], "/destination");
    assert.equal(answer.body["detail"], "no resource at /destination");
    // Without a request id the correlation id is the invocation's.
    const none = await invoke(null, "lambda-null-event");
    assert.equal(none.status, 404);
    assert.equal(none.body["correlationId"], "lambda-null-event");
    assert.equal(none.body["instance"], "/destination");
    const noContext = await invoke({ ...request(), requestContext: undefined } as never, "lambda-no-request-context");
    assert.equal(noContext.status, 201);
    const [stored] = await read(client, tableName, String(noContext.body["streamName"]));
    assert.equal(stored!.metadata["correlationId"], "lambda-no-request-context");
  });

  it("answers 403 to a signed-in user outside the editors group", async () => {
    const claims = { sub: randomUUID(), "cognito:groups": "readers" };
    await assertRefused(
      request({ requestContext: { requestId: "api-reader", authorizer: { claims } } as never }),
      403,
      "forbidden",
      "Forbidden",
      "only members of the editors group may propose destinations",
    );
  });

  it("answers 415 to a body that is not JSON, with Accept-Post", async () => {
    const answer = await assertRefused(
      request({ body: "name=zoo" }, { "Content-Type": "application/x-www-form-urlencoded" }),
      415,
      "mediaType",
      "Unsupported media type",
      "application/x-www-form-urlencoded is not supported; send application/json",
    );
    assert.equal(answer.headers["Accept-Post"], "application/json");
  });

  it("answers 413 to a body over 64 KiB", async () => {
    const body = JSON.stringify({ ...tidePools(), description: "a".repeat(70_000) });
    await assertRefused(
      request({ body }),
      413,
      "tooLarge",
      "Request body too large",
      `the body is ${Buffer.byteLength(body)} bytes; the limit is 65536 bytes`,
    );
  });

  it("answers 400 to malformed JSON and to an invalid Idempotency-Key", async () => {
    const malformed = await assertRefused(
      request({ body: "{oops" }),
      400,
      "malformed",
      "Malformed request body",
      `the body is not valid JSON: ${jsonError("{oops")}`,
    );
    assert.equal(logged(malformed, "proposal rejected")[0]!["reason"], "malformed");
    const key = await assertRefused(
      request({}, { "Idempotency-Key": "é" }),
      400,
      "validation",
      "Invalid Idempotency-Key header",
      "Idempotency-Key must be 1-100 printable ASCII characters",
    );
    assert.deepEqual(key.body["errors"], [{ field: "Idempotency-Key", message: "must be 1-100 printable ASCII characters" }]);
  });

  it("answers 400 listing every field that failed validation", async () => {
    const answer = await assertRefused(
      request({ body: JSON.stringify({ name: "", location: { latitude: 91 }, colour: "red" }) }),
      400,
      "validation",
      "Invalid destination proposal",
      "4 fields failed validation",
    );
    assert.deepEqual(answer.body["errors"], [
      { field: "name", message: "must not be empty" },
      { field: "location.latitude", message: "must be from -90 to 90" },
      { field: "location.longitude", message: "is required" },
      { field: "colour", message: "is not a known field (expected name, location, description, website, tags)" },
    ]);
  });

  it("answers 503 with Retry-After when the store keeps failing, logs the error and writes nothing", async () => {
    // A handler of its own: the SDK stops retrying once a client's retry quota is spent, and the
    // quota of the shared handler's client shrinks each time this test runs again in one process.
    const fresh = loadHandler(pageOrigin);
    const injected = fault("serverError");
    const remove = store.use(injected.interceptor);
    let answer: Answer;
    const event = request({}, { Origin: pageOrigin });
    try {
      answer = await assertRefused(
        event,
        503,
        "unavailable",
        "Service unavailable",
        "the event store is throttling or unavailable; retry after the given delay with the same Idempotency-Key",
        fresh,
      );
    } finally {
      remove();
    }
    // The SDK's three attempts, each met by the fault.
    assert.equal(injected.injected, 3);
    assert.equal(answer.headers["Retry-After"], "1");
    // The origins this instance was loaded with hold for its refusals too.
    assert.equal(answer.headers["Access-Control-Allow-Origin"], pageOrigin);
    const errors = answer.records.filter((r) => r["level"] === "ERROR");
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!["message"], "event store unavailable");
    assert.equal((errors[0]!["error"] as Record<string, unknown>)["name"], "InternalServerError");
    assert.equal(errors[0]!["correlation_id"], correlationOf(event));
    assert.deepEqual(logged(answer, "proposal rejected"), []);
  });

  it("gives up on an attempt the store has not answered in 2 s and tries again", async () => {
    const fresh = loadHandler(pageOrigin);
    // The first write is answered after 2.2 s (and applied then); the retry is answered at once.
    const slow = fault("slow", { delayMs: 2_200, times: 1 });
    let writes = 0;
    const removeCount = store.use(async (call, next) => {
      if (call.operation === "PutItem") writes += 1;
      return next(call);
    });
    const removeSlow = store.use(slow.interceptor);
    let answer: Answer;
    try {
      answer = await invoke(request(), undefined, fresh);
      await slow.firstOutcome;
    } finally {
      removeSlow();
      removeCount();
    }
    assert.equal(slow.injected, 1);
    assert.equal(writes, 2, "a second attempt after the first timed out");
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
  });

  it("answers 500 without internals when the store refuses for another reason", async () => {
    // A table the store does not hold: DynamoDB's ResourceNotFoundException, no retry worth it.
    process.env["EVENTS_TABLE"] = "no-such-table";
    let answer: Answer;
    try {
      answer = await assertRefused(
        request(),
        500,
        "internal",
        "Internal server error",
        "an unexpected error occurred; quote the correlation id when reporting it",
      );
    } finally {
      process.env["EVENTS_TABLE"] = tableName;
    }
    const errors = answer.records.filter((r) => r["level"] === "ERROR");
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!["message"], "unexpected failure");
    assert.equal((errors[0]!["error"] as Record<string, unknown>)["name"], "ResourceNotFoundException");
    assert.doesNotMatch(JSON.stringify(answer.body), /no-such-table|ResourceNotFound/);
  });

  it("answers 500 and logs why when the events table variable is not set", async () => {
    const table = process.env["EVENTS_TABLE"];
    delete process.env["EVENTS_TABLE"];
    let answer: Answer;
    try {
      answer = await assertRefused(
        request(),
        500,
        "internal",
        "Internal server error",
        "an unexpected error occurred; quote the correlation id when reporting it",
      );
    } finally {
      process.env["EVENTS_TABLE"] = table;
    }
    const errors = answer.records.filter((r) => r["level"] === "ERROR");
    assert.equal(errors.length, 1);
    assert.equal((errors[0]!["error"] as Record<string, unknown>)["message"], "EVENTS_TABLE is not set");
  });

  it("lets a listed origin read the answer, and no other", async () => {
    const listed = await invoke(request({}, { Origin: pageOrigin }));
    assert.equal(listed.status, 201);
    assert.equal(listed.headers["Access-Control-Allow-Origin"], pageOrigin);
    assert.equal(listed.headers["Vary"], "Origin");
    assert.equal(listed.headers["Location"], `/destination/${String(listed.body["destinationId"])}`);
    const refused = await invoke(request({ body: "{oops" }, { Origin: pageOrigin }));
    assert.equal(refused.headers["Access-Control-Allow-Origin"], pageOrigin);
    assert.equal(refused.headers["Content-Type"], "application/problem+json");
    const other = await invoke(request({}, { Origin: "https://elsewhere.example.com" }));
    assert.equal(other.headers["Access-Control-Allow-Origin"], undefined);
    assert.equal(other.headers["Vary"], "Origin");
  });

  it("answers without CORS headers when no origin is listed", async () => {
    const answer = await invoke(request({}, { Origin: pageOrigin }), undefined, unlisted);
    assert.equal(answer.status, 201);
    assert.deepEqual(Object.keys(answer.headers).sort(), ["Content-Type", "Location"]);
  });

  it("logs an unexpected error as it is when mapping its stack fails", async () => {
    // An error whose stack cannot be read at first (its getter fails once): mapping it fails.
    const sealed = new Error("a read-only stack");
    const stack = "Error: a read-only stack\n    at decide (/var/task/index.js:1:100)";
    let reads = 0;
    Object.defineProperty(sealed, "stack", {
      get: () => {
        reads += 1;
        if (reads === 1) throw new Error("no stack yet");
        return stack;
      },
    });
    const event = request();
    Object.defineProperty(event, "body", {
      get: () => {
        throw sealed;
      },
    });
    const answer = await invoke(event);
    assert.equal(answer.status, 500);
    const errors = answer.records.filter((r) => r["level"] === "ERROR");
    assert.equal(errors.length, 1);
    assert.equal((errors[0]!["error"] as Record<string, unknown>)["message"], "a read-only stack");
    assert.equal((errors[0]!["error"] as Record<string, unknown>)["stack"], stack);
  });

  it("forgets one request's log keys before the next", async () => {
    const keyed = await invoke(request({}, { "Idempotency-Key": `keys-${randomUUID()}` }));
    assert.equal(keyed.status, 201);
    const next = await invoke(request({ body: "{oops" }));
    const [line] = logged(next, "proposal rejected");
    assert.equal(line!["idempotency_key"], undefined);
    assert.equal(line!["destination_id"], undefined);
  });
});

/** What JSON.parse says of `text`. */
function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (err) {
    return (err as Error).message;
  }
  return "";
}
