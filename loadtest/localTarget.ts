// The local stack a load test starts for itself: authentication on, as deployed, with an
// editor token it signs and the first client's API key, so every request passes the local
// authoriser (and pays for it) before it reaches the function. API Gateway's stage and usage
// plan limits are lifted: the run is there to find what DynamoDB and Lambda need, and the
// report recommends the stage throttle to set.
import type { ResolvedLocalOptions } from "../local/options";
import { sampleEditorAccess, startLocalStack, type LocalStack } from "../local/stack";

export interface LocalTarget {
  readonly stack: LocalStack;
  /** Credentials to send with every request; none without authentication. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Starts the stack; with `auth`, its credentials stay valid for `validSeconds`. */
export async function startLocalTarget(requested: ResolvedLocalOptions, auth: boolean, validSeconds: number): Promise<LocalTarget> {
  const options: ResolvedLocalOptions = { ...requested, throttling: "unlimited" };
  if (!auth) return { stack: await startLocalStack(options), headers: {} };
  const access = await sampleEditorAccess(options.settings.apiClients, validSeconds);
  return { stack: await startLocalStack({ ...options, auth: access.auth }), headers: access.headers };
}
