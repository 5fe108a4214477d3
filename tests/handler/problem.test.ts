// The refusals of docs/api.md: RFC 9457 application/problem+json bodies with type
// /problems/<reason>, title, status, detail, the request path as instance and the correlation
// id, the failing fields under errors, and the headers a refusal needs.
import assert from "node:assert/strict";
import { jsonResponse, problemBody, problemResponse, problems } from "../../handlers/http/problem";

const answered = (response: ReturnType<typeof problemResponse>) => ({ ...response, body: JSON.parse(response.body) as unknown });

describe("problem+json answers", () => {
  it("answer a validation problem with its status, content type and every failing field, as docs/api.md shows", () => {
    const errors = [
      { field: "name", message: "must not be empty" },
      { field: "location.latitude", message: "must be from -90 to 90" },
    ];
    const response = problemResponse(problems.validation(errors), "req-7", "/destination");
    assert.deepEqual(answered(response), {
      statusCode: 400,
      headers: { "Content-Type": "application/problem+json" },
      body: {
        type: "/problems/validation",
        title: "Invalid destination proposal",
        status: 400,
        detail: "2 fields failed validation",
        instance: "/destination",
        correlationId: "req-7",
        errors: [
          { field: "name", message: "must not be empty" },
          { field: "location.latitude", message: "must be from -90 to 90" },
        ],
      },
    });
    assert.equal(problems.validation([{ field: "name", message: "is required" }]).detail, "1 field failed validation");
  });

  it("leave errors out of a body whose problem lists no fields", () => {
    assert.deepEqual(JSON.parse(problemBody(problems.conflict("the key was used before"), "req-8", "/destination")), {
      type: "/problems/conflict",
      title: "Conflict",
      status: 409,
      detail: "the key was used before",
      instance: "/destination",
      correlationId: "req-8",
    });
  });

  it("carry the headers a refusal needs next to the problem content type", () => {
    assert.deepEqual(problemResponse(problems.unavailable(2), "req-9", "/destination").headers, {
      "Content-Type": "application/problem+json",
      "Retry-After": "2",
    });
    assert.deepEqual(problemResponse(problems.method("GET", ["POST"]), "req-9", "/destination").headers, {
      "Content-Type": "application/problem+json",
      Allow: "POST",
    });
    assert.deepEqual(problemResponse(problems.mediaType("use application/json"), "req-9", "/destination").headers, {
      "Content-Type": "application/problem+json",
      "Accept-Post": "application/json",
    });
  });

  it("answer each refusal with the status docs/api.md gives it", () => {
    const statuses = [
      problems.malformed("not JSON"),
      problems.idempotencyKey("must be 1 to 255 characters"),
      problems.forbidden("not an editor"),
      problems.notFound("/destinations"),
      problems.method("GET", ["POST"]),
      problems.conflict("the key was used before"),
      problems.tooLarge(65_537, 65_536),
      problems.mediaType("use application/json"),
      problems.internal(),
      problems.unavailable(1),
    ].map((problem) => [problem.reason, problemResponse(problem, "req-1", "/destination").statusCode]);
    assert.deepEqual(statuses, [
      ["malformed", 400],
      ["validation", 400],
      ["forbidden", 403],
      ["notFound", 404],
      ["method", 405],
      ["conflict", 409],
      ["tooLarge", 413],
      ["mediaType", 415],
      ["internal", 500],
      ["unavailable", 503],
    ]);
  });
});

describe("JSON answers", () => {
  it("are application/json with the body serialised and any extra headers", () => {
    assert.deepEqual(jsonResponse(201, { id: "d-1" }, { Location: "/destination/d-1" }), {
      statusCode: 201,
      headers: { "Content-Type": "application/json", Location: "/destination/d-1" },
      body: '{"id":"d-1"}',
    });
    assert.deepEqual(jsonResponse(200, []), { statusCode: 200, headers: { "Content-Type": "application/json" }, body: "[]" });
  });
});
