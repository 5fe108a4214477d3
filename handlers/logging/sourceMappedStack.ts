// Stack traces at their source lines, mapped only when an error is logged. Node's
// --enable-source-maps reads and parses every chunk's map at start-up, a share of every cold
// start (the README's "Where the cold start goes") for errors that are rare; here a chunk's map
// is read the first time one of its frames is logged. The handler imports this module lazily,
// so it is not loaded either.
import { readFileSync } from "node:fs";
import { SourceMap, type SourceMapping } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/** A bundle file's map, with the directory its sources are named relative to. */
interface Chunk {
  readonly dir: string;
  readonly map: SourceMap;
}

/** By a frame's file, as the frame names it. */
const chunks = new Map<string, Chunk | undefined>();

/** The chunk a frame's file (a file URL or a path) names, read the first time; undefined if it has no map. */
function chunkOf(file: string): Chunk | undefined {
  if (!chunks.has(file)) {
    let chunk: Chunk | undefined;
    try {
      const generated = file.startsWith("file://") ? fileURLToPath(file) : file;
      chunk = { dir: path.dirname(generated), map: new SourceMap(JSON.parse(readFileSync(`${generated}.map`, "utf8"))) };
    } catch {
      // A malformed file URL, no map, or one that is not JSON or not a source map: the chunk's
      // frames stay as they are.
    }
    chunks.set(file, chunk);
  }
  return chunks.get(file);
}

// A V8 frame's location: file URL (ES modules) or path, then 1-based line and column.
const frameLocation = /((?:file:\/\/)?\/[^\s():]+\.m?js):(\d+):(\d+)/g;

/** The stack with each bundle location replaced by its source file, line and column. */
export function sourceMappedStack(stack: string): string {
  return stack.replace(frameLocation, (location, file: string, line: string, column: string) => {
    const chunk = chunkOf(file);
    if (!chunk) return location;
    // {} for a position the map does not cover; a source of another type in a map that is not one.
    const entry: Partial<SourceMapping> = chunk.map.findEntry(Number(line) - 1, Number(column) - 1);
    if (typeof entry.originalSource !== "string") return location;
    return `${path.resolve(chunk.dir, entry.originalSource)}:${entry.originalLine! + 1}:${entry.originalColumn! + 1}`;
  });
}

/** The error, its stack mapped in place, so that every logger and tracer reads the mapped one. */
export function withSourceMappedStack<T>(error: T): T {
  if (error instanceof Error && error.stack) error.stack = sourceMappedStack(error.stack);
  return error;
}
