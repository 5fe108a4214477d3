// The README's rules for a destination proposal, written again from the README alone: the oracle
// the property tests hold the handler to. It shares no code or constant with handlers/, so a
// shifted limit there shows up as a disagreement here.

/** The documented limits, as the README states them. */
export const documented = {
  nameMax: 200,
  descriptionMax: 2_000,
  websiteMax: 2_048,
  tagsMax: 10,
  tagMax: 30,
  latitude: 90,
  longitude: 180,
  bodyBytes: 65_536,
  unknownFieldsNamed: 10,
} as const;

const knownFields = ["name", "location", "description", "website", "tags"];
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const hasControl = (s: string) => [...s].some((c) => c.charCodeAt(0) <= 0x1f || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f));

/** Text after trimming, if it is a string of valid Unicode at most `max` long; else undefined. */
function fits(value: unknown, max: number): string | undefined {
  if (typeof value !== "string" || !value.isWellFormed()) return undefined;
  const trimmed = value.trim();
  return trimmed.length <= max ? trimmed : undefined;
}

const fitsLabel = (value: unknown, max: number): string | undefined => {
  const t = fits(value, max);
  return t !== undefined && t !== "" && !hasControl(t) ? t : undefined;
};

const inRange = (v: unknown, limit: number) => typeof v === "number" && Number.isFinite(v) && v >= -limit && v <= limit;

function isHttpUrl(value: unknown): boolean {
  const t = fits(value, documented.websiteMax);
  if (t === undefined || !/^https?:\/\//i.test(t)) return false;
  try {
    new URL(t);
    return true;
  } catch {
    return false;
  }
}

/** Unknown fields: the first ten by name (under `path`), then the object itself once for the rest. */
function unknownFields(object: Record<string, unknown>, known: readonly string[], path: string): string[] {
  const unknown = Object.keys(object).filter((k) => !known.includes(k));
  const named = unknown.slice(0, documented.unknownFieldsNamed).map((k) => (path ? `${path}.${k}` : k));
  return unknown.length > documented.unknownFieldsNamed ? [...named, path || "(body)"] : named;
}

/** The fields a parsed JSON body is refused for, sorted; empty when the documented rules accept it. */
export function refusedFields(body: unknown): string[] {
  if (!isPlainObject(body)) return ["(body)"];
  const fields: string[] = [];
  if (body.name === undefined || fitsLabel(body.name, documented.nameMax) === undefined) fields.push("name");
  const location = body.location;
  if (!isPlainObject(location)) fields.push("location");
  else {
    if (!inRange(location.latitude, documented.latitude)) fields.push("location.latitude");
    if (!inRange(location.longitude, documented.longitude)) fields.push("location.longitude");
    fields.push(...unknownFields(location, ["latitude", "longitude"], "location"));
  }
  if (body.description !== undefined && fits(body.description, documented.descriptionMax) === undefined) fields.push("description");
  if (body.website !== undefined && !isHttpUrl(body.website)) fields.push("website");
  const tags = body.tags;
  if (tags !== undefined) {
    if (!Array.isArray(tags) || tags.length > documented.tagsMax) fields.push("tags");
    else {
      const accepted = tags.map((t: unknown) => fitsLabel(t, documented.tagMax));
      accepted.forEach((t, i) => {
        if (t === undefined) fields.push(`tags.${i}`);
      });
      const alike = accepted.map((t) => t?.normalize("NFC").toLowerCase());
      if (accepted.every((t) => t !== undefined) && new Set(alike).size < alike.length) fields.push("tags");
    }
  }
  fields.push(...unknownFields(body, knownFields, ""));
  return fields.sort();
}
