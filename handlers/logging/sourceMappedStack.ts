// Stack traces at their source lines, mapped only when an error is logged. Node's
// --enable-source-maps reads and parses every chunk's map at start-up, a share of every cold
// start (the README's "Where the cold start goes") for errors that are rare; here a chunk's map
// is read the first time one of its frames is logged. The handler imports this module lazily,
// so it is not loaded either.
import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const maps = new Map<string, SourceMap | undefined>();

/** The map linked from a bundle file, or undefined if it has none (or it cannot be read). */
function mapOf(file: string): SourceMap | undefined {
  if (!maps.has(file)) {
    let map: SourceMap | undefined;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8")));
    } catch {
      map = undefined;
    }
    maps.set(file, map);
  }
  return maps.get(file);
}

// A V8 frame's location: file URL (ES modules) or path, then 1-based line and column.
const frameLocation = /((?:file:\/\/)?\/[^\s():]+\.m?js):(\d+):(\d+)/g;

/** The stack with each bundle location replaced by its source file, line and column. */
export function sourceMappedStack(stack: string): string {
  return stack.replace(frameLocation, (location, file: string, line: string, column: string) => {
    try {
      const generated = file.startsWith("file://") ? fileURLToPath(file) : file;
      const entry = mapOf(generated)?.findEntry(Number(line) - 1, Number(column) - 1);
      if (!entry || !("originalSource" in entry) || entry.originalSource === undefined) return location;
      const source = path.resolve(path.dirname(generated), entry.originalSource);
      return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    } catch {
      // A frame that cannot be mapped (a malformed URL, a map that is not one) stays as it is.
      return location;
    }
  });
}

/** The error, its stack mapped in place, so that every logger and tracer reads the mapped one. */
export function withSourceMappedStack<T>(error: T): T {
  if (error instanceof Error && error.stack) error.stack = sourceMappedStack(error.stack);
  return error;
}
