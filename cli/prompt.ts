// Asking for a secret on the command line: typed without echo at a terminal, or read line by
// line from a pipe (`printf 'old\nnew\n' | npm run editor -- token …`).
import { createInterface } from "node:readline";

let piped: AsyncIterator<string> | undefined;

async function nextPipedLine(): Promise<string | undefined> {
  piped ??= createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
  const line = await piped.next();
  return line.done ? undefined : line.value;
}

function typedWithoutEcho(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    let typed = "";
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    const done = (finish: () => void): void => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      finish();
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") {
          done(() => resolve(typed));
          return;
        }
        if (ch === "\u0003") {
          done(() => reject(new Error("cancelled")));
          return;
        }
        if (ch === "\u007f" || ch === "\b") typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on("data", onData);
  });
}

/** The secret the user gives for `question`; an error naming `flag` when there is none to read. */
export async function askSecret(question: string, flag: string): Promise<string> {
  const answer = process.stdin.isTTY ? await typedWithoutEcho(question) : await nextPipedLine();
  if (answer === undefined || answer === "")
    throw new Error(`no ${flag.replace(/^--/, "").replace(/-/g, " ")} given: give ${flag}, or type it when asked`);
  return answer;
}

/** A secret to be set: at a terminal, typed twice so a typo is caught before it is set. */
export async function askNewSecret(question: string, flag: string): Promise<string> {
  const answer = await askSecret(question, flag);
  if (process.stdin.isTTY && (await askSecret("Again: ", flag)) !== answer) throw new Error("the two entries differ; nothing changed");
  return answer;
}
