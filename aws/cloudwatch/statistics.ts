// CloudWatch statistics over the samples of one period.
// Reference: CloudWatch "Statistics definitions". A percentile pNN is the value below which
// NN % of the period's samples lie; with raw samples that is the nearest-rank percentile (the
// smallest sample with at least NN % of all samples at or below it). CloudWatch computes no
// percentile when a sample is negative.

/** CloudWatch statistics used here; percentiles are written pNN. */
export type Statistic = "Sum" | "Average" | "Maximum" | "Minimum" | "SampleCount" | `p${number}`;

const percentileForm = /^p(\d{1,2}(?:\.\d{1,2})?|100)$/;

/** The statistic of `samples`, or undefined when the period has none (or it is not defined). */
export function statistic(samples: readonly number[], stat: Statistic): number | undefined {
  if (samples.length === 0) return undefined;
  switch (stat) {
    case "SampleCount":
      return samples.length;
    case "Sum":
      return sum(samples);
    case "Average":
      return sum(samples) / samples.length;
    // Reduced, not spread: a busy period holds more samples than a call takes as arguments.
    case "Minimum":
      return samples.reduce((a, b) => Math.min(a, b));
    case "Maximum":
      return samples.reduce((a, b) => Math.max(a, b));
    default:
      return percentile(samples, percentileOf(stat));
  }
}

function percentileOf(stat: string): number {
  const m = percentileForm.exec(stat);
  if (!m) throw new Error(`unsupported statistic: ${stat}`);
  return Number(m[1]);
}

function percentile(samples: readonly number[], p: number): number | undefined {
  return samples.some((v) => v < 0) ? undefined : nearestRank(samples, p / 100);
}

/** The q-quantile (0..1) by nearest rank: the smallest sample with a q share at or below it. */
export function nearestRank(samples: readonly number[], q: number): number | undefined {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1];
}

function sum(samples: readonly number[]): number {
  return samples.reduce((a, b) => a + b, 0);
}
