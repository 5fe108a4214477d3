/**
 * Polls `condition` until it holds or `maxMs` has passed, and says whether it held: a bound on
 * waiting, not an expectation, so the caller goes on as soon as the state is reached. Between
 * polls it does `work` (driving load, say), or else waits a moment.
 */
export async function until(condition: () => boolean | Promise<boolean>, maxMs = 10_000, work?: () => Promise<void>): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await (work ? work() : new Promise((resolve) => setTimeout(resolve, 5)));
  }
  return condition();
}
