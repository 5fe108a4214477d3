// Command line of `npm run loadtest`, checked up front with errors that name the option.
import { resourcePath } from "../handlers/http/routes";
import { expectedCount, peakRate, type Profile, type Spacing } from "./arrivals";
import type { CloudWatchRead } from "./cloudWatch";
import { parseHeaders } from "./headers";
import { dynamoDbPrices, dynamoDbPricesFromFile } from "../aws/prices";
import { defaultMix, type ProposalMix } from "./proposals";
import { utilizationRange } from "./sizing";
import type { SizingOptions } from "./report";
import { settingSpecs } from "../config/settings";
import { defaultFor } from "../config/spec";
import { numberOption, OptionsError, parseCommandLine, settingOption } from "../cli/commandLine";
import { capacityOptionSpecs, capacityOptionsHelp } from "../local/options";
import { localStackName } from "../config/names";

const percent = (share: number): number => Math.round(share * 100);
const accountConcurrency = settingSpecs.accountConcurrencyLimit;
const defaultAccountConcurrency = defaultFor(accountConcurrency, localStackName);
/** Defaults of the options below, stated once for the help text and the parser. */
const defaults = {
  rate: 10,
  durationSeconds: 10,
  rampFrom: 1,
  maxInFlight: 256,
  localWarmup: 16,
  seed: 1,
  cloudWatchWaitSeconds: 180,
} as const;

export const usage = `Usage: npm run loadtest -- [options]

Drives POST /destination open-loop at a planned rate, measures what each request costs in
DynamoDB capacity, and recommends what to provision. Without --url it starts the local stack
in this process on free ports, with editor authentication on as deployed: it signs an editor
token and sends it with the first client's API key, so the authoriser's work is in the
numbers. API Gateway's stage and usage-plan limits are lifted on that stack: the run finds
what DynamoDB and Lambda need, and the report recommends the stage throttle to set.

Target
  --url URL              a deployed API (its apiUrl, or the full /destination URL), or a
                         running \`npm start\`; give it credentials with --header
  --header 'Name: value' a header sent with every request, repeatable; e.g. for a deployed
                         stack or \`npm start\` the token and key it prints:
                           --header 'Authorization: Bearer TOKEN' --header 'x-api-key: KEY'
                         Values are never printed and are redacted in the reports
  --no-auth              local stack only: start it without authentication
${capacityOptionsHelp(25, "local stack only: ")}

Load
  --rate N               requests per second (the peak of ramp; default ${defaults.rate})
  --duration S           seconds of load (default ${defaults.durationSeconds})
  --profile P            constant | ramp | step (default constant)
  --ramp-from N          ramp: starting rate (default ${defaults.rampFrom}); the ramp ends at --rate
  --steps A,B,C          step: rates held for equal shares of the duration
  --arrivals A           even | poisson (default poisson)
  --max-in-flight N      cap on requests in flight (default ${defaults.maxInFlight}); latency still counts
                         from the intended send time
  --warmup N             concurrent invalid requests sent twice before the run, so function
                         cold starts are not measured (default ${defaults.localWarmup} on the local stack, 0 with --url)
  --seed N               seed of arrivals and bodies, to repeat a run (default ${defaults.seed})

Requests
  --size-mix S,M,L       shares of small / medium / large proposals (default ${percent(defaultMix.sizes.small)},${percent(defaultMix.sizes.medium)},${percent(defaultMix.sizes.large)})
  --unicode-share F      share of proposals with non-ASCII text, 0–1 (default ${defaultMix.unicodeShare})
  --retry-share F        share of idempotent retries of earlier requests, 0–1 (default ${defaultMix.retryShare})
  --invalid-share F      share of invalid requests (answered 400), 0–1 (default ${defaultMix.invalidShare})

Sizing
  --target-rate N        peak proposals/s to size for (default: the run's rate)
  --steady-rate N        typical proposals/s (auto scaling floor, monthly cost; default: peak)
  --target-utilization P percent of provisioned capacity to aim for, ${percent(utilizationRange.min)}–${percent(utilizationRange.max)} (default ${percent(utilizationRange.default)})
  --spike-rate N         spike to estimate the burst ride for (default: twice the peak)
  --account-concurrency N  Lambda concurrency limit of the account (default ${defaultAccountConcurrency})
  --prices FILE          JSON overriding prices in USD (keys: writeCapacityUnitHour,
                         readCapacityUnitHour, onDemandWriteRequestUnitMillion,
                         onDemandReadRequestUnitMillion)

Deployed stack (with --url): read CloudWatch for the run's window
  --stack NAME           Pulumi stack (also added to the printed pulumi commands)
  --table NAME           events table ($(pulumi stack output tableName))
  --function NAME        function ($(pulumi stack output functionName))
  --cloudwatch-wait S    seconds to wait for CloudWatch's datapoints (default ${defaults.cloudWatchWaitSeconds})

Output
  --json FILE            write the full report as JSON
  --html FILE            write a self-contained HTML report with charts
  -h, --help             this help

Ctrl-C stops the run early and still reports on what was sent; a second Ctrl-C quits.`;

export interface LoadTestOptions extends SizingOptions {
  readonly url?: string;
  /** Extra headers by lower-case name (credentials, usually). */
  readonly headers: Readonly<Record<string, string>>;
  readonly local: { readonly wcu?: string; readonly rcu?: string; readonly capacity?: string; readonly auth: boolean };
  readonly profile: Profile;
  readonly durationSeconds: number;
  readonly spacing: Spacing;
  readonly maxInFlight: number;
  readonly seed: number;
  readonly warmupRequests: number;
  readonly mix: ProposalMix;
  readonly cloudWatch?: CloudWatchRead;
  readonly jsonFile?: string;
  readonly htmlFile?: string;
}

const optionSpecs = {
  url: { type: "string" },
  header: { type: "string", multiple: true },
  "no-auth": { type: "boolean" },
  ...capacityOptionSpecs,
  rate: { type: "string" },
  duration: { type: "string" },
  profile: { type: "string" },
  "ramp-from": { type: "string" },
  steps: { type: "string" },
  arrivals: { type: "string" },
  "max-in-flight": { type: "string" },
  seed: { type: "string" },
  warmup: { type: "string" },
  "size-mix": { type: "string" },
  "unicode-share": { type: "string" },
  "retry-share": { type: "string" },
  "invalid-share": { type: "string" },
  "target-rate": { type: "string" },
  "steady-rate": { type: "string" },
  "target-utilization": { type: "string" },
  "spike-rate": { type: "string" },
  "account-concurrency": { type: "string" },
  prices: { type: "string" },
  stack: { type: "string" },
  table: { type: "string" },
  function: { type: "string" },
  "cloudwatch-wait": { type: "string" },
  json: { type: "string" },
  html: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** `undefined` when help was asked for. */
export function parseOptions(args: readonly string[]): LoadTestOptions | undefined {
  const { values } = parseCommandLine({ args: [...args], options: optionSpecs, strict: true, allowPositionals: false });
  if (values.help) return undefined;

  const num = (name: string, raw: string | undefined, min: number, max: number, whole = false): number | undefined =>
    numberOption(`--${name}`, raw, min, max, whole);
  const oneOf = <T extends string>(name: string, raw: string | undefined, allowed: readonly T[], fallback: T): T => {
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw))
      throw new OptionsError(`--${name} must be one of ${allowed.join(", ")}, got "${raw}"`);
    return raw as T;
  };

  const rate = num("rate", values.rate, 0.1, 100_000) ?? defaults.rate;
  const kind = oneOf("profile", values.profile, ["constant", "ramp", "step"] as const, "constant");
  if (values["ramp-from"] !== undefined && kind !== "ramp") throw new OptionsError("--ramp-from needs --profile ramp");
  if (values.steps !== undefined && kind !== "step") throw new OptionsError("--steps needs --profile step");
  if (values.rate !== undefined && kind === "step")
    throw new OptionsError("--rate does not apply with --profile step: --steps gives its rates");
  let profile: Profile;
  if (kind === "ramp") profile = { kind, from: num("ramp-from", values["ramp-from"], 0, 100_000) ?? defaults.rampFrom, to: rate };
  else if (kind === "step") {
    if (values.steps === undefined) throw new OptionsError("--profile step needs --steps, e.g. --steps 5,10,20");
    profile = { kind, rates: values.steps.split(",").map((s) => num("steps", s, 0, 100_000)!) };
  } else profile = { kind, rate };

  const sizes = values["size-mix"]?.split(",");
  if (sizes && sizes.length !== 3) throw new OptionsError(`--size-mix takes three shares S,M,L, got "${values["size-mix"]}"`);
  const [small, medium, large] = sizes
    ? sizes.map((s) => num("size-mix", s, 0, 1e6)!)
    : [defaultMix.sizes.small, defaultMix.sizes.medium, defaultMix.sizes.large];
  if (small! + medium! + large! <= 0) throw new OptionsError("--size-mix needs at least one share above 0");
  const retryShare = num("retry-share", values["retry-share"], 0, 1) ?? defaultMix.retryShare;
  const invalidShare = num("invalid-share", values["invalid-share"], 0, 1) ?? defaultMix.invalidShare;
  if (retryShare + invalidShare > 1) throw new OptionsError("--retry-share and --invalid-share add up to more than 1");

  const url = values.url === undefined ? undefined : destinationUrl(values.url);
  if (url !== undefined && (values.wcu !== undefined || values.rcu !== undefined || values.capacity !== undefined)) {
    throw new OptionsError("--wcu, --rcu and --capacity set the local stack's capacity; they do not apply with --url");
  }
  if (url !== undefined && values["no-auth"])
    throw new OptionsError("--no-auth starts the local stack without authentication; it does not apply with --url");
  const headers = parseHeaders(values.header ?? []);
  const deployed = [values.table, values.function].filter((v) => v !== undefined).length;
  if (deployed > 0 && url === undefined) throw new OptionsError("--table and --function describe a deployed stack; give its --url too");
  if (deployed === 1 || (deployed === 2 && values.stack === undefined)) {
    throw new OptionsError("reading CloudWatch needs all of --stack, --table and --function");
  }
  if (values["cloudwatch-wait"] !== undefined && deployed === 0)
    throw new OptionsError("--cloudwatch-wait needs --stack, --table and --function");
  const utilization = num("target-utilization", values["target-utilization"], utilizationRange.min * 100, utilizationRange.max * 100);

  let prices = dynamoDbPrices;
  if (values.prices !== undefined) {
    try {
      prices = dynamoDbPricesFromFile(values.prices);
    } catch (err) {
      throw new OptionsError(`--prices: ${(err as Error).message}`);
    }
  }

  const durationSeconds = num("duration", values.duration, 1, 86_400) ?? defaults.durationSeconds;
  const planned = expectedCount(profile, durationSeconds);
  if (planned < 1) {
    throw new OptionsError(
      `the run plans ${planned.toPrecision(2)} requests in ${durationSeconds} s; raise the rate or the duration to send at least one`,
    );
  }
  const targetRate = num("target-rate", values["target-rate"], 0.1, 1_000_000);
  const steadyRate = num("steady-rate", values["steady-rate"], 0, 1_000_000);
  const sizedPeak = targetRate ?? peakRate(profile);
  if (steadyRate !== undefined && steadyRate > sizedPeak) {
    throw new OptionsError(
      `--steady-rate ${steadyRate} is above the peak it sizes for (${sizedPeak}/s, ${targetRate === undefined ? "the run's peak rate" : "--target-rate"})`,
    );
  }

  return {
    url,
    headers,
    local: { wcu: values.wcu, rcu: values.rcu, capacity: values.capacity, auth: !values["no-auth"] },
    profile,
    durationSeconds,
    spacing: oneOf("arrivals", values.arrivals, ["even", "poisson"] as const, "poisson"),
    maxInFlight: num("max-in-flight", values["max-in-flight"], 1, 100_000, true) ?? defaults.maxInFlight,
    seed: num("seed", values.seed, 0, 2 ** 32 - 1, true) ?? defaults.seed,
    warmupRequests: num("warmup", values.warmup, 0, 1000, true) ?? (url === undefined ? defaults.localWarmup : 0),
    mix: {
      sizes: { small: small!, medium: medium!, large: large! },
      retryShare,
      invalidShare,
      unicodeShare: num("unicode-share", values["unicode-share"], 0, 1) ?? defaultMix.unicodeShare,
    },
    targetRate,
    steadyRate,
    targetUtilization: (utilization ?? utilizationRange.default * 100) / 100,
    spikeRate: num("spike-rate", values["spike-rate"], 0, 1_000_000),
    accountConcurrencyLimit:
      settingOption("--account-concurrency", values["account-concurrency"], accountConcurrency) ?? defaultAccountConcurrency,
    prices,
    ...(deployed === 2 && values.stack
      ? {
          cloudWatch: {
            stack: values.stack,
            tableName: values.table!,
            functionName: values.function!,
            waitSeconds: num("cloudwatch-wait", values["cloudwatch-wait"], 0, 3600) ?? defaults.cloudWatchWaitSeconds,
          },
        }
      : {}),
    stack: values.stack,
    jsonFile: values.json,
    htmlFile: values.html,
  };
}

/** Accepts the API's base URL (what `pulumi stack output apiUrl` prints) or the resource's. */
function destinationUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OptionsError(`--url must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new OptionsError(`--url must be http or https, got "${raw}"`);
  if (!url.pathname.endsWith(resourcePath)) url.pathname = `${url.pathname.replace(/\/$/, "")}${resourcePath}`;
  return url.href;
}
