// Reading Markdown as GitHub renders it, as far as the docs checks need: which parts are code,
// what links point at, which anchors headings get, and which npm scripts code shows.

/** A line of prose or of code, with its 1-based line number. */
interface Line {
  readonly text: string;
  readonly number: number;
}

/** A line outside fenced code blocks: `text` with its code spans blanked out, `raw` as written. */
interface ProseLine extends Line {
  readonly raw: string;
}

export interface Parts {
  /** Lines outside fenced code blocks. */
  readonly prose: readonly ProseLine[];
  /** Contents of fenced code blocks and of inline code spans. */
  readonly code: readonly Line[];
}

const fence = /^ {0,3}(`{3,}|~{3,})/;
const codeSpan = /(`+)(.+?)\1/g;

export function splitCode(markdown: string): Parts {
  const prose: ProseLine[] = [];
  const code: Line[] = [];
  let open: string | undefined;
  markdown.split("\n").forEach((text, i) => {
    const number = i + 1;
    const marker = fence.exec(text)?.[1];
    if (open !== undefined) {
      if (marker !== undefined && marker[0] === open[0] && marker.length >= open.length && text.trim() === marker) open = undefined;
      else code.push({ text, number });
      return;
    }
    if (marker !== undefined) {
      open = marker;
      return;
    }
    for (const span of text.matchAll(codeSpan)) code.push({ text: span[2]!, number });
    prose.push({ text: text.replace(codeSpan, (m) => " ".repeat(m.length)), raw: text, number });
  });
  return { prose, code };
}

/**
 * GitHub's anchor for a heading's text: lower case, punctuation and symbols dropped, each space
 * a hyphen; the n-th repeat of a slug gets `-n` appended (`seen` counts them).
 */
export function headingSlug(heading: string, seen: Map<string, number> = new Map()): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // a link or image counts by its text
    .replace(/<[^>]+>/g, "") // tags are not text
    .replace(/`/g, "")
    .replace(/\*\*?|~~/g, "")
    .trim();
  const base = text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
    .replace(/ /g, "-");
  const count = seen.get(base) ?? 0;
  seen.set(base, count + 1);
  return count === 0 ? base : `${base}-${count}`;
}

/** Every anchor a document defines: its headings' slugs and explicit `<a id>` / `<a name>`. */
export function anchors(markdown: string): Set<string> {
  const { prose } = splitCode(markdown);
  const seen = new Map<string, number>();
  const found = new Set<string>();
  prose.forEach((line, i) => {
    // A heading's code spans are part of its text.
    const atx = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line.raw);
    const previous = prose[i - 1];
    // A setext heading: a line of text underlined with = or -, directly above.
    const setext =
      /^ {0,3}(=+|-+)\s*$/.test(line.text) &&
      previous !== undefined &&
      previous.number === line.number - 1 &&
      /\S/.test(previous.raw) &&
      !/^\s*([|>#*+-]|\d+\.)/.test(previous.raw);
    if (atx) found.add(headingSlug(atx[1]!, seen));
    else if (setext) found.add(headingSlug(previous.raw, seen));
    for (const m of line.text.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/g)) found.add(m[1]!);
  });
  return found;
}

export interface Link {
  readonly target: string;
  readonly line: number;
}

/** Links outside code: inline `[text](target)` and images, reference definitions, HTML href/src. */
export function links(markdown: string): Link[] {
  const found: Link[] = [];
  for (const { text, number } of splitCode(markdown).prose) {
    for (const m of text.matchAll(/\]\(\s*(<[^>]*>|[^)\s]*)(?:\s+"[^"]*")?\s*\)/g)) {
      found.push({ target: m[1]!.replace(/^<|>$/g, ""), line: number });
    }
    const definition = /^ {0,3}\[[^\]]+\]:\s*(\S+)/.exec(text);
    if (definition) found.push({ target: definition[1]!.replace(/^<|>$/g, ""), line: number });
    for (const m of text.matchAll(/\s(?:href|src)="([^"]+)"/g)) found.push({ target: m[1]!, line: number });
  }
  return found;
}

/** Whether a link leaves the repository (a URL with a scheme, or protocol-relative). */
export function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//");
}

export interface ScriptUse {
  readonly script: string;
  readonly line: number;
  readonly command: string;
}

// `npm run [flags] <name>`, `npm run-script …`, `npm start`, `npm test` and `npm t`.
const npmCommand = /\bnpm\s+(?:(?:run|run-script)\s+((?:-{1,2}[\w-]+\s+)*)([\w:.-]+)|(start|test|t)\b)/g;

/** The npm scripts that code (blocks and spans) runs. */
export function scriptUses(markdown: string): ScriptUse[] {
  const found: ScriptUse[] = [];
  for (const { text, number } of splitCode(markdown).code) {
    for (const m of text.matchAll(npmCommand)) {
      const script = m[2] ?? (m[3] === "t" ? "test" : m[3]!);
      found.push({ script, line: number, command: m[0].trim() });
    }
  }
  return found;
}
