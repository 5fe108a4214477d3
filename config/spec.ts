// The shape of a stack setting. Every setting is declared once, under its Pulumi config key,
// with its type, description and default; Pulumi.yaml is generated from these declarations.

type SettingType = "string" | "integer" | "boolean";
export type SettingValue = string | number | boolean;

export interface SettingSpec<T extends SettingValue = SettingValue> {
  readonly key: string;
  readonly type: SettingType;
  readonly description: string;
  /** Default for a stack; a function where dev and prod-like stacks differ. */
  readonly default: T | ((stack: string) => T);
  /** The only values accepted, where the set is closed. */
  readonly allowed?: readonly T[];
  /** Values refused with a reason of their own (a deprecated runtime and its dates), before `allowed` is consulted. */
  readonly refused?: Readonly<Record<string, string>>;
  readonly min?: number;
  readonly max?: number;
  /** What a string must look like: the pattern, and the same in words for errors and docs. */
  readonly pattern?: { readonly regex: RegExp; readonly text: string };
  /** A rule a pattern cannot state: the rule in words, and what is wrong with a value (undefined when nothing). */
  readonly rule?: { readonly text: string; problem(value: T): string | undefined };
}

/** A setting as declared: its key is the name it is declared under (keyedByName). */
export type DeclaredSetting<T extends SettingValue = SettingValue> = Omit<SettingSpec<T>, "key">;

export function spec<T extends SettingValue>(s: DeclaredSetting<T>): DeclaredSetting<T> {
  return s;
}

/** The declared settings, each with its Pulumi config key: the name it is declared under. */
export function keyedByName<D extends Readonly<Record<string, DeclaredSetting>>>(
  declared: D,
): { readonly [K in keyof D & string]: D[K] & { readonly key: K } } {
  return Object.fromEntries(Object.entries(declared).map(([key, s]) => [key, { key, ...s }])) as {
    readonly [K in keyof D & string]: D[K] & { readonly key: K };
  };
}

/**
 * A stack whose name starts with "prod": longer log retention, required MFA, the WAF web ACL, threat
 * protection, and an alarm destination it cannot deploy without.
 */
export function isProdLike(stack: string): boolean {
  return /^prod/i.test(stack);
}

export function defaultFor<T extends SettingValue>(s: SettingSpec<T>, stack: string): T {
  return typeof s.default === "function" ? s.default(stack) : s.default;
}

/** Whether a setting's default differs between dev and prod-like stacks. */
export function isStackDependent(s: SettingSpec): boolean {
  return defaultFor(s, "dev") !== defaultFor(s, "prod");
}

/** What values a setting takes, in words ("One of a, b.", "1 to 60.", a pattern's or rule's text); `code` marks up a value. */
export function rangeText(s: SettingSpec, code: (value: string) => string = (v) => v): string | undefined {
  if (s.allowed) return `One of ${s.allowed.map((a) => code(String(a))).join(", ")}.`;
  if (s.pattern) return `${s.pattern.text[0]!.toUpperCase()}${s.pattern.text.slice(1)}.`;
  if (s.rule) return `${s.rule.text[0]!.toUpperCase()}${s.rule.text.slice(1)}.`;
  if (s.min !== undefined && s.max !== undefined) return `${s.min} to ${s.max}.`;
  if (s.min !== undefined) return `At least ${s.min}.`;
  if (s.max !== undefined) return `At most ${s.max}.`;
  return undefined;
}
