// Who the function takes the caller to be, from the claims API Gateway's Cognito authoriser passes.
import assert from "node:assert/strict";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { caller, claimList } from "../../handlers/auth/editor";

const withClaims = (claims: unknown): Pick<APIGatewayProxyEvent, "requestContext"> =>
  ({ requestContext: { authorizer: claims === undefined ? null : { claims } } }) as unknown as Pick<APIGatewayProxyEvent, "requestContext">;

describe("the caller from authoriser claims", () => {
  it("reads cognito:groups in every form API Gateway and JSON send it", () => {
    assert.deepEqual(claimList("editors"), ["editors"]);
    assert.deepEqual(claimList("admins,editors"), ["admins", "editors"]);
    assert.deepEqual(claimList("admins editors"), ["admins", "editors"]);
    assert.deepEqual(claimList("[admins editors]"), ["admins", "editors"]);
    assert.deepEqual(claimList("[admins, editors]"), ["admins", "editors"]);
    assert.deepEqual(claimList(["editors", 3]), ["editors"]);
    assert.deepEqual(claimList(undefined), []);
    assert.deepEqual(claimList(7), []);
  });

  it("drops empty entries of a groups claim", () => {
    assert.deepEqual(claimList(""), []);
    assert.deepEqual(claimList("[]"), []);
    assert.deepEqual(claimList(",admins,,editors,"), ["admins", "editors"]);
    assert.deepEqual(claimList(" admins  editors "), ["admins", "editors"]);
  });

  it("takes only the enclosing brackets of a groups claim as list syntax, keeping brackets in a group's name", () => {
    assert.deepEqual(claimList("[admins team[x] editors]"), ["admins", "team[x]", "editors"]);
    assert.deepEqual(claimList("[x]team"), ["x]team"]);
  });

  it("is an editor with sub, username, e-mail and groups when the editors group is among the claims", () => {
    const who = caller(withClaims({ sub: "u-1", "cognito:username": "ana", email: "ana@example.org", "cognito:groups": "admins,editors" }));
    assert.deepEqual(who, {
      kind: "editor",
      editor: { sub: "u-1", username: "ana", email: "ana@example.org", groups: ["admins", "editors"] },
    });
  });

  it("takes the username from username when the claims have no cognito:username, or an empty one", () => {
    assert.deepEqual(caller(withClaims({ sub: "u-1", username: "ana", "cognito:groups": "editors" })), {
      kind: "editor",
      editor: { sub: "u-1", username: "ana", groups: ["editors"] },
    });
    assert.deepEqual(caller(withClaims({ sub: "u-1", "cognito:username": "ana", username: "other", "cognito:groups": "editors" })), {
      kind: "editor",
      editor: { sub: "u-1", username: "ana", groups: ["editors"] },
    });
    assert.deepEqual(caller(withClaims({ sub: "u-1", "cognito:username": "", username: "bo", "cognito:groups": "editors" })), {
      kind: "editor",
      editor: { sub: "u-1", username: "bo", groups: ["editors"] },
    });
  });

  it("leaves out an empty or non-string username and e-mail", () => {
    assert.deepEqual(caller(withClaims({ sub: "u-1", "cognito:username": "", email: "", "cognito:groups": "editors" })), {
      kind: "editor",
      editor: { sub: "u-1", groups: ["editors"] },
    });
    assert.deepEqual(caller(withClaims({ sub: "u-1", "cognito:username": ["ana"], email: 5, "cognito:groups": "editors" })), {
      kind: "editor",
      editor: { sub: "u-1", groups: ["editors"] },
    });
  });

  it("is not an editor without the group, without a sub, or with claims of the wrong shape", () => {
    assert.deepEqual(caller(withClaims({ sub: "u-2", "cognito:groups": "readers" })), { kind: "notEditor", sub: "u-2" });
    assert.equal(caller(withClaims({ sub: "u-2" })).kind, "notEditor");
    assert.deepEqual(caller(withClaims({ "cognito:groups": "editors" })), { kind: "notEditor", sub: "" });
    assert.deepEqual(caller(withClaims({ sub: "", "cognito:groups": "editors" })), { kind: "notEditor", sub: "" });
    assert.deepEqual(caller(withClaims({ sub: 42, "cognito:groups": "editors" })), { kind: "notEditor", sub: "" });
    assert.deepEqual(caller(withClaims({ sub: ["u-2"], "cognito:groups": "editors" })), { kind: "notEditor", sub: "" });
    assert.equal(caller(withClaims("editors")).kind, "notEditor");
    assert.equal(caller(withClaims({ sub: "u-3", "cognito:groups": "editorsx" })).kind, "notEditor");
  });

  it("is anonymous only when no authoriser ran", () => {
    assert.equal(caller(withClaims(undefined)).kind, "anonymous");
    assert.equal(caller({} as Pick<APIGatewayProxyEvent, "requestContext">).kind, "anonymous");
    // A JSON event (API Gateway's console test, say) can carry the claims as null.
    assert.equal(caller(withClaims(null)).kind, "anonymous");
  });
});
