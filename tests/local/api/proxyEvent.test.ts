// The proxy event the local API gives the function, as the function records it: its request
// time is when the request arrived, as API Gateway's requestTimeEpoch is, not when its body
// finished arriving.
import assert from "node:assert/strict";
import { once } from "node:events";
import { request, type IncomingMessage } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { read } from "../../../handlers/eventStore/eventStore";
import { proposal } from "../../support/http";
import { sharedLocalStack, storeClient } from "../../support/localStack";

describe("local API proxy event", () => {
  it("stamps a request with the time it arrived, even when its body comes slowly", async () => {
    const stack = await sharedLocalStack();
    const body = Buffer.from(JSON.stringify(proposal({ name: "Slow upload" })));
    const half = Math.floor(body.length / 2);
    const sentFrom = Date.now();
    const req = request(stack.destinationUrl, { method: "POST", headers: { "Content-Type": "application/json", "Content-Length": body.length } });
    const answered = once(req, "response") as Promise<[IncomingMessage]>;
    req.write(body.subarray(0, half));
    await sleep(300);
    const restSentAt = Date.now();
    req.end(body.subarray(half));
    const [res] = await answered;
    let text = "";
    for await (const chunk of res) text += String(chunk);
    assert.equal(res.statusCode, 201, text);

    const [event] = await read(await storeClient(), stack.tableName, String((JSON.parse(text) as { streamName: string }).streamName));
    const receivedAt = Date.parse(String(event!.metadata["receivedAt"]));
    assert.ok(receivedAt >= sentFrom - 1 && receivedAt < restSentAt, `received at ${receivedAt}, sent from ${sentFrom}, rest sent at ${restSentAt}`);
  });
});
