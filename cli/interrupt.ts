// Ctrl-C during long work: the first asks the work to wind down and still report what it did;
// a second quits at once.

export interface Interrupt {
  /** Aborted by the first Ctrl-C. */
  readonly signal: AbortSignal;
  /** Stops listening for Ctrl-C. */
  dispose(): void;
}

// npm and tsx each pass the terminal's SIGINT on to the process that already got it, so one
// press can arrive two or three times within a few milliseconds.
const sameKeyPressMs = 1_000;

/**
 * Listens for SIGINT until disposed. The first prints `stopping` on stderr and aborts the
 * signal; another, a second or more later, exits with 130 as a shell expects of Ctrl-C.
 */
export function onInterrupt(stopping: string): Interrupt {
  const controller = new AbortController();
  let firstAt: number | undefined;
  const handle = (): void => {
    if (firstAt === undefined) {
      firstAt = Date.now();
      process.stderr.write(`\n${stopping} (Ctrl-C again to quit at once)\n`);
      controller.abort();
    } else if (Date.now() - firstAt >= sameKeyPressMs) {
      process.exit(130);
    }
  };
  process.on("SIGINT", handle);
  return { signal: controller.signal, dispose: () => process.off("SIGINT", handle) };
}
