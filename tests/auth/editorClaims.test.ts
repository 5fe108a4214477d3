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
    assert.deepEqual(claimList("[admins editors]"), ["admins", "editors"]);
    assert.deepEqual(claimList(["editors", 3]), ["editors"]);
    assert.deepEqual(claimList(undefined), []);
  });

  it("is an editor with sub, username, e-mail and groups when the editors group is among the claims", () => {
    const who = caller(withClaims({ sub: "u-1", "cognito:username": "ana", email: "ana@example.org", "cognito:groups": "admins,editors" }));
    assert.deepEqual(who, {
      kind: "editor",
      editor: { sub: "u-1", username: "ana", email: "ana@example.org", groups: ["admins", "editors"] },
    });
  });

  it("is not an editor without the group, without a sub, or with claims of the wrong shape", () => {
    assert.equal(caller(withClaims({ sub: "u-2", "cognito:groups": "readers" })).kind, "notEditor");
    assert.equal(caller(withClaims({ sub: "u-2" })).kind, "notEditor");
    assert.equal(caller(withClaims({ "cognito:groups": "editors" })).kind, "notEditor");
    assert.equal(caller(withClaims("editors")).kind, "notEditor");
    assert.equal(caller(withClaims({ sub: "u-3", "cognito:groups": "editorsx" })).kind, "notEditor");
  });

  it("is anonymous only when no authoriser ran", () => {
    assert.equal(caller(withClaims(undefined)).kind, "anonymous");
    assert.equal(caller({} as Pick<APIGatewayProxyEvent, "requestContext">).kind, "anonymous");
  });
});
