// The handler module loaded afresh in this process, to run against a store of the test's own.
// The module reads its CORS origins when it loads and its store's endpoint on its first call, so
// a test of its own needs an instance of its own; whatever else in the process imported the
// module keeps its instance, and gets its environment back when the test is done.
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { localStoreEnv } from "./tracedBundle";
import { corsOriginsVariable } from "../../config/functionEnvironment";

export type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const handlerModule = require.resolve("../../handlers/proposeDestination");
const observabilityModule = require.resolve("../../handlers/observability");

/** Environment under which Powertools Tracer traces, as in Lambda; without patching this process's HTTP modules. */
const tracingEnv = { AWS_EXECUTION_ENV: "AWS_Lambda_nodejs24.x", POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS: "false" };

/** Sets `env` in this process (an undefined value unsets its variable); the function returned puts back what was there. */
function setEnv(env: NodeJS.ProcessEnv): () => void {
  const previous = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  const set = (values: NodeJS.ProcessEnv) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  set(env);
  return () => set(previous);
}

/**
 * A new instance of the handler module allowing `corsOrigins` (comma-separated; none when
 * undefined, as a stack without the setting deploys it); with `traced`, with Logger, Metrics and
 * a Tracer of its own that traces as in Lambda. Load it when the test file loads: what the module
 * does on loading is then no part of any test.
 */
export function loadHandler(corsOrigins: string | undefined, options: { readonly traced?: boolean } = {}): Handler {
  const restore = setEnv({
    [corsOriginsVariable]: corsOrigins,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...(options.traced ? tracingEnv : {}),
  });
  const fresh = options.traced ? [handlerModule, observabilityModule] : [handlerModule];
  const cached = fresh.map((name) => require.cache[name]);
  for (const name of fresh) delete require.cache[name];
  try {
    return (require(handlerModule) as { handler: Handler }).handler;
  } finally {
    for (const [i, name] of fresh.entries()) {
      if (cached[i]) require.cache[name] = cached[i];
      else delete require.cache[name];
    }
    restore();
  }
}

/**
 * Points a handler loaded by loadHandler, before its first call, at `tableName` on the store at
 * `endpoint`; the function returned puts back the environment there was.
 */
export function useStore(endpoint: string, tableName: string): () => void {
  const { PATH: _, ...store } = localStoreEnv(endpoint, tableName);
  return setEnv(store);
}
