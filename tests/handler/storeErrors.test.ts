// Which store failures answer 503 (worth a retry) rather than 500.
import assert from "node:assert/strict";
import { isTransientStoreError } from "../../handlers/eventStore/errors";

describe("transient store errors", () => {
  it("are DynamoDB's throttling and server errors, by name", () => {
    for (const name of [
      "ProvisionedThroughputExceededException",
      "ThrottlingException",
      "RequestLimitExceeded",
      "InternalServerError",
      "ServiceUnavailable",
      "TimeoutError",
      "RequestTimeout",
    ]) {
      assert.equal(isTransientStoreError({ name }), true, name);
    }
  });

  it("are broken or timed-out connections, by code", () => {
    for (const code of ["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EAI_AGAIN"]) {
      assert.equal(isTransientStoreError({ code }), true, code);
    }
  });

  it("are any answer with a 5xx status, and no 4xx", () => {
    assert.equal(isTransientStoreError({ $metadata: { httpStatusCode: 500 } }), true);
    assert.equal(isTransientStoreError({ $metadata: { httpStatusCode: 503 } }), true);
    assert.equal(isTransientStoreError({ $metadata: { httpStatusCode: 499 } }), false);
    assert.equal(isTransientStoreError({ name: "ValidationException", $metadata: { httpStatusCode: 400 } }), false);
  });

  it("are not other errors, nor values that are not errors", () => {
    for (const err of [
      { name: "ConditionalCheckFailedException" },
      { code: "ENOENT" },
      { name: "", code: "" },
      {},
      null,
      undefined,
      "ThrottlingException",
      503,
    ]) {
      assert.equal(isTransientStoreError(err), false, JSON.stringify(err));
    }
  });
});
