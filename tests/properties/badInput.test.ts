import assert from "node:assert/strict";
import fc from "fast-check";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { lambdaContext } from "../../local/lambda/environment";
import { captureOutput, errorRecords } from "../support/capture";
import { countEvents, sharedLocalStack } from "../support/localStack";
import { proxyEvent } from "../support/proxyEvent";
import { documented, refusedFields } from "./documentedRules";
import { clientRequest } from "./requests";
import type { ClientRequest } from "../support/proxyEvent";

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** The body as the documented rules see it: its size in bytes, and its JSON value if it parses as UTF-8 JSON. */
function sentBody(req: ClientRequest): { bytes: number; json?: { value: unknown } } {
  const bytes = req.isBase64Encoded ? Buffer.from(req.body ?? "", "base64") : Buffer.from(req.body ?? "", "utf8");
  try {
    const text = req.isBase64Encoded ? new TextDecoder("utf-8", { fatal: true }).decode(bytes) : (req.body ?? "");
    return { bytes: bytes.length, json: { value: JSON.parse(text) as unknown } };
  } catch {
    return { bytes: bytes.length };
  }
}

/**
 * Holds an answer to the documented rules wherever they decide it: a 201 only for a body within
 * the size limit that the rules accept, a 413 only for one over it, and a validation 400 naming
 * exactly the fields the rules refuse (or the key alone).
 */
function checkAgainstRules(req: ClientRequest, status: number, body: Record<string, unknown>): void {
  const sent = sentBody(req);
  const fields = sent.json ? refusedFields(sent.json.value) : undefined;
  if (status === 201) {
    assert.ok(sent.bytes <= documented.bodyBytes, `accepted ${sent.bytes} bytes`);
    assert.deepEqual(fields, [], "accepted a body the documented rules refuse");
  } else if (status === 413) {
    assert.ok(sent.bytes > documented.bodyBytes, `413 for ${sent.bytes} bytes`);
  } else if (body.type === "/problems/validation") {
    const named = (body.errors as { field: string }[]).map((e) => e.field).sort();
    if (named.join() !== "Idempotency-Key") {
      assert.ok(sent.bytes <= documented.bodyBytes, `validated ${sent.bytes} bytes`);
      assert.deepEqual(named, fields, "refused other fields than the documented rules");
    }
  }
}

/** Cases per run; the run is stopped at the time limit and must still reach `minimumCases`. */
const numRuns = 12_000;
const minimumCases = 10_000;
const timeLimitMs = 240_000;
/** The table is counted every this many cases and once at the end. */
const countEvery = 500;

describe("POST /destination under arbitrary client input", function () {
  this.timeout(timeLimitMs + 60_000);
  let handler: Handler;
  let context: Context;
  let restoreCapacity: (() => void) | undefined;

  before(async () => {
    const stack = await sharedLocalStack();
    // Throughput is proven elsewhere: here a throttled write (a 503) or a throttled count
    // would hide what the input did.
    const previous = stack.dynamo.capacity;
    stack.dynamo.setCapacity("unlimited");
    restoreCapacity = () => stack.dynamo.setCapacity(previous);
    // The local stack has set the function's environment; this is the module it serves.
    ({ handler } = (await import("../../handlers/proposeDestination.js")) as { handler: Handler });
    context = lambdaContext({ functionName: stack.functionName, memorySize: stack.settings.memorySize, timeout: stack.settings.timeout });
  });

  after(() => restoreCapacity?.());

  it(`never throws, never answers 5xx, answers problem+json to every refusal and writes only what it accepts (≥ ${minimumCases} cases)`, async () => {
    let cases = 0;
    let accepted = 0;
    let expectedEvents = await countEvents();
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

    const property = fc.asyncProperty(clientRequest, async (req) => {
      cases += 1;
      const requestId = `fuzz-${cases}`;
      const { result, records } = await captureOutput(() => handler(proxyEvent(req, requestId), context));
      const status = result.statusCode;
      assert.ok(Number.isInteger(status) && status >= 200 && status < 500, `status ${status}: ${result.body}`);
      assert.deepEqual(errorRecords(records), [], "a client mistake is not an error of the service");
      const contentType = result.headers?.["Content-Type"];
      const body = JSON.parse(result.body) as Record<string, unknown>;
      if (status === 201) {
        accepted += 1;
        // A replay of an earlier case's idempotency key answers 201 without writing.
        if (result.headers?.["Idempotent-Replayed"] !== "true") expectedEvents += 1;
        assert.equal(contentType, "application/json");
        assert.equal(typeof body.destinationId, "string");
      } else {
        assert.ok(status >= 400, `unexpected status ${status}`);
        assert.equal(contentType, "application/problem+json");
        assert.equal(body.status, status);
        assert.equal(body.correlationId, requestId);
        for (const field of ["type", "title", "detail"]) assert.equal(typeof body[field], "string", field);
      }
      checkAgainstRules(req, status, body);
      if (cases % countEvery === 0) assert.equal(await countEvents(), expectedEvents, "refusals must write nothing");
    });

    const details = await fc.check(property, { numRuns, interruptAfterTimeLimit: timeLimitMs, markInterruptAsFailure: false });
    if (details.failed) assert.fail(`${fc.defaultReportMessage(details) ?? "property failed"}\n${String(details.errorInstance)}`);
    assert.ok(details.numRuns >= minimumCases, `only ${details.numRuns} cases ran within ${timeLimitMs} ms`);
    assert.equal(await countEvents(), expectedEvents, "refusals must write nothing");
    assert.ok(accepted > 0 && accepted < cases, `the generators must reach both answers (accepted ${accepted} of ${cases})`);
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeKeys, "Object.prototype was polluted");
    assert.equal(({} as Record<string, unknown>)["polluted"], undefined);
  });
});
