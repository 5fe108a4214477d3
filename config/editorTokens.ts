// How long an editor's ID token lasts: the deployed user pool's app client issues it, and the
// local user pool issues its tokens for as long unless told otherwise.
export const idTokenValidityMinutes = 60;

/**
 * How `npm run editor -- token` signs an editor in: a server-side flow that only a caller with
 * IAM permission for cognito-idp:AdminInitiateAuth on the pool can start. The app client allows it
 * as `ALLOW_<flow>` (docs/adr/0002-editor-authentication.md).
 */
export const adminSignInFlow = "ADMIN_USER_PASSWORD_AUTH";
