// The local stack in a process of its own (one stack per process: the in-process runtime
// loads the handler once), with the store's throughput limit lifted so the bench measures the
// stack, not a provisioned capacity. Prints its URL, then runs until stdin closes.
import { startLocalStack } from "../../local/stack";

export const urlPrefix = "LOCAL_STACK_URL=";

async function main(): Promise<void> {
  const stack = await startLocalStack({ port: 0, dynamoPort: 0 });
  stack.dynamo.setCapacity("unlimited");
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
