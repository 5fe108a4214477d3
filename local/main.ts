// `npm start`: the local stack in the foreground, until Ctrl-C or SIGTERM.
import { sampleEditor, sampleEditorAccess } from "./auth/localAuth";
import { startLocalStack } from "./stack";
import { capacityOptionSpecs, localSettings, logFormat, opsPeriodSeconds, portInUse, usage } from "./options";
import { requestLine } from "./requestLine";
import { startOps } from "./observability/ops";
import { capacityText } from "./dynamodb/server";
import { startEditorPage } from "./editorPage/server";
import { exitOnError, parseCommandLine } from "../cli/commandLine";

async function main(): Promise<void> {
  const started = Date.now();
  const { values } = parseCommandLine({
    options: {
      port: { type: "string" },
      "dynamodb-port": { type: "string" },
      "data-dir": { type: "string" },
      "page-port": { type: "string" },
      "cors-origins": { type: "string" },
      ...capacityOptionSpecs,
      throttling: { type: "string" },
      "ops-period": { type: "string" },
      "log-format": { type: "string" },
      "no-auth": { type: "boolean" },
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
  const format = logFormat(values["log-format"]);
  // A sample editor's token for the working day, and the first client's API key.
  const tokenHours = 12;
  const access = values["no-auth"] ? undefined : await sampleEditorAccess(options.settings.apiClients, tokenHours * 3600);
  const auth = access?.auth;
  const page = await startEditorPage(options.pagePort).catch((err: unknown) => {
    throw portInUse(err, options);
  });
  // The example page calls the API across origins; its origin is the one allowed unless told otherwise.
  const settings = options.corsOriginsGiven ? options.settings : { ...options.settings, corsOrigins: page.origin };
  const stack = await startLocalStack({ ...options, settings, auth }).catch((err: unknown) => {
    throw portInUse(err, options);
  });
  page.configure({ destinationUrl: stack.destinationUrl, headers: access?.headers ?? {} });
  const ops = startOps(stack, { periodSeconds });
  // One line per request, so the banner's curl stays in sight; or the function's log stream,
  // as CloudWatch Logs would receive it.
  if (format === "json") stack.lambda.onLog((line) => console.log(line));
  else stack.api.onRequest((o) => console.log(requestLine(o)));
  const credentials = access ? ` -H 'Authorization: ${access.headers.authorization}' -H 'x-api-key: ${access.headers["x-api-key"]}'` : "";
  const curl =
    `curl -i -X POST ${stack.destinationUrl} -H 'Content-Type: application/json'${credentials} ` +
    `-d '{"name":"Tide pools at Wembury","location":{"latitude":50.317,"longitude":-4.083}}'`;
  const authLine = auth
    ? `  Auth      editor token + API key required (${sampleEditor.email} in group ${sampleEditor.groups.join(", ")}, ${tokenHours} h; keys: ${auth.clients.map((c) => `${c.name} ${c.key}`).join(", ")}); --no-auth turns it off`
    : "  Auth      off (--no-auth): anyone on this machine may propose";
  const limits =
    stack.limits === "unlimited"
      ? "  Limits    none (--throttling unlimited)"
      : `  Limits    stage ${stack.limits.stage.rateLimit} requests/s, burst ${stack.limits.stage.burstLimit}` +
        (auth
          ? `; per API key ${stack.limits.usagePlan.rateLimit}/s, burst ${stack.limits.usagePlan.burstLimit}, ${stack.limits.usagePlan.quotaPerDay} a day (UTC)`
          : "") +
        " (over a limit: 429)";
  const store = options.dataDir ? `persisted in ${options.dataDir}` : "in memory";
  const capacity = capacityText(stack.dynamo.capacity);
  console.log(
    [
      `visitplannr local stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      `  API       ${stack.destinationUrl}`,
      `  DynamoDB  ${stack.dynamo.endpoint}  table ${stack.tableName} (${capacity}, ${store})`,
      `  Ops       ${ops.url}  (dashboard and alarms, ${periodSeconds} s periods)`,
      `  Page      ${page.url}  (example editor page, another origin; CORS allows ${settings.corsOrigins || "no origin"})`,
      authLine,
      limits,
      "",
      "Propose a destination:",
      `  ${curl}`,
      "Look at the event store:",
      `  aws dynamodb scan --endpoint-url ${stack.dynamo.endpoint} --table-name ${stack.tableName}`,
      "",
      format === "json"
        ? "The function's log follows (--log-format json). Ctrl-C stops it."
        : "One line per request follows: time, status, duration, outcome, correlation id (--log-format json for the function's log). Ctrl-C stops it.",
    ].join("\n"),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local stack…`);
    Promise.all([stack.close(), page.close()]).then(
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

main().catch(exitOnError("visitplannr local stack", "npm start -- --help"));
