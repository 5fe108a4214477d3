// How long an editor's ID token lasts: the deployed user pool's app client issues it, and the
// local user pool issues its tokens for as long unless told otherwise.
export const idTokenValidityMinutes = 60;

/** Access tokens last as long as ID tokens: at most an hour, so a stolen one is soon useless. */
export const accessTokenValidityMinutes = 60;

/**
 * How long an editor stays signed in without entering the password (and MFA code) again: the
 * refresh token's life, a week at most, since the authoriser cannot see a sign-out.
 */
export const refreshTokenValidityDays = 7;
