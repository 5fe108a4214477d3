// What every command-line tool here checks its options with: one error for a bad option, and
// numbers given on a command line or in the environment.

/** An option the user got wrong: the tools print its message with a pointer to --help. */
export class OptionsError extends Error {
  override readonly name = "OptionsError";
}

/**
 * `raw` as a number from `min` to `max` (a whole number when `whole`), undefined when not given;
 * otherwise an OptionsError that names the option and quotes what was given.
 */
export function numberOption(name: string, raw: string | undefined, min: number, max: number, whole: boolean): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || n < min || n > max || (whole && !Number.isInteger(n))) {
    throw new OptionsError(`${name} must be ${whole ? "a whole number" : "a number"} from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}
