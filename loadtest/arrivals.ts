// When each request is meant to be sent: an open-loop schedule fixed before the run starts,
// so a slow answer never delays the next request (no coordinated omission).
//
// A profile is a sequence of segments whose rate changes linearly from `from` to `to`; the
// cumulative count Λ(t) = ∫ rate is inverted per segment. Evenly spaced arrivals sit at
// Λ(t) = 1, 2, 3, …; Poisson arrivals at Λ(t) = running sums of Exp(1) draws, which is a
// non-homogeneous Poisson process by time rescaling.
import type { Random } from "./random";

export type Spacing = "even" | "poisson";

export type Profile =
  | { readonly kind: "constant"; readonly rate: number }
  | { readonly kind: "ramp"; readonly from: number; readonly to: number }
  /** Each rate held for an equal share of the duration. */
  | { readonly kind: "step"; readonly rates: readonly number[] };

interface Segment {
  readonly startSeconds: number;
  readonly seconds: number;
  readonly from: number;
  readonly to: number;
}

function segments(profile: Profile, durationSeconds: number): readonly Segment[] {
  switch (profile.kind) {
    case "constant":
      return [{ startSeconds: 0, seconds: durationSeconds, from: profile.rate, to: profile.rate }];
    case "ramp":
      return [{ startSeconds: 0, seconds: durationSeconds, from: profile.from, to: profile.to }];
    case "step": {
      const seconds = durationSeconds / profile.rates.length;
      return profile.rates.map((rate, i) => ({ startSeconds: i * seconds, seconds, from: rate, to: rate }));
    }
  }
}

/** Requested rate (per second) at `seconds` into the run. */
export function rateAt(profile: Profile, durationSeconds: number, seconds: number): number {
  for (const s of segments(profile, durationSeconds)) {
    if (seconds < s.startSeconds + s.seconds) return s.from + ((s.to - s.from) * (seconds - s.startSeconds)) / s.seconds;
  }
  return 0;
}

/** Requests the profile asks for over the whole run: Λ(duration). */
export function expectedCount(profile: Profile, durationSeconds: number): number {
  return segments(profile, durationSeconds).reduce((sum, s) => sum + ((s.from + s.to) / 2) * s.seconds, 0);
}

/** The highest rate the profile reaches. */
export function peakRate(profile: Profile): number {
  switch (profile.kind) {
    case "constant":
      return profile.rate;
    case "ramp":
      return Math.max(profile.from, profile.to);
    case "step":
      return Math.max(...profile.rates);
  }
}

/** Intended send times in milliseconds from the start, ascending, all within the duration. */
export function arrivalTimes(profile: Profile, durationSeconds: number, spacing: Spacing, random: Random): number[] {
  const times: number[] = [];
  let target = 0;
  const next = (): number => (spacing === "even" ? 1 : -Math.log(1 - random()));
  target += next();
  let before = 0;
  for (const s of segments(profile, durationSeconds)) {
    const inSegment = ((s.from + s.to) / 2) * s.seconds;
    while (target - before <= inSegment) {
      times.push((s.startSeconds + offsetFor(s, target - before)) * 1000);
      target += next();
    }
    before += inSegment;
  }
  return times;
}

/** Seconds into the segment at which its cumulative count reaches `count`. */
function offsetFor(s: Segment, count: number): number {
  const slope = (s.to - s.from) / s.seconds;
  // count = from·t + slope·t²/2, solved for t ≥ 0.
  if (Math.abs(slope) < 1e-12) return count / s.from;
  return (-s.from + Math.sqrt(s.from * s.from + 2 * slope * count)) / slope;
}
