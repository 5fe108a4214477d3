// Runs in a fresh, plain `node` (no TypeScript loader), as the Lambda runtime loads a function:
//   node invokeChild.mjs <cold|warm> <entry> <event.json> <result.json> [warmup] [count]
// cold: times the module's init and its first invocation. warm: after `warmup` invocations,
// times each of `count` more, and the process's CPU time over them. Every invocation gets its
// own sampled X-Ray trace header, as Lambda sets it. The result goes to a file: stdout belongs
// to the function's logs.
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [mode, entry, eventFile, resultFile, warmupArg = "0", countArg = "0"] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventFile, "utf8"));

const context = () => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
  functionVersion: "$LATEST",
  invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${process.env.AWS_LAMBDA_FUNCTION_NAME}`,
  memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
  awsRequestId: randomUUID(),
  logGroupName: `/aws/lambda/${process.env.AWS_LAMBDA_FUNCTION_NAME}`,
  logStreamName: "bench",
  getRemainingTimeInMillis: () => 10000,
});

async function invoke(handler) {
  const root = `1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString("hex")}`;
  process.env._X_AMZN_TRACE_ID = `Root=${root};Parent=${randomBytes(8).toString("hex")};Sampled=1`;
  const response = await handler(event, context());
  if (response?.statusCode !== 201) throw new Error(`expected 201, got ${JSON.stringify(response)}`);
}

const start = performance.now();
const mod = await import(pathToFileURL(entry).href);
const handler = mod.handler ?? mod.default?.handler;
const loaded = performance.now();
await invoke(handler);
const firstDone = performance.now();

if (mode === "cold") {
  writeFileSync(resultFile, JSON.stringify({ initMs: loaded - start, firstInvokeMs: firstDone - loaded }));
} else {
  for (let i = 0; i < Number(warmupArg); i++) await invoke(handler);
  const durations = [];
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < Number(countArg); i++) {
    const t = performance.now();
    await invoke(handler);
    durations.push(performance.now() - t);
  }
  // CPU time (user + system) of the whole process over the timed invocations, in ms.
  const cpu = process.cpuUsage(cpuBefore);
  writeFileSync(resultFile, JSON.stringify({ durations, cpuMs: (cpu.user + cpu.system) / 1000 }));
}
