// Command-line options and environment of `npm start`, checked with clear errors.
import { periodSeconds as deployedPeriodSeconds } from "../dashboards/queries";
import { objectSource, resolveSettings, settingSpecs, type Settings } from "../config/settings";
import { numberOption, OptionsError, settingOption } from "../cli/commandLine";
import type { LocalStackOptions } from "./stack";
import { localStackName } from "../config/names";
import { corsOriginsProblem } from "../config/corsOrigins";

/** Where `npm start` listens unless told otherwise. */
const defaultPorts = { api: 3000, dynamodb: 8000, page: 3001 } as const;

export const usage = `Usage: npm start -- [options]

  --port N            API port on 127.0.0.1 (env PORT, default ${defaultPorts.api})
  --dynamodb-port N   embedded DynamoDB port on 127.0.0.1 (env DYNAMODB_PORT, default ${defaultPorts.dynamodb})
  --data-dir DIR      persist the event store in DIR across restarts (default: in memory)
  --page-port N       example editor page on 127.0.0.1, an origin of its own (env PAGE_PORT,
                      default ${defaultPorts.page})
  --cors-origins A,B  origins whose pages may call the API from a browser, such as
                      https://editor.example.com (env CORS_ORIGINS; default: the example
                      editor page's origin, http://127.0.0.1:${defaultPorts.page} on the default port)
${capacityOptionsHelp(22)}
  --throttling unlimited  do not enforce the API's stage throttling and per-key usage plan
                      (default: the stack's throttling and apiClient* limits, as deployed)
  --no-auth           let requests through without an editor token and API key (default:
                      required, as deployed; a token and key are printed at start)
  --log-format F      compact (default): one line per request (time, status, duration,
                      outcome, correlation id); json: the function's log lines as
                      CloudWatch Logs receives them
  --ops-period N      seconds per metric period on the ops page, 1-${deployedPeriodSeconds} (env OPS_PERIOD,
                      default ${deployedPeriodSeconds} as deployed; 5 makes alarms react within seconds)
  -h, --help          this help`;

/** The throughput options localSettings reads, declared for parseArgs by each CLI that starts a local stack. */
export const capacityOptionSpecs = {
  wcu: { type: "string" },
  rcu: { type: "string" },
  capacity: { type: "string" },
} as const;

/**
 * The help of capacityOptionSpecs, one wording for each CLI that takes them: descriptions start
 * at `column`, after `scope` when the options apply to part of what the CLI runs.
 */
export function capacityOptionsHelp(column: number, scope = ""): string {
  return [
    helpEntry(
      column,
      "--wcu N, --rcu N",
      `${scope}provisioned capacity to enforce (env LOCAL_WCU,`,
      "LOCAL_RCU; default: the stack's writeCapacity / readCapacity)",
    ),
    helpEntry(column, "--capacity unlimited", `${scope}do not enforce provisioned throughput`),
  ].join("\n");
}

function helpEntry(column: number, option: string, ...lines: readonly string[]): string {
  const head = `  ${option}`;
  const first = head.length < column ? head.padEnd(column) : `${head}  `;
  return lines.map((line, i) => `${i === 0 ? first : " ".repeat(column)}${line}`).join("\n");
}

export interface RawOptions {
  readonly port?: string;
  readonly "dynamodb-port"?: string;
  readonly "data-dir"?: string;
  readonly wcu?: string;
  readonly rcu?: string;
  readonly capacity?: string;
  readonly throttling?: string;
  readonly "page-port"?: string;
  readonly "cors-origins"?: string;
}

// An empty value counts as not given, as an empty environment variable does.
const given = (raw: string | undefined): string | undefined => (raw === "" ? undefined : raw);
const integer = (name: string, raw: string | undefined, min: number, max: number): number | undefined =>
  numberOption(name, given(raw), min, max, true);

const portOption = "--port / PORT";
const dynamoPortOption = "--dynamodb-port / DYNAMODB_PORT";
const pagePortOption = "--page-port / PAGE_PORT";

/** The local stack's options, its settings always resolved. */
export type ResolvedLocalOptions = LocalStackOptions & {
  readonly settings: Settings;
  /** Port of the example editor page. */
  readonly pagePort: number;
  /** Whether corsOrigins was given; otherwise the example page's origin is the one allowed. */
  readonly corsOriginsGiven: boolean;
};

export function localSettings(values: RawOptions, env: NodeJS.ProcessEnv): ResolvedLocalOptions {
  if (values.capacity !== undefined && values.capacity !== "unlimited") {
    throw new OptionsError(`--capacity takes only "unlimited", got "${values.capacity}"`);
  }
  if (values.throttling !== undefined && values.throttling !== "unlimited") {
    throw new OptionsError(`--throttling takes only "unlimited", got "${values.throttling}"`);
  }
  const wcu = settingOption("--wcu / LOCAL_WCU", given(values.wcu ?? env.LOCAL_WCU), settingSpecs.writeCapacity);
  const rcu = settingOption("--rcu / LOCAL_RCU", given(values.rcu ?? env.LOCAL_RCU), settingSpecs.readCapacity);
  const overrides: Record<string, number | string> = {};
  if (wcu !== undefined) overrides.writeCapacity = wcu;
  if (rcu !== undefined) overrides.readCapacity = rcu;
  const corsOrigins = given(values["cors-origins"] ?? env.CORS_ORIGINS);
  if (corsOrigins !== undefined) {
    const problem = corsOriginsProblem(corsOrigins);
    if (problem) throw new OptionsError(`--cors-origins / CORS_ORIGINS: ${problem}`);
    overrides.corsOrigins = corsOrigins;
  }
  const port = integer(portOption, values.port ?? env.PORT, 0, 65535) ?? defaultPorts.api;
  const dynamoPort = integer(dynamoPortOption, values["dynamodb-port"] ?? env.DYNAMODB_PORT, 0, 65535) ?? defaultPorts.dynamodb;
  // 0 picks a free port for each; any other port can serve only one of them.
  if (port === dynamoPort && port !== 0) {
    throw new OptionsError(`${portOption} and ${dynamoPortOption} are both ${port}: the API and the embedded DynamoDB need a port each`);
  }
  return {
    port,
    dynamoPort,
    dataDir: values["data-dir"],
    pagePort: integer(pagePortOption, values["page-port"] ?? env.PAGE_PORT, 0, 65535) ?? defaultPorts.page,
    corsOriginsGiven: corsOrigins !== undefined,
    settings: resolveSettings(localStackName, objectSource(overrides)),
    ...(values.capacity === "unlimited" ? { capacity: "unlimited" as const } : {}),
    ...(values.throttling === "unlimited" ? { throttling: "unlimited" as const } : {}),
  };
}

/** A port the stack could not listen on, said as the option that chooses it; any other error as it is. */
export function portInUse(err: unknown, options: Pick<ResolvedLocalOptions, "dynamoPort" | "pagePort">): unknown {
  const { code, port } = err as { code?: unknown; port?: unknown };
  if (code !== "EADDRINUSE") return err;
  const option = port === options.dynamoPort ? dynamoPortOption : port === options.pagePort ? pagePortOption : portOption;
  return new OptionsError(`port ${String(port)} on 127.0.0.1 is in use (by another npm start?): choose another with ${option}`);
}

/** `--ops-period N` / OPS_PERIOD: seconds per metric period, 1 to the deployed period (its default). */
export function opsPeriodSeconds(raw: string | undefined): number {
  return integer("--ops-period / OPS_PERIOD", raw, 1, deployedPeriodSeconds) ?? deployedPeriodSeconds;
}

const logFormats = ["compact", "json"] as const;
export type LogFormat = (typeof logFormats)[number];

export function logFormat(raw: string | undefined): LogFormat {
  if (raw === undefined) return "compact";
  if (!(logFormats as readonly string[]).includes(raw))
    throw new OptionsError(`--log-format takes ${logFormats.join(" or ")}, got "${raw}"`);
  return raw as LogFormat;
}
