// How long an editor's ID token lasts: the deployed user pool's app client issues it, and the
// local user pool issues its tokens for as long unless told otherwise.
export const idTokenValidityMinutes = 60;

/**
 * How `npm run editor -- token` signs an editor in: a server-side flow that only a caller with
 * IAM permission for cognito-idp:AdminInitiateAuth on the pool can start. The app client allows it
 * as `ALLOW_<flow>` (docs/adr/0002-editor-authentication.md).
 */
export const adminSignInFlow = "ADMIN_USER_PASSWORD_AUTH";

/** Access tokens last as long as ID tokens: at most an hour, so a stolen one is soon useless. */
export const accessTokenValidityMinutes = 60;

/**
 * How long an editor stays signed in without entering the password (and MFA code) again: the
 * refresh token's life, a week at most, since the authoriser cannot see a sign-out.
 */
export const refreshTokenValidityDays = 7;
