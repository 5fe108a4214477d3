// Checks made around the run: report files that could not be written are refused before
// anything is sent, and a run no request of which got an answer ends without a sizing.
import { accessSync, constants, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { OptionsError } from "../cli/commandLine";

/** Throws an OptionsError naming the option when a report file could not be written. */
export function checkOutputFiles(files: Readonly<Record<string, string | undefined>>): void {
  for (const [option, file] of Object.entries(files)) {
    if (file === undefined) continue;
    const path = resolve(file);
    const folder = dirname(path);
    const problem = ((): string | undefined => {
      const folderStat = statSync(folder, { throwIfNoEntry: false });
      if (!folderStat) return `folder ${folder} does not exist`;
      if (!folderStat.isDirectory()) return `${folder} is not a folder`;
      const fileStat = statSync(path, { throwIfNoEntry: false });
      if (fileStat?.isDirectory()) return `${path} is a folder`;
      try {
        accessSync(fileStat ? path : folder, constants.W_OK);
      } catch {
        return `${fileStat ? path : folder} is not writable`;
      }
      return undefined;
    })();
    if (problem) throw new OptionsError(`${option} ${file}: ${problem}; nothing was run`);
  }
}

/** Every request failed without an answer: there is nothing to size from. */
export class ConnectionFailure extends Error {
  constructor(sent: number, url: string, reason: string | undefined) {
    super(
      `none of the ${sent} requests sent got an answer from ${url}${reason ? `: ${reason}` : ""}. ` +
        "Is the target running and the URL right? No sizing is given for a run that reached nothing",
    );
    this.name = "ConnectionFailure";
  }
}
