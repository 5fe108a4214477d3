// Runs a build in a fresh `node` process with the environment Lambda gives the function
// (tracing active, Powertools configured as the bench stack configures it), against a DynamoDB
// endpoint on loopback.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { lambdaContext, lambdaEnvironment, stackFunction } from "../../local/lambda/environment";
import { benchSettings, benchStack } from "./benchStack";
import type { Build } from "./bundles";

const childScript = path.join(__dirname, "invokeChild.mjs");

// The function's stdout (its log lines) goes to /dev/null: written, as in Lambda, but not read
// by this busy process. stderr is kept for the error message.
async function run(args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"], timeout: 120_000 });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const [code, signal] = (await once(child, "close")) as [number | null, NodeJS.Signals | null];
  if (code !== 0) throw new Error(`function process failed (${signal ?? code}): ${stderr.slice(-2000)}`);
}

/** Where the function's calls go: the DynamoDB endpoint and the X-Ray daemon, both on loopback. */
export interface Endpoints {
  readonly dynamo: string;
  readonly xrayDaemon: string;
}

const benchFunction = stackFunction(benchStack, benchSettings);

// The environment the local stack gives the function, with tracing on: segments go over UDP to
// the daemon address, as in Lambda.
function functionEnvironment(build: Build, endpoints: Endpoints): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    ...lambdaEnvironment({ ...benchFunction, dynamoEndpoint: endpoints.dynamo, xrayDaemonAddress: endpoints.xrayDaemon }),
    // What Powertools Tracer and the X-Ray SDK take for being in Lambda.
    AWS_EXECUTION_ENV: `AWS_Lambda_${benchSettings.runtime}`,
    LAMBDA_TASK_ROOT: path.dirname(build.entry),
  };
}

async function runChild<T>(build: Build, endpoints: Endpoints, event: unknown, args: readonly string[]): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), "visitplannr-invoke-"));
  try {
    const invocationFile = path.join(dir, "invocation.json");
    const resultFile = path.join(dir, "result.json");
    // The context's data as the local stack gives it; the child adds a request id and the remaining time per invocation.
    writeFileSync(
      invocationFile,
      JSON.stringify({ event, context: lambdaContext(benchFunction), timeoutMs: benchFunction.timeout * 1000 }),
    );
    await run([childScript, args[0]!, build.entry, invocationFile, resultFile, ...args.slice(1)], functionEnvironment(build, endpoints));
    return JSON.parse(readFileSync(resultFile, "utf8")) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ColdStart {
  readonly initMs: number;
  readonly firstInvokeMs: number;
}

export interface WarmRun {
  /** Wall time of each timed invocation, ms. */
  readonly durations: number[];
  /** The process's CPU time (user + system) over the timed invocations, ms. */
  readonly cpuMs: number;
}

/**
 * `rounds` runs of each build, by build name. Each round rotates the order, so that a noisy
 * neighbour hits every build alike and no build always runs first (or right after another's exit).
 */
async function alternating<T>(
  builds: readonly Build[],
  rounds: number,
  run: (build: Build) => Promise<T>,
): Promise<ReadonlyMap<string, readonly T[]>> {
  const results = new Map<string, T[]>(builds.map((b) => [b.name, []]));
  for (let i = 0; i < rounds; i++) {
    for (let j = 0; j < builds.length; j++) {
      const build = builds[(i + j) % builds.length]!;
      results.get(build.name)!.push(await run(build));
    }
  }
  return results;
}

/** A `--quick` run's fresh processes per build: enough to show the benchmark runs, not to measure. */
export const quickColdRuns = 2;

/** `rounds` fresh processes of each build, alternating: module init and the first invocation in each. */
export const alternatingColdStarts = (
  builds: readonly Build[],
  rounds: number,
  endpoints: Endpoints,
  event: unknown,
): Promise<ReadonlyMap<string, readonly ColdStart[]>> =>
  alternating(builds, rounds, (build) => runChild<ColdStart>(build, endpoints, event, ["cold"]));

/** How many warm processes of each build, and the invocations in each: `count` timed after `warmup`. */
export interface WarmPlan {
  readonly processes: number;
  readonly warmup: number;
  readonly count: number;
}

/** A `--quick` run's warm plan: enough to show the benchmark runs, not to measure. */
export const quickWarmPlan: WarmPlan = { processes: 1, warmup: 5, count: 20 };

/** `plan.processes` processes of each build, alternating. */
export const alternatingWarmRuns = (
  builds: readonly Build[],
  plan: WarmPlan,
  endpoints: Endpoints,
  event: unknown,
): Promise<ReadonlyMap<string, readonly WarmRun[]>> =>
  alternating(builds, plan.processes, (build) =>
    runChild<WarmRun>(build, endpoints, event, ["warm", String(plan.warmup), String(plan.count)]),
  );
