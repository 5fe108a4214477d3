// The contract every benchmark in bench/ follows. A benchmark is a file `bench/<name>.ts`
// exporting `benchmark`; bench/main.ts finds it there, runs it and prints what it returns.

interface BenchOptions {
  /** A tiny run (CI, smoke tests): few repetitions, figures not meaningful. */
  readonly quick: boolean;
}

/** One figure compared with a baseline measured in the same run. */
export interface Ratio {
  /** What is compared, e.g. "cold start: deployed / naive". */
  readonly name: string;
  readonly measured: number;
  readonly baseline: number;
  readonly unit: string;
}

/** A performance target and whether this run met it. */
export interface TargetCheck {
  readonly name: string;
  /** The target as a reader states it, e.g. "<= 0.75 x naive". */
  readonly target: string;
  /** The measured figure as text, e.g. "0.62 x". */
  readonly measured: string;
  readonly met: boolean;
}

export interface BenchResult {
  /** Free-form lines with the absolute figures (sizes, medians, rates). */
  readonly lines: readonly string[];
  readonly ratios: readonly Ratio[];
  readonly targets: readonly TargetCheck[];
}

export interface Benchmark {
  /** Short name, printed as the section title. */
  readonly name: string;
  run(options: BenchOptions): Promise<BenchResult>;
}

/** The ratio of a Ratio, measured / baseline. */
export const ratioOf = (r: Ratio): number => r.measured / r.baseline;

/** "0.62 x" */
export const times = (value: number): string => `${value.toFixed(2)} x`;

/** The target that `measured` be at most `limit` times `baseline`, judged on the ratio it prints. */
export function ratioTarget(name: string, measured: number, baseline: number, limit: number): TargetCheck {
  const ratio = measured / baseline;
  const met = ratio <= limit;
  // Two decimals, unless they would show a missed target as equal to it (1.2502 as "1.25 x").
  const shown = !met && times(ratio) === times(limit) ? `${ratio.toFixed(4)} x` : times(ratio);
  return { name, target: `<= ${times(limit)}`, measured: shown, met };
}
