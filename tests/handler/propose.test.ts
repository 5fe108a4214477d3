// Deciding on a proposal against a real embedded DynamoDB: a new stream at event 0, a keyed
// retry meeting its own first write, a key reused for another proposal, a stream another writer
// took, and a write whose answer was lost.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { read } from "../../handlers/eventStore/eventStore";
import { propose, type RequestMetadata } from "../../handlers/proposal/propose";
import type { Proposal } from "../../handlers/proposal/schema";
import { fault } from "../../local/dynamodb/faults";
import type { Interceptor } from "../../local/dynamodb/front";
import { localDynamoClient, startLocalDynamo, type LocalDynamo } from "../../local/dynamodb/server";
import { errorType, jsonResponse, responseInput, withBody, withInput, type JsonObject } from "../../local/dynamodb/wire";

const tableName = "propose-test-events";
const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const uuidV5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Item = Record<string, { S?: string; N?: string }>;

describe("proposing a destination on an embedded DynamoDB", () => {
  let store: LocalDynamo;
  let client: DynamoDBClient;
  before(async () => {
    store = await startLocalDynamo({ port: 0, tableName, readCapacity: 5, writeCapacity: 5, capacity: "unlimited" });
    client = localDynamoClient(store.endpoint);
  });
  after(async () => {
    client.destroy();
    await store.close();
  });

  const tidePools = (): Proposal => ({ name: "Tide pools at Wembury", location: { latitude: 50.317, longitude: -4.083 } });
  const meta = (more: Partial<RequestMetadata> = {}): RequestMetadata => ({
    correlationId: "corr-1",
    receivedAt: "2026-11-27T12:00:00.000Z",
    ...more,
  });
  const eventStore = () => ({ client, tableName });

  /** Runs `run` with `interceptor` in front of the store. */
  const intercepted = async <T>(interceptor: Interceptor, run: () => Promise<T>): Promise<T> => {
    const remove = store.use(interceptor);
    try {
      return await run();
    } finally {
      remove();
    }
  };

  /** Another writer putting `change(item)` at the position a PutItem is about to take, just before it. */
  const racingWriter =
    (change: (item: Item) => Item): Interceptor =>
    async (call, next) => {
      if (call.operation !== "PutItem" || !call.input) return next(call);
      const item = call.input["Item"] as Item;
      await next(withInput(call, { ...call.input, Item: change({ ...item, EventId: { S: randomUUID() } }) }));
      return next(call);
    };

  const metadataOf = (item: Item) => JSON.parse(item["Metadata"]!.S!) as Record<string, unknown>;
  const withMetadata = (item: Item, metadata: Record<string, unknown>): Item => ({ ...item, Metadata: { S: JSON.stringify(metadata) } });

  it("accepts a new proposal as event 0 of a new stream, with the write capacity it consumed", async () => {
    const outcome = await propose(eventStore(), tidePools(), meta());
    assert.equal(outcome.kind, "accepted");
    const id = outcome.kind === "accepted" ? outcome.destinationId : "";
    assert.match(id, uuidV4);
    assert.deepEqual(outcome, {
      kind: "accepted",
      destinationId: id,
      streamName: `destination-${id}`,
      eventNumber: 0,
      consumedWriteCapacity: 1,
    });
    const events = await read(client, tableName, `destination-${id}`);
    assert.equal(events.length, 1);
    assert.equal(events[0]!.type, "DestinationProposed");
    assert.deepEqual(events[0]!.data, tidePools());
    assert.deepEqual(events[0]!.metadata, { correlationId: "corr-1", receivedAt: "2026-11-27T12:00:00.000Z" });
  });

  it("stores only the metadata fields it declares: the editor by sub, the key and the fingerprint", async () => {
    const editor = { sub: "sub-ada", email: "ada@example.org", username: "ada" } as RequestMetadata["editor"];
    const extra = { ...meta({ idempotencyKey: `meta-${randomUUID()}`, editor }), sourceIp: "198.51.100.7" } as RequestMetadata;
    const outcome = await propose(eventStore(), tidePools(), extra);
    assert.equal(outcome.kind, "accepted");
    const [event] = await read(client, tableName, outcome.kind === "accepted" ? outcome.streamName : "");
    assert.deepEqual(Object.keys(event!.metadata).sort(), ["correlationId", "editor", "fingerprint", "idempotencyKey", "receivedAt"]);
    assert.deepEqual(event!.metadata["editor"], { sub: "sub-ada" });
    assert.equal(event!.metadata["idempotencyKey"], extra.idempotencyKey);
    assert.match(String(event!.metadata["fingerprint"]), /^[A-Za-z0-9_-]{43}$/);
  });

  it("derives a keyed proposal's id from the key, within the editor's own keys", async () => {
    const key = `keyed-${randomUUID()}`;
    const ada = await propose(eventStore(), tidePools(), meta({ idempotencyKey: key, editor: { sub: "sub-ada" } }));
    const grace = await propose(eventStore(), tidePools(), meta({ idempotencyKey: key, editor: { sub: "sub-grace" } }));
    const anonymous = await propose(eventStore(), tidePools(), meta({ idempotencyKey: key }));
    assert.deepEqual([ada.kind, grace.kind, anonymous.kind], ["accepted", "accepted", "accepted"]);
    const ids = [ada, grace, anonymous].map((o) => (o.kind === "accepted" ? o.destinationId : ""));
    for (const id of ids) assert.match(id, uuidV5);
    assert.equal(new Set(ids).size, 3);
  });

  it("replays a keyed retry of the same proposal: the first write's id and event number, nothing written", async () => {
    const keyed = meta({ idempotencyKey: `retry-${randomUUID()}`, editor: { sub: "sub-ada" } });
    const first = await propose(eventStore(), tidePools(), keyed);
    assert.equal(first.kind, "accepted");
    if (first.kind !== "accepted") return;
    const retry = await propose(eventStore(), tidePools(), { ...keyed, correlationId: "corr-2" });
    assert.deepEqual(retry, { kind: "replayed", destinationId: first.destinationId, streamName: first.streamName, eventNumber: 0 });
    const events = await read(client, tableName, first.streamName);
    assert.equal(events.length, 1);
    assert.equal(events[0]!.metadata["correlationId"], "corr-1");
  });

  it("refuses a key reused for a different proposal", async () => {
    const keyed = meta({ idempotencyKey: `reused-${randomUUID()}` });
    const first = await propose(eventStore(), tidePools(), keyed);
    assert.equal(first.kind, "accepted");
    if (first.kind !== "accepted") return;
    const other = await propose(eventStore(), { ...tidePools(), name: "Wembury beach" }, keyed);
    assert.deepEqual(other, { kind: "keyReused", destinationId: first.destinationId });
    assert.deepEqual(
      (await read(client, tableName, first.streamName)).map((e) => e.data),
      [tidePools()],
    );
  });

  it("reports a stream another writer took first as a conflict, leaving that writer's event", async () => {
    const outcome = await intercepted(
      racingWriter((item) => item),
      () => propose(eventStore(), tidePools(), meta()),
    );
    assert.equal(outcome.kind, "streamConflict");
    const streamName = outcome.kind === "streamConflict" ? outcome.streamName : "";
    assert.match(streamName, /^destination-[0-9a-f-]{36}$/);
    assert.deepEqual(outcome, { kind: "streamConflict", streamName });
    assert.equal((await read(client, tableName, streamName)).length, 1);
  });

  it("tells a keyed retry only by an event of its type, key and proposal", async () => {
    const key = `alike-${randomUUID()}`;
    // The racing event matches the retry in all but one respect each time.
    const changes: Record<string, (item: Item) => Item> = {
      type: (item) => ({ ...item, EventType: { S: "DestinationRenamed" } }),
      key: (item) => withMetadata(item, { ...metadataOf(item), idempotencyKey: `${key}-other` }),
      fingerprint: (item) => withMetadata(item, { ...metadataOf(item), fingerprint: "another-proposal" }),
    };
    for (const [differs, change] of Object.entries(changes)) {
      const keyed = meta({ idempotencyKey: key, editor: { sub: `sub-${differs}` } });
      const outcome = await intercepted(racingWriter(change), () => propose(eventStore(), tidePools(), keyed));
      assert.equal(outcome.kind, "keyReused", `an event whose ${differs} differs`);
    }
    const same = await intercepted(
      racingWriter((item) => item),
      () => propose(eventStore(), tidePools(), meta({ idempotencyKey: key, editor: { sub: "sub-same" } })),
    );
    assert.equal(same.kind, "replayed");
  });

  it("accepts a write whose answer was lost, once its retry meets the event it wrote", async () => {
    for (const idempotencyKey of [undefined, `lost-${randomUUID()}`]) {
      const lost = fault("resetAfterApply", { times: 1 });
      const outcome = await intercepted(lost.interceptor, () => propose(eventStore(), tidePools(), meta({ idempotencyKey })));
      assert.equal(lost.injected, 1);
      assert.equal(outcome.kind, "accepted", `key ${idempotencyKey}`);
      if (outcome.kind !== "accepted") return;
      // What the lost attempt consumed went with its answer.
      assert.equal(outcome.consumedWriteCapacity, 0);
      assert.equal(outcome.eventNumber, 0);
      assert.equal((await read(client, tableName, outcome.streamName)).length, 1);
    }
  });

  it("reads the stream when the refused write does not return the event in the way", async () => {
    const withoutItem: Interceptor = async (call, next) => {
      const outcome = await next(call);
      if (outcome.kind !== "response" || errorType(outcome.response) !== "ConditionalCheckFailedException") return outcome;
      const { Item: _, ...rest } = responseInput(outcome.response) as JsonObject;
      return { kind: "response", response: withBody(outcome.response, rest) };
    };
    const keyed = meta({ idempotencyKey: `read-${randomUUID()}` });
    const first = await propose(eventStore(), tidePools(), keyed);
    const retry = await intercepted(withoutItem, () => propose(eventStore(), tidePools(), keyed));
    assert.equal(first.kind, "accepted");
    if (first.kind !== "accepted") return;
    assert.deepEqual(retry, { kind: "replayed", destinationId: first.destinationId, streamName: first.streamName, eventNumber: 0 });
    const lost = fault("resetAfterApply", { times: 1 });
    const unkeyed = await intercepted(withoutItem, () =>
      intercepted(lost.interceptor, () => propose(eventStore(), tidePools(), meta({ correlationId: "corr-lost" }))),
    );
    assert.equal(unkeyed.kind, "accepted");
  });

  it("treats a refused write with no event to be found as a conflict, not a retry", async () => {
    // A failed condition on a stream that reads back empty (the event in the way since gone).
    const refuseEveryPut: Interceptor = async (call, next) =>
      call.operation === "PutItem"
        ? {
            kind: "response",
            response: jsonResponse(400, {
              __type: "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
              message: "The conditional request failed",
            }),
          }
        : next(call);
    const keyed = await intercepted(refuseEveryPut, () =>
      propose(eventStore(), tidePools(), meta({ idempotencyKey: `gone-${randomUUID()}` })),
    );
    assert.equal(keyed.kind, "keyReused");
    const unkeyed = await intercepted(refuseEveryPut, () => propose(eventStore(), tidePools(), meta()));
    assert.equal(unkeyed.kind, "streamConflict");
  });

  it("passes on a store failure that is no conflict", async () => {
    const once = localDynamoClient(store.endpoint, { maxAttempts: 1 });
    try {
      await intercepted(fault("serverError").interceptor, () =>
        assert.rejects(propose({ client: once, tableName }, tidePools(), meta()), { name: "InternalServerError" }),
      );
    } finally {
      once.destroy();
    }
  });
});
