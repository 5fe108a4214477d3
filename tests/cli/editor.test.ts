// `npm run editor` against a stand-in for Cognito on loopback: the command is run as a person runs
// it, with the SDK pointed at the stand-in (--endpoint), and the exact requests it sends are
// checked: which operation (X-Amz-Target) with which JSON body, in which order.
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..");
const poolId = "eu-west-2_TestPool1";
const clientId = "4example0client0id";
const userSub = "7d1c5a4e-0000-4000-8000-00000000e417";

interface Request {
  readonly operation: string;
  readonly body: Record<string, unknown>;
  readonly authorization: string;
}

type Answer = { readonly status?: number; readonly body: Record<string, unknown> };

/** Cognito's JSON protocol: POST / with X-Amz-Target naming the operation; errors carry __type. */
class FakeCognito {
  readonly requests: Request[] = [];
  private readonly server: Server;
  constructor(private readonly answers: Readonly<Record<string, Answer>>) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const operation = String(req.headers["x-amz-target"] ?? "").replace(/^AWSCognitoIdentityProviderService\./, "");
        this.requests.push({
          operation,
          body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>,
          authorization: String(req.headers.authorization ?? ""),
        });
        const answer = this.answers[operation] ?? { status: 400, body: { __type: "UnknownOperationException", message: operation } };
        const status = answer.status ?? 200;
        res.writeHead(status, {
          "content-type": "application/x-amz-json-1.1",
          ...(status >= 400 ? { "x-amzn-errortype": `${String(answer.body.__type)}:` } : {}),
        });
        res.end(JSON.stringify(answer.body));
      });
    });
  }
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
  /** Operation and body of each request, in order. */
  sent(): { operation: string; body: Record<string, unknown> }[] {
    return this.requests.map(({ operation, body }) => ({ operation, body }));
  }
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

// Credentials to sign with, and nothing from the machine's own AWS configuration.
const awsEnv = {
  AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
  AWS_SECRET_ACCESS_KEY: "example-secret",
  AWS_CONFIG_FILE: "/nonexistent/config",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/credentials",
  AWS_EC2_METADATA_DISABLED: "true",
  // The SDK's notice that it will need a newer Node.js, which would be the first lines of stderr.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

function editor(args: readonly string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const env: Record<string, string | undefined> = { ...process.env, ...awsEnv, ...opts.env };
  for (const key of ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL"]) delete env[key];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "cli", "editor.ts"), ...args], { cwd: root, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.stdin.end(opts.stdin ?? "");
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const created = { body: { User: { Username: userSub, Enabled: true, UserStatus: "FORCE_CHANGE_PASSWORD" } } };
const tokens = (id: string): Answer => ({
  body: { AuthenticationResult: { IdToken: id, AccessToken: "access", RefreshToken: "refresh", ExpiresIn: 3600, TokenType: "Bearer" } },
});
const emailAttributes = [
  { Name: "email", Value: "ada@example.org" },
  { Name: "email_verified", Value: "true" },
];

describe("npm run editor against a stand-in for Cognito", function () {
  // Each run starts Node with tsx and the SDK: seconds apiece on a busy machine.
  this.timeout(180_000);
  let cognito: FakeCognito | undefined;
  afterEach(async () => {
    await cognito?.stop();
    cognito = undefined;
  });
  async function withCognito(answers: Readonly<Record<string, Answer>>): Promise<string[]> {
    cognito = new FakeCognito(answers);
    const endpoint = await cognito.start();
    return ["--user-pool-id", poolId, "--client-id", clientId, "--endpoint", endpoint];
  }

  it("adds an editor with a permanent password: create (no e-mail), set it permanent, add to editors", async () => {
    const flags = await withCognito({ AdminCreateUser: created, AdminSetUserPassword: { body: {} }, AdminAddUserToGroup: { body: {} } });
    const run = await editor(["add", "ada@example.org", "--password", "Correct-Horse-9", ...flags]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "");
    assert.deepEqual(cognito!.sent(), [
      {
        operation: "AdminCreateUser",
        body: {
          UserPoolId: poolId,
          Username: "ada@example.org",
          UserAttributes: emailAttributes,
          TemporaryPassword: "Correct-Horse-9",
          MessageAction: "SUPPRESS",
        },
      },
      { operation: "AdminSetUserPassword", body: { UserPoolId: poolId, Username: userSub, Password: "Correct-Horse-9", Permanent: true } },
      { operation: "AdminAddUserToGroup", body: { UserPoolId: poolId, Username: userSub, GroupName: "editors" } },
    ]);
    // Signed for the region the pool id names.
    assert.match(cognito!.requests[0]!.authorization, /Credential=AKIDEXAMPLE\/\d{8}\/eu-west-2\/cognito-idp\/aws4_request/);
    assert.match(run.stderr, /added ada@example\.org to the editors group/);
  });

  it("invites an editor with --invite: Cognito e-mails a temporary password; no password is set", async () => {
    const flags = await withCognito({ AdminCreateUser: created, AdminAddUserToGroup: { body: {} } });
    const run = await editor(["add", "ada@example.org", "--invite", ...flags]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(cognito!.sent(), [
      {
        operation: "AdminCreateUser",
        body: { UserPoolId: poolId, Username: "ada@example.org", UserAttributes: emailAttributes, DesiredDeliveryMediums: ["EMAIL"] },
      },
      { operation: "AdminAddUserToGroup", body: { UserPoolId: poolId, Username: userSub, GroupName: "editors" } },
    ]);
  });

  it("reads the password from a pipe when --password is left out", async () => {
    const flags = await withCognito({ AdminCreateUser: created, AdminSetUserPassword: { body: {} }, AdminAddUserToGroup: { body: {} } });
    const run = await editor(["add", "ada@example.org", ...flags], { stdin: "Piped-Password-7\n" });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(cognito!.sent()[1]!.body.Password, "Piped-Password-7");
  });

  it("leaves nothing behind when the pool's policy refuses the password", async () => {
    const flags = await withCognito({
      AdminCreateUser: {
        status: 400,
        body: { __type: "InvalidPasswordException", message: "Password did not conform with policy: Password not long enough" },
      },
    });
    const run = await editor(["add", "ada@example.org", "--password", "short", ...flags]);
    assert.equal(run.code, 1);
    assert.deepEqual(
      cognito!.sent().map((r) => r.operation),
      ["AdminCreateUser"],
    );
    assert.match(
      run.stderr,
      /^editor: Password did not conform with policy: Password not long enough \(the user pool's password policy; nothing changed\)\n$/,
    );
  });

  it("deletes the user it created when adding them to the group fails", async () => {
    const flags = await withCognito({
      AdminCreateUser: created,
      AdminSetUserPassword: { body: {} },
      AdminAddUserToGroup: { status: 400, body: { __type: "ResourceNotFoundException", message: "Group not found." } },
      AdminDeleteUser: { body: {} },
    });
    const run = await editor(["add", "ada@example.org", "--password", "Correct-Horse-9", ...flags]);
    assert.equal(run.code, 1);
    assert.deepEqual(cognito!.sent().slice(-1), [{ operation: "AdminDeleteUser", body: { UserPoolId: poolId, Username: userSub } }]);
    assert.match(run.stderr, /Group not found\./);
  });

  it("says so when it cannot delete the user it created, and still reports the first failure", async () => {
    const flags = await withCognito({
      AdminCreateUser: created,
      AdminSetUserPassword: { body: {} },
      AdminAddUserToGroup: { status: 400, body: { __type: "ResourceNotFoundException", message: "Group not found." } },
      AdminDeleteUser: { status: 400, body: { __type: "NotAuthorizedException", message: "Not allowed to delete." } },
    });
    const run = await editor(["add", "ada@example.org", "--password", "Correct-Horse-9", ...flags]);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /could not delete ada@example\.org again \(Not allowed to delete\.\): delete the user by hand before retrying\n/,
    );
    assert.match(run.stderr, /\neditor: Group not found\. /);
  });

  it("prints the ID token, alone on stdout, from an admin sign-in with the app client", async () => {
    const flags = await withCognito({ AdminInitiateAuth: tokens("header.payload.signature") });
    const run = await editor(["token", "ada@example.org", "--password", "Correct-Horse-9", ...flags]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "header.payload.signature\n");
    assert.deepEqual(cognito!.sent(), [
      {
        operation: "AdminInitiateAuth",
        body: {
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "ada@example.org", PASSWORD: "Correct-Horse-9" },
        },
      },
    ]);
  });

  it("says what a refused sign-in usually means, and prints no token", async () => {
    for (const [refusal, stderr] of [
      [
        { __type: "NotAuthorizedException", message: "Incorrect username or password." },
        "editor: Incorrect username or password. (a wrong e-mail address or password)\n",
      ],
      [
        { __type: "InvalidParameterException", message: "ADMIN_USER_PASSWORD_AUTH flow not enabled for this client" },
        "editor: ADMIN_USER_PASSWORD_AUTH flow not enabled for this client (the stack predates the editor command's sign-in flow: run pulumi up)\n",
      ],
    ] as const) {
      const flags = await withCognito({ AdminInitiateAuth: { status: 400, body: refusal } });
      const run = await editor(["token", "ada@example.org", "--password", "Wrong-Password-1", ...flags]);
      assert.equal(run.code, 1);
      assert.equal(run.stdout, "");
      assert.equal(run.stderr, stderr);
      await cognito!.stop();
      cognito = undefined;
    }
  });

  describe("the new password an invited editor must set at the first sign-in", () => {
    const challenge = {
      body: {
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        Session: "session-from-cognito",
        ChallengeParameters: { USER_ID_FOR_SRP: userSub, requiredAttributes: "[]", userAttributes: '{"email":"ada@example.org"}' },
      },
    };
    const expected = (newPassword: string) => [
      {
        operation: "AdminInitiateAuth",
        body: {
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "ada@example.org", PASSWORD: "Temporary-Pass-1" },
        },
      },
      {
        operation: "AdminRespondToAuthChallenge",
        body: {
          UserPoolId: poolId,
          ClientId: clientId,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: "session-from-cognito",
          ChallengeResponses: { USERNAME: userSub, NEW_PASSWORD: newPassword },
        },
      },
    ];

    it("is given with --new-password, and the token comes from the answer", async () => {
      const flags = await withCognito({ AdminInitiateAuth: challenge, AdminRespondToAuthChallenge: tokens("after.new.password") });
      const run = await editor([
        "token",
        "ada@example.org",
        "--password",
        "Temporary-Pass-1",
        "--new-password",
        "Chosen-Pass-22",
        ...flags,
      ]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, "after.new.password\n");
      assert.deepEqual(cognito!.sent(), expected("Chosen-Pass-22"));
    });

    it("is asked for when not given: both passwords from a pipe, one per line", async () => {
      const flags = await withCognito({ AdminInitiateAuth: challenge, AdminRespondToAuthChallenge: tokens("after.new.password") });
      const run = await editor(["token", "ada@example.org", ...flags], { stdin: "Temporary-Pass-1\nChosen-Pass-22\n" });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, "after.new.password\n");
      assert.deepEqual(cognito!.sent(), expected("Chosen-Pass-22"));
    });

    it("ends with a clear error, and answers nothing, when no new password is given", async () => {
      const flags = await withCognito({ AdminInitiateAuth: challenge });
      const run = await editor(["token", "ada@example.org", "--password", "Temporary-Pass-1", ...flags]);
      assert.equal(run.code, 1);
      assert.equal(run.stdout, "");
      assert.match(run.stderr, /editor: no new password given: give --new-password, or type it when asked\n$/);
      assert.deepEqual(
        cognito!.sent().map((r) => r.operation),
        ["AdminInitiateAuth"],
      );
    });
  });

  it("names the user pool and client from the stack's outputs, and the region from the pool id", async () => {
    const flags = await withCognito({ AdminInitiateAuth: tokens("from.stack.outputs") });
    const bin = mkdtempSync(path.join(tmpdir(), "fake-pulumi-"));
    try {
      // A pulumi CLI that records its arguments and prints the stack's outputs.
      const pulumi = path.join(bin, "pulumi");
      writeFileSync(
        pulumi,
        `#!/bin/sh\necho "$@" > "${bin}/args"\necho '${JSON.stringify({ apiUrl: "https://x", userPoolId: "us-east-1_Stack0", userPoolClientId: "stackclient" })}'\n`,
      );
      chmodSync(pulumi, 0o755);
      const run = await editor(["token", "ada@example.org", "--password", "Correct-Horse-9", "--stack", "prod", ...flags.slice(4)], {
        env: { PATH: `${bin}:${process.env.PATH}` },
      });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(readFileSync(path.join(bin, "args"), "utf8"), "stack output --json --stack prod\n");
      const body = cognito!.requests[0]!.body;
      assert.equal(body.UserPoolId, "us-east-1_Stack0");
      assert.equal(body.ClientId, "stackclient");
      assert.match(cognito!.requests[0]!.authorization, /\/us-east-1\/cognito-idp\/aws4_request/);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it("refuses bad input with exit code 2 before sending anything", async () => {
    const flags = await withCognito({});
    for (const [args, message] of [
      [["add", "not-an-address"], '"not-an-address" is not an e-mail address'],
      [["remove", "ada@example.org"], 'unknown command "remove": say add or token'],
      [["token"], "token needs the editor's e-mail address"],
      [["token", "ada@example.org", "--bogus"], "Unknown option '--bogus'"],
      [["add", "ada@example.org", "--invite", "--password", "x"], "--invite sends a temporary password: leave out --password"],
    ] as const) {
      const run = await editor([...args, ...flags]);
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stderr, `editor: ${message}\nRun \`npm run editor -- --help\` for the options.\n`);
    }
    const badPool = await editor(["token", "ada@example.org", "--user-pool-id", "nopool", "--client-id", clientId]);
    assert.equal(badPool.code, 2);
    assert.match(badPool.stderr, /--user-pool-id must look like <region>_<id>/);
    assert.equal(cognito!.requests.length, 0);
  });

  it("prints its usage with --help", async () => {
    const run = await editor(["--help"]);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Usage: npm run editor -- add <email> \[options\]$/m);
    assert.match(run.stdout, /^ {7}npm run editor -- token <email> \[options\]$/m);
    assert.match(run.stdout, /^ {2}-h, --help {2,}this help$/m);
  });
});
