// Runs in a fresh, plain `node` (no TypeScript loader), and loads the function as the Lambda
// runtime does: an `.mjs` entry with import(), a `.cjs` one with require() (importing CommonJS
// would add Node's scan of the whole file for its export names, which Lambda never pays):
//   node invokeChild.mjs <cold|warm> <entry> <invocation.json> <result.json> [warmup] [count]
// invocation.json holds the event, the context's data and the timeout (lambdaProcess.ts).
// cold: times the module's init and its first invocation. warm: after `warmup` invocations,
// times each of `count` more, and the process's CPU time over them. Every invocation gets its
// own request id and sampled X-Ray trace header, as Lambda sets them. The result goes to a
// file: stdout belongs to the function's logs.
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [mode, entry, invocationFile, resultFile, warmupArg = "0", countArg = "0"] = process.argv.slice(2);
const { event, context: contextData, timeoutMs } = JSON.parse(readFileSync(invocationFile, "utf8"));

const context = () => {
  const deadline = Date.now() + timeoutMs;
  return { ...contextData, awsRequestId: randomUUID(), getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
};

async function invoke(handler) {
  const root = `1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString("hex")}`;
  process.env._X_AMZN_TRACE_ID = `Root=${root};Parent=${randomBytes(8).toString("hex")};Sampled=1`;
  const response = await handler(event, context());
  if (response?.statusCode !== 201) throw new Error(`expected 201, got ${JSON.stringify(response)}`);
}

const require = createRequire(import.meta.url);
const start = performance.now();
const { handler } = entry.endsWith(".cjs") ? require(entry) : await import(pathToFileURL(entry).href);
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
