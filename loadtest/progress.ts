// Live progress on stderr: a redrawn bar on a terminal, one plain line per second otherwise
// (CI logs, pipes), so stdout stays free for the report.
import type { Progress } from "./run";

export interface ProgressView {
  update(progress: Progress): void;
  finish(): void;
}

export function progressView(stream: NodeJS.WriteStream = process.stderr): ProgressView {
  const tty = stream.isTTY === true;
  let lastSecond = -1;
  return {
    update(p) {
      const done = Math.min(1, p.elapsedMs / p.durationMs);
      const text = `${(p.elapsedMs / 1000).toFixed(0).padStart(4)} s  ${p.completed}/${p.planned} answered  ${p.achievedRate}/s  errors ${p.errors}  throttles ${p.throttles}`;
      if (tty) {
        const width = 24;
        const filled = Math.round(done * width);
        stream.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${text}\x1b[K`);
      } else {
        const second = Math.floor(p.elapsedMs / 1000);
        if (second !== lastSecond) stream.write(`${text}\n`);
        lastSecond = second;
      }
    },
    finish() {
      if (tty) stream.write("\n");
    },
  };
}
