// The handler module loaded afresh in this process, against a store of the test's own. The
// module reads its CORS origins when it loads and its store's endpoint on its first call, so a
// test of its own needs an instance of its own; whatever else in the process imported the
// module keeps its instance, and gets its environment back when the test is done.
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { localStoreEnv } from "./tracedBundle";
import { corsOriginsVariable } from "../../config/functionEnvironment";

export type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface InProcessHandler {
  readonly handler: Handler;
  /** Puts back the environment variables the handler was loaded with. */
  restore(): void;
}

const handlerModule = require.resolve("../../handlers/proposeDestination");

/** A new instance of the handler module writing to `tableName` at `endpoint`, allowing `corsOrigins` (comma-separated). */
export function loadHandler(endpoint: string, tableName: string, corsOrigins: string): InProcessHandler {
  const { PATH: _, ...store } = localStoreEnv(endpoint, tableName);
  const env: NodeJS.ProcessEnv = { ...store, [corsOriginsVariable]: corsOrigins };
  const previous = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  const cached = require.cache[handlerModule];
  delete require.cache[handlerModule];
  const { handler } = require(handlerModule) as { handler: Handler };
  if (cached) require.cache[handlerModule] = cached;
  else delete require.cache[handlerModule];
  return {
    handler,
    restore: () => {
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
}
