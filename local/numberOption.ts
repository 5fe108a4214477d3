// A number given on a command line or in the environment, checked the same way by every CLI.

/**
 * `raw` as a number from `min` to `max` (a whole number when `whole`), undefined when not given;
 * otherwise an error that names the option and quotes what was given.
 */
export function numberOption(name: string, raw: string | undefined, min: number, max: number, whole: boolean): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || n < min || n > max || (whole && !Number.isInteger(n))) {
    throw new Error(`${name} must be ${whole ? "a whole number" : "a number"} from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}
