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

type Print = (...args: unknown[]) => void;

/** Prints to `stream`, with a write callback made once: an error still to be emitted meets a listener. */
function printer(stream: NodeJS.WritableStream): Print {
  const afterWrite: WriteCallback = (err) => {
    const state = (stream as { _writableState?: { errorEmitted?: boolean } })._writableState;
    if (err && !state?.errorEmitted && stream.listenerCount("error") === 0) stream.once("error", noop);
  };
  return (...args) => writeLine(stream, afterWrite, args);
}

export class Console {
  readonly log: Print;
  readonly info: Print;
  readonly debug: Print;
  readonly warn: Print;
  readonly error: Print;
  // Logger replaces trace with log (no stack in a log line); until then it prints like log.
  trace: Print;

  constructor(streams: Streams) {
    const out = printer(streams.stdout);
    const err = printer(streams.stderr ?? streams.stdout);
    this.log = this.info = this.debug = this.trace = out;
    this.warn = this.error = err;
  }
}
