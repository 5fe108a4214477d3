// What Powertools Logger and Metrics print through, bundled in place of node:console's Console
// (components/powertoolsConsole.ts). They print one string per call, a JSON log line or an EMF
// blob, which Node's Console writes as that string and a newline; so does this, to the same
// streams: log, info, debug and trace to stdout, warn and error to stderr. Node's Console also
// sets up grouping, counters, timers and colour detection, and its first line pays for them:
// about a millisecond of every cold start, for features these libraries never use.

interface Streams {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr?: NodeJS.WritableStream;
}

const noop = (): void => undefined;

type WriteCallback = (err?: Error | null) => void;

let format: ((...args: unknown[]) => string) | undefined;

// Anything but one string is formatted as console.log formats it. Powertools never prints
// anything else, and loading node:util would cost about a millisecond of a cold start, so it
// is required only then.
function formatted(args: readonly unknown[]): string {
  format ??= (require("node:util") as typeof import("node:util")).format;
  return format(...args);
}

// As Node's Console does by default, a failed write is dropped rather than thrown or left as an
// unhandled 'error' event: logging must not take the function down. An error can come at once
// (files) or after the write returns (pipes): a listener guards the first, the write's callback
// the second.
function writeLine(stream: NodeJS.WritableStream, afterWrite: WriteCallback, args: readonly unknown[]): void {
  const line = `${args.length === 1 && typeof args[0] === "string" ? args[0] : formatted(args)}\n`;
  const guarded = stream.listenerCount("error") === 0;
  if (guarded) stream.once("error", noop);
  try {
    stream.write(line, afterWrite);
  } catch {
    // dropped, as above
  } finally {
    if (guarded) stream.removeListener("error", noop);
  }
}

/** Called back after each write: an error still to be emitted meets a listener. */
function errorGuard(stream: NodeJS.WritableStream): WriteCallback {
  return (err) => {
    const state = (stream as { _writableState?: { errorEmitted?: boolean } })._writableState;
    if (err && !state?.errorEmitted && stream.listenerCount("error") === 0) stream.once("error", noop);
  };
}

export class Console {
  readonly #stdout: NodeJS.WritableStream;
  readonly #stderr: NodeJS.WritableStream;
  readonly #afterStdout: WriteCallback;
  readonly #afterStderr: WriteCallback;

  constructor(streams: Streams) {
    this.#stdout = streams.stdout;
    this.#stderr = streams.stderr ?? streams.stdout;
    this.#afterStdout = errorGuard(this.#stdout);
    this.#afterStderr = errorGuard(this.#stderr);
  }

  log(...args: unknown[]): void {
    writeLine(this.#stdout, this.#afterStdout, args);
  }
  info(...args: unknown[]): void {
    writeLine(this.#stdout, this.#afterStdout, args);
  }
  debug(...args: unknown[]): void {
    writeLine(this.#stdout, this.#afterStdout, args);
  }
  // Logger replaces trace with log (no stack in a log line); as a fallback it prints like log.
  trace(...args: unknown[]): void {
    writeLine(this.#stdout, this.#afterStdout, args);
  }
  warn(...args: unknown[]): void {
    writeLine(this.#stderr, this.#afterStderr, args);
  }
  error(...args: unknown[]): void {
    writeLine(this.#stderr, this.#afterStderr, args);
  }
}
