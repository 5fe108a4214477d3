// Captures what the process writes to stdout and stderr while a function runs: the handler's
// structured logs and EMF metrics go there, as in Lambda, and tests read them back as JSON.

export interface Captured<T> {
  readonly result: T;
  /** Every output line that is a JSON object, in order. */
  readonly records: readonly Record<string, unknown>[];
  /** Everything written, as written. */
  readonly text: string;
}

export async function captureOutput<T>(run: () => Promise<T>): Promise<Captured<T>> {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((s) => s.write);
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      const done = rest.find((r): r is () => void => typeof r === "function");
      done?.();
      return true;
    }) as typeof stream.write;
  }
  try {
    const result = await run();
    const text = chunks.join("");
    return { result, records: jsonLines(text), text };
  } finally {
    for (const [i, s] of streams.entries()) s.write = originals[i]!;
  }
}

function jsonLines(text: string): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      records.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // Not a structured record.
    }
  }
  return records;
}

/** Structured log records at ERROR level (Powertools `level` field). */
export function errorRecords(records: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return records.filter((r) => r["level"] === "ERROR");
}
