// `npm start`: the local stack in the foreground, until Ctrl-C or SIGTERM.
import { parseArgs } from "node:util";
import { startLocalStack } from "./stack";
import { localSettings, usage } from "./options";
import { opsPeriodSeconds, startOps } from "./observability/ops";

async function main(): Promise<void> {
  const started = Date.now();
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      "dynamodb-port": { type: "string" },
      "data-dir": { type: "string" },
      wcu: { type: "string" },
      rcu: { type: "string" },
      capacity: { type: "string" },
      "ops-period": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const options = localSettings(values, process.env);
  const periodSeconds = opsPeriodSeconds(values["ops-period"] ?? process.env.OPS_PERIOD);
  const stack = await startLocalStack(options);
  const ops = startOps(stack, { periodSeconds });
  // The function's log stream, as CloudWatch Logs would receive it.
  stack.onLog((line) => console.log(line));
  const curl =
    `curl -i -X POST ${stack.destinationUrl} -H 'Content-Type: application/json' ` +
    `-d '{"name":"Tide pools at Wembury","location":{"latitude":50.317,"longitude":-4.083}}'`;
  const store = options.dataDir ? `persisted in ${options.dataDir}` : "in memory";
  const capacity =
    stack.dynamo.capacity === "unlimited"
      ? "throughput unlimited"
      : `${stack.dynamo.capacity.writeCapacity} WCU / ${stack.dynamo.capacity.readCapacity} RCU enforced`;
  console.log(
    [
      `visitplannr local stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      `  API       ${stack.destinationUrl}`,
      `  DynamoDB  ${stack.dynamo.endpoint}  table ${stack.tableName} (${capacity}, ${store})`,
      `  Ops       ${ops.url}  (dashboard and alarms, ${periodSeconds} s periods)`,
      "",
      "Propose a destination:",
      `  ${curl}`,
      "Look at the event store:",
      `  aws dynamodb scan --endpoint-url ${stack.dynamo.endpoint} --table-name ${stack.tableName}`,
      "",
      "Ctrl-C stops it.",
    ].join("\n"),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local stack…`);
    stack.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(`visitplannr local stack: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
