// The exact rules of a destination proposal. Unknown fields are rejected, not dropped: an
// editor who misspells `description` should hear about it rather than lose the text.
//
// Checked by plain functions rather than a schema library: five fields do not need one, and
// zod/mini, the lightest tried, was a measurable share of every cold start and request (the
// README's "Where the cold start goes"; npm run bench -- --only "cost by part").

export const proposalLimits = {
  nameMax: 200,
  descriptionMax: 2000,
  websiteMax: 2048,
  tagsMax: 10,
  tagMax: 30,
  /** Unknown fields of one object named in an answer; more are counted. */
  unknownFieldsNamed: 10,
} as const;

/** A proposal as accepted: text trimmed, the website in its canonical form. */
export interface Proposal {
  readonly name: string;
  readonly location: { readonly latitude: number; readonly longitude: number };
  readonly description?: string;
  readonly website?: string;
  readonly tags?: readonly string[];
}

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly proposal: Proposal }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** A field's value as accepted, or why it is not. */
type Checked<T> = { readonly value: T } | { readonly message: string };

// C0/C1 control characters make names and tags unreadable in every listing.
const controlChars = /[\u0000-\u001f\u007f-\u009f]/;

function text(value: unknown, max: number): Checked<string> {
  if (typeof value !== "string") return { message: "must be a string" };
  if (!value.isWellFormed()) return { message: "must be valid Unicode (no lone surrogates)" };
  const trimmed = value.trim();
  if (trimmed.length > max) return { message: `must be at most ${max} characters` };
  return { value: trimmed };
}

function label(value: unknown, max: number): Checked<string> {
  const checked = text(value, max);
  if (!("value" in checked)) return checked;
  if (checked.value === "") return { message: "must not be empty" };
  if (controlChars.test(checked.value)) return { message: "must not contain control characters" };
  return checked;
}

function coordinate(value: unknown, limit: number): Checked<number> {
  if (typeof value !== "number" || !Number.isFinite(value)) return { message: "must be a number" };
  if (value < -limit || value > limit) return { message: `must be from -${limit} to ${limit}` };
  return { value };
}

// Checked as text first: the URL parser would silently turn a lone surrogate into U+FFFD.
function website(value: unknown): Checked<string> {
  const checked = text(value, proposalLimits.websiteMax);
  if (!("value" in checked)) return checked;
  // "http:example.org" parses, as a relative reference; an editor meant something else.
  const url = /^https?:\/\//i.test(checked.value) ? parseUrl(checked.value) : undefined;
  return url ? { value: url.href } : { message: "must be an absolute http(s) URL" };
}

// Not URL.canParse: once optimised, Node 20's answers it wrongly for some non-ASCII text.
function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** How an error names the body itself rather than one of its fields. */
const bodyField = "(body)";

/** Collects every failing field, so an editor hears of all of them in one answer. */
class Fields {
  constructor(
    readonly errors: FieldError[] = [],
    /** The path of the object whose fields these are; "" for the body. */
    private readonly path = "",
  ) {}

  /** The fields of a nested object, reported by their path (`location.latitude`). */
  within(field: string): Fields {
    return new Fields(this.errors, this.pathOf(field));
  }

  fail(field: string, message: string): undefined {
    this.errors.push({ field: this.pathOf(field), message });
    return undefined;
  }

  private pathOf(field: string): string {
    return this.path ? `${this.path}.${field}` : field;
  }

  required<T>(object: Record<string, unknown>, field: string, check: (value: unknown) => Checked<T>): T | undefined {
    if (object[field] === undefined) return this.fail(field, "is required");
    return this.optional(object, field, check);
  }

  optional<T>(object: Record<string, unknown>, field: string, check: (value: unknown) => Checked<T>): T | undefined {
    if (object[field] === undefined) return undefined;
    const checked = check(object[field]);
    return "value" in checked ? checked.value : this.fail(field, checked.message);
  }

  /**
   * Rejects the fields the rules do not name: the first few each by name, the rest as a count,
   * so that a body of many short unknown keys cannot make an answer many times its size.
   */
  known(object: Record<string, unknown>, names: readonly string[]): void {
    const unknown = Object.keys(object).filter((field) => !names.includes(field));
    const named = proposalLimits.unknownFieldsNamed;
    for (const field of unknown.slice(0, named)) this.fail(field, `is not a known field (expected ${names.join(", ")})`);
    if (unknown.length > named) {
      this.errors.push({ field: this.path || bodyField, message: `has ${unknown.length - named} more unknown fields` });
    }
  }
}

function location(value: unknown, fields: Fields): Proposal["location"] | undefined {
  if (value === undefined) return fields.fail("location", "is required");
  if (!isObject(value)) return fields.fail("location", "must be an object with latitude and longitude");
  const inner = fields.within("location");
  const latitude = inner.required(value, "latitude", (v) => coordinate(v, 90));
  const longitude = inner.required(value, "longitude", (v) => coordinate(v, 180));
  inner.known(value, ["latitude", "longitude"]);
  return latitude === undefined || longitude === undefined ? undefined : { latitude, longitude };
}

function tags(value: unknown, fields: Fields): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return fields.fail("tags", "must be an array of strings");
  if (value.length > proposalLimits.tagsMax) return fields.fail("tags", `must hold at most ${proposalLimits.tagsMax} tags`);
  const accepted: string[] = [];
  value.forEach((tag: unknown, i) => {
    const checked = label(tag, proposalLimits.tagMax);
    if ("value" in checked) accepted.push(checked.value);
    else fields.fail(`tags.${i}`, checked.message);
  });
  if (accepted.length < value.length) return undefined;
  // Compared in one Unicode form too: "café" typed composed or decomposed is one tag.
  if (new Set(accepted.map((t) => t.normalize("NFC").toLowerCase())).size < accepted.length) {
    return fields.fail("tags", "must not repeat a tag (case-insensitive)");
  }
  return accepted;
}

const proposalFields = ["name", "location", "description", "website", "tags"] as const;

/** Validates a parsed JSON body, reporting every failing field, not just the first. */
export function parseProposal(body: unknown): ParseResult {
  if (!isObject(body)) return { ok: false, errors: [{ field: bodyField, message: "must be a JSON object" }] };
  const fields = new Fields();
  const name = fields.required(body, "name", (v) => label(v, proposalLimits.nameMax));
  const place = location(body.location, fields);
  const description = fields.optional(body, "description", (v) => text(v, proposalLimits.descriptionMax));
  const site = fields.optional(body, "website", website);
  const accepted = tags(body.tags, fields);
  fields.known(body, proposalFields);
  if (fields.errors.length > 0 || name === undefined || place === undefined) return { ok: false, errors: fields.errors };
  return {
    ok: true,
    proposal: {
      name,
      location: place,
      ...(description === undefined ? {} : { description }),
      ...(site === undefined ? {} : { website: site }),
      ...(accepted === undefined ? {} : { tags: accepted }),
    },
  };
}
