// API Gateway's own refusals, as the deployed gateway responses and the local API answer them:
// 401 for a missing or bad token, 403 for an unknown route or a missing or unknown API key, 429
// for a rate, burst or quota limit (docs/api.md), each an RFC 9457 problem naming what to do.
import { strict as assert } from "node:assert";
import { gatewayProblems } from "../../handlers/auth/gatewayProblems";
import { problemBody } from "../../handlers/http/problem";

describe("gateway problems", () => {
  it("answer each refusal API Gateway makes with its status and a problem body that says what to do", () => {
    const bodies = Object.values(gatewayProblems).map((p) => [p.responseType, JSON.parse(problemBody(p, "req-1", "/destination"))]);
    const body = (type: string, status: number, title: string, detail: string) => ({
      type,
      title,
      status,
      detail,
      instance: "/destination",
      correlationId: "req-1",
    });
    assert.deepEqual(bodies, [
      [
        "UNAUTHORIZED",
        body("/problems/unauthorized", 401, "Unauthorized", "send a valid editor ID token as 'Authorization: Bearer <token>'"),
      ],
      [
        "MISSING_AUTHENTICATION_TOKEN",
        body("/problems/forbidden", 403, "Forbidden", "no such resource or method; POST /destination is the one command"),
      ],
      ["ACCESS_DENIED", body("/problems/forbidden", 403, "Forbidden", "the token does not grant access to this resource")],
      ["INVALID_API_KEY", body("/problems/forbidden", 403, "Forbidden", "send this client's API key as 'x-api-key'")],
      [
        "THROTTLED",
        body(
          "/problems/throttled",
          429,
          "Too many requests",
          "a rate or burst limit (this client's or the stage's) was exceeded; retry with backoff",
        ),
      ],
      ["QUOTA_EXCEEDED", body("/problems/quotaExceeded", 429, "Quota exceeded", "this client's request quota for the period is used up")],
    ]);
  });
});
