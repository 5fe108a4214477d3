// Order statistics for benchmark samples, by the same nearest rank as the local CloudWatch.
import { nearestRank } from "../../aws/cloudwatch/statistics";

/** The q-quantile (0..1) by nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  const value = nearestRank(samples, q);
  if (value === undefined) throw new Error("no samples");
  return value;
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);

export const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
