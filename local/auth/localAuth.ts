// The local stack's stand-in for the Cognito user pool authoriser and API keys: ID tokens
// signed by a key made at start and verified with jose exactly as API Gateway verifies Cognito's
// (signature, issuer, audience, expiry, token_use), and one API key per client. A refused
// request is answered here, as API Gateway answers it, and never reaches the function.
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { apiClientNames } from "../../config/apiClients";
import { localStackName } from "../../config/names";
import { editorsGroup } from "../../handlers/auth/editor";
import { gatewayProblems, type GatewayProblem } from "../../handlers/auth/gatewayProblems";
import { idTokenValidityMinutes } from "../../config/editorTokens";
import type { WallClock } from "../clock";

export interface LocalUser {
  readonly username: string;
  readonly email: string;
  readonly groups: readonly string[];
}

interface ApiClient {
  readonly name: string;
  readonly key: string;
}

type AuthDecision =
  | { readonly ok: true; readonly claims: Readonly<Record<string, string>>; readonly client: ApiClient }
  | { readonly ok: false; readonly problem: GatewayProblem };

export interface LocalAuth {
  readonly issuer: string;
  /** The app client id: the ID token's audience. */
  readonly audience: string;
  readonly clients: readonly ApiClient[];
  /** An ID token for `user`, valid for `ttlSeconds` (default: the app client's ID token validity, idTokenValidityMinutes). */
  issueToken(user: LocalUser, ttlSeconds?: number): Promise<string>;
  /** What API Gateway decides for a request's headers, in its order: token first, then API key. */
  authorize(headers: IncomingHttpHeaders): Promise<AuthDecision>;
}

export const sampleEditor: LocalUser = { username: "sample-editor", email: "editor@example.org", groups: [editorsGroup] };

const algorithm = "RS256";

/** Auth for a stack's API clients, and the headers a sample editor sends to pass it. */
export interface SampleEditorAccess {
  readonly auth: LocalAuth;
  readonly headers: { readonly authorization: string; readonly "x-api-key": string };
}

/** The sample editor's token, valid for `validSeconds`, and the first client's API key. */
export async function sampleEditorAccess(apiClients: string, validSeconds: number): Promise<SampleEditorAccess> {
  const auth = await createLocalAuth(apiClientNames(apiClients));
  const client = auth.clients[0];
  if (!client) throw new Error("the stack's apiClients setting names no client, so there is no API key to send; use --no-auth");
  const token = await auth.issueToken(sampleEditor, Math.ceil(validSeconds));
  return { auth, headers: { authorization: `Bearer ${token}`, "x-api-key": client.key } };
}

// jose is an ES module; this CommonJS code loads it with import().
type Jose = typeof import("jose", { with: { "resolution-mode": "import" }});
type Key = Awaited<ReturnType<Jose["generateKeyPair"]>>["privateKey"];
type Payload = Awaited<ReturnType<Jose["jwtVerify"]>>["payload"];

/** `clock` times the tokens' issue, expiry and verification; tests move it to expire a token. */
export async function createLocalAuth(clientNames: readonly string[], clock: WallClock = Date.now): Promise<LocalAuth> {
  const jose = await import("jose");
  const { privateKey, publicKey } = await jose.generateKeyPair(algorithm);
  const issuer = `http://127.0.0.1/local-user-pool/${localStackName}`;
  const audience = `local-${localStackName}-app-client`;
  const clients = clientNames.map((name) => ({ name, key: randomBytes(30).toString("base64url") }));
  const subs = new Map<string, string>();
  return {
    issuer,
    audience,
    clients,
    issueToken: (user, ttlSeconds = idTokenValidityMinutes * 60) => {
      const sub = subs.get(user.username) ?? randomUUID();
      subs.set(user.username, sub);
      const issuedAt = Math.floor(clock() / 1000);
      return sign(jose, privateKey, issuer, audience, sub, user, issuedAt, issuedAt + ttlSeconds);
    },
    authorize: (headers) => authorize(jose, headers, publicKey, issuer, audience, clients, new Date(clock())),
  };
}

function sign(
  jose: Jose,
  key: Key,
  issuer: string,
  audience: string,
  sub: string,
  user: LocalUser,
  issuedAt: number,
  expiresAt: number,
): Promise<string> {
  return new jose.SignJWT({
    token_use: "id",
    "cognito:username": user.username,
    email: user.email,
    "cognito:groups": [...user.groups],
  })
    .setProtectedHeader({ alg: algorithm })
    .setSubject(sub)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key);
}

async function authorize(
  jose: Jose,
  headers: IncomingHttpHeaders,
  key: Key,
  issuer: string,
  audience: string,
  clients: readonly ApiClient[],
  now: Date,
): Promise<AuthDecision> {
  // Cognito's authoriser takes the token alone or after "Bearer ", as clients commonly send it.
  const token = /^(?:Bearer\s+)?(\S+)$/i.exec(single(headers["authorization"]) ?? "")?.[1];
  if (!token) return { ok: false, problem: gatewayProblems.unauthorized };
  let payload: Payload;
  try {
    ({ payload } = await jose.jwtVerify(token, key, {
      issuer,
      audience,
      algorithms: [algorithm],
      requiredClaims: ["sub", "exp"],
      currentDate: now,
    }));
  } catch {
    return { ok: false, problem: gatewayProblems.unauthorized };
  }
  // Only ID tokens carry the editor's groups and e-mail; API Gateway's Cognito authoriser
  // without OAuth scopes likewise accepts ID tokens.
  if (payload["token_use"] !== "id") return { ok: false, problem: gatewayProblems.unauthorized };
  const apiKey = single(headers["x-api-key"]);
  const client = clients.find((c) => c.key === apiKey);
  if (!client) return { ok: false, problem: gatewayProblems.invalidApiKey };
  return { ok: true, claims: gatewayClaims(payload), client };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Claims as a REST API passes them to the function: every value a string, lists comma-joined. */
function gatewayClaims(payload: Payload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    claims[name] = Array.isArray(value) ? value.join(",") : String(value);
  }
  return claims;
}
