// How long an editor's ID token lasts: the deployed user pool's app client issues it, and the
// local user pool issues its tokens for as long unless told otherwise.
export const idTokenValidityMinutes = 60;
