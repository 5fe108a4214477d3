// The CORS headers of docs/api.md and ADR 0004: a listed origin is echoed, an unlisted one gets
// none, a stack with no origins sends no CORS header and no Vary; the gateway's own answers carry
// one listed origin fixed, or the request's Origin when several are listed.
import assert from "node:assert/strict";
import { gatewayCorsHeaders, gatewayResponseOrigin, preflightCorsHeaders, responseCorsHeaders } from "../../handlers/http/cors";

const editor = "https://editor.example.com";
const review = "https://review.example.org";
const exposed = "Location, Idempotent-Replayed, Retry-After, x-amzn-RequestId";

describe("CORS headers", () => {
  describe("of the function's answers", () => {
    it("echo a listed origin, with Vary: Origin and the headers a page may read", () => {
      const expected = (origin: string) => ({
        Vary: "Origin",
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Expose-Headers": exposed,
      });
      assert.deepEqual(responseCorsHeaders(editor, [editor, review]), expected(editor));
      assert.deepEqual(responseCorsHeaders(review, [editor, review]), expected(review));
    });

    it("give an unlisted or absent origin only Vary: Origin, compared exactly as browsers send it", () => {
      assert.deepEqual(responseCorsHeaders("https://evil.example.net", [editor, review]), { Vary: "Origin" });
      assert.deepEqual(responseCorsHeaders("https://EDITOR.example.com", [editor]), { Vary: "Origin" });
      assert.deepEqual(responseCorsHeaders(`${editor}/`, [editor]), { Vary: "Origin" });
      assert.deepEqual(responseCorsHeaders(undefined, [editor]), { Vary: "Origin" });
    });

    it("are none at all when no origin is configured", () => {
      assert.deepEqual(responseCorsHeaders(editor, []), {});
      assert.deepEqual(responseCorsHeaders(undefined, []), {});
    });
  });

  describe("of a preflight", () => {
    it("allow a listed origin POST with the four request headers, cached for 600 s", () => {
      assert.deepEqual(preflightCorsHeaders(review, [editor, review]), {
        Vary: "Origin",
        "Access-Control-Allow-Origin": review,
        "Access-Control-Allow-Methods": "POST",
        "Access-Control-Allow-Headers": "Content-Type, Authorization, x-api-key, Idempotency-Key",
        "Access-Control-Max-Age": "600",
      });
    });

    it("allow an unlisted or absent origin nothing, with Vary: Origin", () => {
      assert.deepEqual(preflightCorsHeaders("https://evil.example.net", [editor, review]), { Vary: "Origin" });
      assert.deepEqual(preflightCorsHeaders(undefined, [editor]), { Vary: "Origin" });
    });

    it("are none at all when no origin is configured", () => {
      assert.deepEqual(preflightCorsHeaders(editor, []), {});
    });
  });

  describe("of API Gateway's own answers", () => {
    it("answer the one listed origin as a fixed value, whatever the request's Origin", () => {
      assert.deepEqual(gatewayResponseOrigin([editor]), { kind: "fixed", origin: editor });
      const fixed = { Vary: "Origin", "Access-Control-Allow-Origin": editor, "Access-Control-Expose-Headers": exposed };
      assert.deepEqual(gatewayCorsHeaders(editor, [editor]), fixed);
      assert.deepEqual(gatewayCorsHeaders("https://evil.example.net", [editor]), fixed);
      assert.deepEqual(gatewayCorsHeaders(undefined, [editor]), fixed);
    });

    it("echo the request's own Origin, listed or not, when several are listed", () => {
      assert.deepEqual(gatewayResponseOrigin([editor, review]), { kind: "echo" });
      assert.deepEqual(gatewayCorsHeaders("https://evil.example.net", [editor, review]), {
        Vary: "Origin",
        "Access-Control-Allow-Origin": "https://evil.example.net",
        "Access-Control-Expose-Headers": exposed,
      });
    });

    it("carry no Access-Control-Allow-Origin to a request without Origin when several are listed", () => {
      assert.deepEqual(gatewayCorsHeaders(undefined, [editor, review]), { Vary: "Origin", "Access-Control-Expose-Headers": exposed });
    });

    it("are none at all when no origin is configured", () => {
      assert.equal(gatewayResponseOrigin([]), undefined);
      assert.deepEqual(gatewayCorsHeaders(editor, []), {});
    });
  });
});
