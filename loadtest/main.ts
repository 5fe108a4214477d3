// `npm run loadtest`: drive the API, measure capacity, print the sizing; see --help.
import { writeFileSync } from "node:fs";
import { checkOutputFiles, ConnectionFailure } from "./outputs";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { capacityText } from "../local/dynamodb/server";
import { localSettings } from "../local/options";
import { readCloudWatch, type CloudWatchMeasurement } from "./cloudWatch";
import { htmlReport } from "./html";
import { startLocalTarget, type LocalTarget } from "./localTarget";
import { exitOnError } from "../cli/commandLine";
import { onInterrupt } from "../cli/interrupt";
import { parseOptions, usage, type LoadTestOptions } from "./options";
import { progressView } from "./progress";
import { buildReport, type ReportTarget } from "./report";
import { runLoad } from "./run";
import { summaryText } from "./summary";

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!options) {
    console.log(usage);
    return;
  }
  // A report that cannot be written is found out now, not after the whole run.
  checkOutputFiles({ "--json": options.jsonFile, "--html": options.htmlFile });
  const local = options.url ? undefined : await startLocal(options);
  const stack = local?.stack;
  // Headers given on the command line win over the local stack's own credentials.
  const headers = { ...local?.headers, ...options.headers };
  try {
    const target: ReportTarget = stack
      ? {
          kind: "local stack",
          url: stack.destinationUrl,
          capacity: capacityText(stack.dynamo.capacity),
          ...(stack.dynamo.capacity === "unlimited" ? {} : { enforced: stack.dynamo.capacity }),
        }
      : { kind: "url", url: options.url! };
    const auth = stack ? (stack.auth ? ", editor token and API key required" : ", no authentication") : "";
    console.error(`Load test: ${target.kind} ${target.url}${target.capacity ? ` (${target.capacity}${auth})` : ""}`);
    // What the run is asked to do, which the report repeats as given.
    const plan = {
      profile: options.profile,
      spacing: options.spacing,
      durationSeconds: options.durationSeconds,
      maxInFlight: options.maxInFlight,
      seed: options.seed,
      mix: options.mix,
    };
    const view = progressView();
    const interrupt = onInterrupt("Stopping: no more requests are sent; the report follows once those in flight are answered.");
    const result = await runLoad({
      ...plan,
      url: target.url,
      headers,
      warmupRequests: options.warmupRequests,
      ...(stack ? { store: { dynamo: stack.dynamo, tableName: stack.tableName }, lambda: stack.lambda } : { estimateItems: true }),
      onProgress: (p) => view.update(p),
      stop: interrupt.signal,
    }).finally(() => interrupt.dispose());
    view.finish();
    if (result.sent > 0 && result.latency.count === (result.statusCodes["none"] ?? 0)) {
      throw new ConnectionFailure(result.sent, target.url, result.firstFailure);
    }
    let cloudWatch: CloudWatchMeasurement | undefined;
    if (options.cloudWatch) {
      console.error(`Reading CloudWatch for the run's window (up to ${options.cloudWatch.waitSeconds} s while datapoints arrive)…`);
      const client = new CloudWatchClient({});
      try {
        cloudWatch = await readCloudWatch(client, options.cloudWatch, result.startedAt, result.endedAt);
      } finally {
        client.destroy();
      }
    }
    const report = buildReport({
      target,
      run: plan,
      headers,
      result,
      ...(cloudWatch ? { cloudWatch } : {}),
      sizing: {
        targetRate: options.targetRate,
        steadyRate: options.steadyRate,
        targetUtilization: options.targetUtilization,
        spikeRate: options.spikeRate,
        accountConcurrencyLimit: options.accountConcurrencyLimit,
        prices: options.prices,
        stack: options.stack,
      },
    });
    console.log(summaryText(report));
    if (options.jsonFile) writeFileSync(options.jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    if (options.htmlFile) writeFileSync(options.htmlFile, htmlReport(report));
  } finally {
    await stack?.close();
  }
}

function startLocal(options: LoadTestOptions): Promise<LocalTarget> {
  // Free ports, so a running `npm start` is left alone.
  const settings = localSettings({ ...options.local, port: "0", "dynamodb-port": "0" }, process.env);
  // The token outlives the run, its warm-up and a slow drain of the last answers.
  return startLocalTarget(settings, options.local.auth, options.durationSeconds + 3600);
}

main().catch(exitOnError("loadtest", "npm run loadtest -- --help"));
