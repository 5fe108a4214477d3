// Stopping a local stack that runs as a child process (the bench's, the npm start tests'):
// ask it to stop its own way, wait for it to exit, and kill it if it has not within a bound,
// so the parent never hangs on a child that does not stop.
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";

/** Asks `child` to stop, waits for its exit (SIGKILL after `boundMs`); its exit code, null if a signal ended it. */
export async function stopChild(child: ChildProcess, ask: (child: ChildProcess) => void, boundMs = 10_000): Promise<number | null> {
  // A child ended by a signal has exited with exitCode still null.
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = once(child, "exit") as Promise<[number | null]>;
  ask(child);
  const timer = setTimeout(() => child.kill("SIGKILL"), boundMs);
  try {
    const [code] = await exited;
    return code;
  } finally {
    clearTimeout(timer);
  }
}
