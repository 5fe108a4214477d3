// The local stack in a process of its own, so the load the bench drives does not share its
// event loop, with the store's throughput and API Gateway's throttling lifted so the bench
// measures the stack, not a provisioned capacity or a configured limit. As a child it prints
// its URL, then runs until stdin closes.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { stopChild } from "../../local/childProcess";
import { startLocalStack, unlimitedLocalStack } from "../../local/stack";

const urlPrefix = "LOCAL_STACK_URL=";

export interface LocalStackChild {
  /** The stack's POST /destination URL. */
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the local stack in a child process and resolves once it serves. */
export async function startLocalStackChild(): Promise<LocalStackChild> {
  const child = spawn(process.execPath, ["--import", "tsx", __filename], { stdio: ["pipe", "pipe", "inherit"] });
  // The child stops when its stdin closes.
  const stop = async (): Promise<void> => {
    await stopChild(child, () => child.stdin.end());
  };
  try {
    let url: string | undefined;
    for await (const line of createInterface({ input: child.stdout })) {
      if (line.startsWith(urlPrefix)) {
        url = line.slice(urlPrefix.length);
        break;
      }
    }
    if (!url) throw new Error("the local stack did not start");
    // The function's log lines are written but not read here.
    child.stdout.resume();
    return { url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function main(): Promise<void> {
  const stack = await startLocalStack(unlimitedLocalStack);
  process.stdout.write(`${urlPrefix}${stack.destinationUrl}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => void stack.close().then(() => process.exit(0)));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
