// What every command-line tool here checks its options with: one error for a bad option, the
// parser that raises it, numbers given on a command line or in the environment, and how a tool
// ends on an error.
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { SettingSpec } from "../config/spec";

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

/** A whole-number override of a stack setting, within the bounds the setting declares. */
export function settingOption(name: string, raw: string | undefined, spec: Pick<SettingSpec, "min" | "max">): number | undefined {
  return numberOption(name, raw, spec.min ?? 0, spec.max ?? Number.MAX_SAFE_INTEGER, true);
}

/** parseArgs, with what it refuses (an unknown option, a missing value) as an OptionsError. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    // Where positionals are allowed, Node adds how to pass one that starts with "-": none of ours does.
    throw new OptionsError((err as Error).message.replace(/\. To specify a positional argument starting with a '-'.*$/s, ""));
  }
}

/**
 * How a tool ends on an error: an option error with a pointer to the tool's help (exit code 2,
 * a usage error), anything else with its message (exit code 1).
 */
export function exitOnError(tool: string, helpCommand: string): (err: unknown) => never {
  return (err) => {
    if (err instanceof OptionsError) {
      console.error(`${tool}: ${err.message}\nRun \`${helpCommand}\` for the options.`);
      process.exit(2);
    }
    console.error(`${tool}: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  };
}
