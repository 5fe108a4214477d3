// Generated requests: valid proposals the schema accepts (unicode included), invalid ones it
// refuses, retries that resend an earlier request with its key, in the shares asked for.
import assert from "node:assert/strict";
import { idempotencyKeyHeader } from "../../handlers/http/idempotency";
import { parseProposal } from "../../handlers/proposal/schema";
import { ProposalGenerator } from "../../loadtest/proposals";
import { seededRandom } from "../../loadtest/random";

describe("proposal generator", function () {
  it("makes bodies the API accepts or refuses as intended, in the shares asked for", function () {
    const generator = new ProposalGenerator(
      seededRandom(11),
      { sizes: { small: 1, medium: 1, large: 1 }, retryShare: 0.1, invalidShare: 0.2, unicodeShare: 0.5 },
      "test",
    );
    const kinds = { new: 0, retry: 0, invalid: 0 };
    const keys = new Set<string>();
    let nonAscii = 0;
    let withDescription = 0;
    const n = 3000;
    for (let i = 0; i < n; i++) {
      const request = generator.next();
      kinds[request.kind]++;
      let parsed: unknown;
      try {
        parsed = JSON.parse(request.body);
      } catch {
        assert.equal(request.kind, "invalid");
        continue;
      }
      const result = parseProposal(parsed);
      assert.equal(result.ok, request.kind !== "invalid", request.body.slice(0, 120));
      const key = request.headers[idempotencyKeyHeader];
      if (request.kind === "new") {
        assert.ok(key && !keys.has(key), "each new proposal has a key of its own");
        keys.add(key);
        if (/[^\x00-\x7f]/.test(request.body)) nonAscii++;
        if (result.ok && result.proposal.description) withDescription++;
      }
      if (request.kind === "retry") assert.ok(key && keys.has(key), "a retry resends an earlier key");
    }
    assert.ok(Math.abs(kinds.invalid / n - 0.2) < 0.03, `invalid share ${kinds.invalid / n}`);
    assert.ok(Math.abs(kinds.retry / n - 0.1) < 0.03, `retry share ${kinds.retry / n}`);
    assert.ok(Math.abs(nonAscii / kinds.new - 0.5) < 0.05, `unicode share ${nonAscii / kinds.new}`);
    // Medium and large proposals carry a description: two thirds of them here.
    assert.ok(Math.abs(withDescription / kinds.new - 2 / 3) < 0.05, `with description ${withDescription / kinds.new}`);
  });

  it("retries one of the last thousand new requests, however long the run", function () {
    const generator = new ProposalGenerator(
      seededRandom(5),
      { sizes: { small: 1, medium: 0, large: 0 }, retryShare: 0.3, invalidShare: 0, unicodeShare: 0 },
      "long",
    );
    const newKeys: string[] = [];
    let lateRetries = 0;
    for (let i = 0; i < 6000; i++) {
      const request = generator.next();
      const key = request.headers[idempotencyKeyHeader]!;
      if (request.kind === "new") newKeys.push(key);
      else {
        const age = newKeys.length - 1 - newKeys.lastIndexOf(key);
        assert.ok(age >= 0 && age < 1000, `a retry of a request ${age} new requests old`);
        if (newKeys.length > 2000) lateRetries++;
      }
    }
    assert.ok(lateRetries > 100, "retries go on past the first thousand");
  });
});
