// The local stack in a process of its own, so the load the bench drives does not share its
// event loop, with the store's throughput and API Gateway's throttling lifted so the bench
// measures the stack, not a provisioned capacity or a configured limit. Prints its URL, then
// runs until stdin closes.
import { startLocalStack, unlimitedLocalStack } from "../../local/stack";

export const urlPrefix = "LOCAL_STACK_URL=";

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
