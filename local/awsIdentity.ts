// The AWS identity the local stack stands in for: one region, account and key pair, so the
// ARNs, events and clients it builds all name the same place. Nothing here leaves loopback.
export const localRegion = "local";
export const localAccount = "000000000000";
/** The local store accepts any credentials; these are never sent anywhere else. */
export const localCredentials = { accessKeyId: "local", secretAccessKey: "local" } as const;
