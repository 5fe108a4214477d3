// Who is proposing: the editor API Gateway's Cognito authoriser verified, read from the ID
// token's claims it passes in requestContext.authorizer.claims. The authoriser proves the
// caller is a user of the pool; being an editor is membership of one group, which only the
// function can check (a REST API Cognito authoriser checks no group).
import type { APIGatewayProxyEvent } from "aws-lambda";

/** The Cognito group whose members may propose destinations. */
export const editorsGroup = "editors";

export interface Editor {
  /** Cognito's stable user id. */
  readonly sub: string;
  readonly username?: string;
  readonly email?: string;
  readonly groups: readonly string[];
}

export type CallerResult =
  /** No authoriser ran: only where the API has none (the local stack with --no-auth). */
  | { readonly kind: "anonymous" }
  | { readonly kind: "editor"; readonly editor: Editor }
  | { readonly kind: "notEditor"; readonly sub: string };

/**
 * API Gateway passes every claim as a string; a list claim such as cognito:groups arrives as
 * "a,b" or "[a b]" depending on the integration, and as an array from a JSON-faithful source.
 */
export function claimList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  if (typeof value !== "string") return [];
  return value
    .replace(/^\[|\]$/g, "")
    .split(/[\s,]/)
    .filter((g) => g.length > 0);
}

const claimString = (claims: Readonly<Record<string, unknown>>, name: string): string | undefined => {
  const value = claims[name];
  return typeof value === "string" && value.length > 0 ? value : undefined;
};

export function caller(event: Pick<APIGatewayProxyEvent, "requestContext">): CallerResult {
  const claims: unknown = event.requestContext?.authorizer?.["claims"];
  if (claims === undefined || claims === null) return { kind: "anonymous" };
  const c = typeof claims === "object" ? (claims as Record<string, unknown>) : {};
  const sub = claimString(c, "sub") ?? "";
  const groups = claimList(c["cognito:groups"]);
  if (!sub || !groups.includes(editorsGroup)) return { kind: "notEditor", sub };
  const username = claimString(c, "cognito:username") ?? claimString(c, "username");
  const email = claimString(c, "email");
  return {
    kind: "editor",
    editor: { sub, groups, ...(username ? { username } : {}), ...(email ? { email } : {}) },
  };
}
