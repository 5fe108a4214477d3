// The local stack a load test starts for itself: authentication on, as deployed, with an
// editor token it signs and the first client's API key, so every request passes the local
// authoriser (and pays for it) before it reaches the function. API Gateway's stage and usage
// plan limits are lifted: the run is there to find what DynamoDB and Lambda need, and the
// report recommends the stage throttle to set.
import { apiClientNames } from "../config/apiClients";
import { resolveSettings } from "../config/settings";
import { createLocalAuth, sampleEditor } from "../local/auth/localAuth";
import { localStackName, startLocalStack, type LocalStack, type LocalStackOptions } from "../local/stack";

export interface LocalTarget {
  readonly stack: LocalStack;
  /** Credentials to send with every request; none without authentication. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Starts the stack; with `auth`, its credentials stay valid for `validSeconds`. */
export async function startLocalTarget(requested: LocalStackOptions, auth: boolean, validSeconds: number): Promise<LocalTarget> {
  const options: LocalStackOptions = { ...requested, throttling: "unlimited" };
  if (!auth) return { stack: await startLocalStack(options), headers: {} };
  const clients = apiClientNames((options.settings ?? resolveSettings(localStackName)).apiClients);
  const localAuth = await createLocalAuth(clients, localStackName);
  const client = localAuth.clients[0];
  if (!client) throw new Error("the stack's apiClients setting names no client, so there is no API key to send; use --no-auth");
  const token = await localAuth.issueToken(sampleEditor, Math.ceil(validSeconds));
  const stack = await startLocalStack({ ...options, auth: localAuth });
  return { stack, headers: { authorization: `Bearer ${token}`, "x-api-key": client.key } };
}
