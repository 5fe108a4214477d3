// Source maps for first-party code only. With --enable-source-maps, Node reads and parses the
// map of every module it loads that carries a `sourceMappingURL` comment, and measures the
// module's lines, at cold start: about a tenth of the deployed cold start when every chunk of
// the SDK, Powertools and the X-Ray SDK had one. A stack trace is read for our frames
// (handlers/, config/), so the shipped maps keep only their mappings; a chunk of third-party
// code alone ships without map and comment (its frames show the chunk's minified position).
import type { BundleFiles } from "./bundle";

/** A source map as esbuild writes it (version 3, no sourcesContent). */
interface SourceMapV3 {
  readonly version: 3;
  readonly sources: readonly string[];
  readonly names: readonly string[];
  readonly mappings: string;
}

const base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const base64Value = new Map([...base64].map((c, i) => [c, i] as const));

/** The fields of one mapping segment, each relative to the previous segment's (VLQ). */
function decodeSegment(segment: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = base64Value.get(c);
    if (digit === undefined) throw new Error(`invalid source map segment ${segment}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return fields;
}

function encodeField(n: number): string {
  let value = n < 0 ? (-n << 1) | 1 : n << 1;
  let out = "";
  do {
    let digit = value & 31;
    value >>>= 5;
    if (value) digit |= 32;
    out += base64[digit];
  } while (value);
  return out;
}

/** Whether a map's source is our own code rather than a dependency's. */
export const isFirstParty = (source: string): boolean => !/(^|\/)node_modules\//.test(source);

/**
 * The map with only the mappings into first-party sources (and the sources and names they
 * use), or undefined when none is left.
 */
export function firstPartyOnly(map: SourceMapV3): SourceMapV3 | undefined {
  const sources: string[] = [];
  const names: string[] = [];
  const sourceIndex = new Map<number, number>();
  const nameIndex = new Map<number, number>();
  // Absolute positions in the input map, and the last ones written to the output.
  const at = { source: 0, line: 0, column: 0, name: 0 };
  const written = { source: 0, line: 0, column: 0, name: 0 };
  const lines = map.mappings.split(";").map((line) => {
    let generatedColumn = 0;
    let writtenColumn = 0;
    const kept: string[] = [];
    for (const segment of line === "" ? [] : line.split(",")) {
      const [column, source, sourceLine, sourceColumn, name] = decodeSegment(segment);
      generatedColumn += column!;
      if (source === undefined) continue; // a column with no source: nothing to keep
      at.source += source;
      at.line += sourceLine!;
      at.column += sourceColumn!;
      if (name !== undefined) at.name += name;
      if (!isFirstParty(map.sources[at.source]!)) continue;
      if (!sourceIndex.has(at.source)) sourceIndex.set(at.source, sources.push(map.sources[at.source]!) - 1);
      const s = sourceIndex.get(at.source)!;
      let out =
        encodeField(generatedColumn - writtenColumn) +
        encodeField(s - written.source) +
        encodeField(at.line - written.line) +
        encodeField(at.column - written.column);
      writtenColumn = generatedColumn;
      Object.assign(written, { source: s, line: at.line, column: at.column });
      if (name !== undefined) {
        if (!nameIndex.has(at.name)) nameIndex.set(at.name, names.push(map.names[at.name]!) - 1);
        const n = nameIndex.get(at.name)!;
        out += encodeField(n - written.name);
        written.name = n;
      }
      kept.push(out);
    }
    return kept.join(",");
  });
  if (sources.length === 0) return undefined;
  return { version: 3, sources, names, mappings: lines.join(";").replace(/;+$/, "") };
}

const mapComment = /\n\/\/# sourceMappingURL=\S+\s*$/;

/** The bundle with first-party-only maps; chunks left with no first-party mapping lose theirs. */
export function keepFirstPartySourceMaps(files: BundleFiles): BundleFiles {
  const out: Record<string, string> = {};
  for (const [file, text] of Object.entries(files)) {
    if (file.endsWith(".map")) continue;
    const map = files[`${file}.map`];
    const slim = map === undefined ? undefined : firstPartyOnly(JSON.parse(map) as SourceMapV3);
    if (slim) {
      out[file] = text;
      out[`${file}.map`] = JSON.stringify(slim);
    } else {
      out[file] = text.replace(mapComment, "\n");
    }
  }
  return out;
}
