// The exact rules of a destination proposal. Unknown fields are rejected, not dropped: an
// editor who misspells `description` should hear about it rather than lose the text.
import * as z from "zod";

const wellFormed = (s: string): boolean => s.isWellFormed();
// C0/C1 control characters make names and tags unreadable in every listing.
const noControlChars = (s: string): boolean => !/[\u0000-\u001f\u007f-\u009f]/.test(s);

const text = (max: number) =>
  z
    .string()
    .refine(wellFormed, { message: "must be valid Unicode (no lone surrogates)" })
    .transform((s) => s.trim())
    .pipe(z.string().max(max, { message: `must be at most ${max} characters` }));

const label = (max: number) =>
  text(max)
    .pipe(z.string().min(1, { message: "must not be empty" }))
    .refine(noControlChars, { message: "must not contain control characters" });

export const proposalLimits = {
  nameMax: 200,
  descriptionMax: 2000,
  websiteMax: 2048,
  tagsMax: 10,
  tagMax: 30,
} as const;

export const proposalSchema = z.strictObject({
  name: label(proposalLimits.nameMax),
  location: z.strictObject({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  }),
  description: text(proposalLimits.descriptionMax).optional(),
  website: z
    .string()
    .max(proposalLimits.websiteMax)
    .pipe(z.url({ protocol: /^https?$/, message: "must be an absolute http(s) URL" }))
    .transform((u) => new URL(u).href)
    .optional(),
  tags: z
    .array(label(proposalLimits.tagMax))
    .max(proposalLimits.tagsMax, { message: `must hold at most ${proposalLimits.tagsMax} tags` })
    .refine((tags) => new Set(tags.map((t) => t.toLowerCase())).size === tags.length, {
      message: "must not repeat a tag (case-insensitive)",
    })
    .optional(),
});

export type Proposal = z.output<typeof proposalSchema>;

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly proposal: Proposal }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** Validates a parsed JSON body, reporting every failing field, not just the first. */
export function parseProposal(body: unknown): ParseResult {
  const result = proposalSchema.safeParse(body);
  if (result.success) return { ok: true, proposal: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      field: fieldName(issue.path, issue.code === "unrecognized_keys" ? issue.keys : undefined),
      message: issue.message,
    })),
  };
}

function fieldName(path: readonly PropertyKey[], unknownKeys?: readonly string[]): string {
  const base = path.map(String).join(".");
  if (!unknownKeys) return base || "(body)";
  const names = unknownKeys.map((k) => (base ? `${base}.${k}` : k));
  return names.join(", ");
}
