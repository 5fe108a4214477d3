// The README's 429 example: 60 requests at once with the printed token and key, against the
// default usage plan (10 requests/s, burst 20). With the clock held still, as when the requests
// arrive together, exactly the burst gets through and every other request is the gateway's 429.
import assert from "node:assert/strict";
import { objectSource, resolveSettings } from "../../config/settings";
import { localStackName } from "../../config/names";
import { createLocalAuth, sampleEditor } from "../../local/auth/localAuth";
import { startLocalStack, type LocalStack } from "../../local/stack";
import { jsonHeaders, post } from "../support/http";

describe("the README's 429 example", function () {
  this.timeout(120_000);
  let stack: LocalStack;
  let token: string;
  const now = Date.UTC(2030, 0, 1, 12);

  before(async () => {
    const auth = await createLocalAuth(["editor-web"]);
    stack = await startLocalStack({
      port: 0,
      dynamoPort: 0,
      capacity: "unlimited",
      settings: resolveSettings(localStackName, objectSource({})),
      auth,
      clock: () => now,
    });
    token = await auth.issueToken(sampleEditor);
  });
  after(() => stack?.close());

  it("answers 60 simultaneous requests of one key with 20 passed on and 40 refused with 429", async () => {
    const key = stack.auth!.clients[0]!.key;
    const headers = { ...jsonHeaders, Authorization: `Bearer ${token}`, "x-api-key": key };
    const replies = await Promise.all(Array.from({ length: 60 }, () => post(stack.destinationUrl, "{}", headers)));
    const counts = new Map<number, number>();
    for (const r of replies) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    // The body {} is refused by the function (400): those requests passed the gateway.
    assert.deepEqual(Object.fromEntries(counts), { 400: 20, 429: 40 });
  });
});
