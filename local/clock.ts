// The local stack's two clocks, injectable so that tests drive time instead of sleeping.

/** Milliseconds since some fixed origin, for durations and rates (token buckets). */
export type Clock = () => number;

export const systemClock: Clock = () => performance.now();

/** Milliseconds since the epoch, for timestamps (metrics, token expiry, daily quotas). */
export type WallClock = () => number;
