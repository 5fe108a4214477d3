// The function's own environment variables: what the handler reads, set by the Pulumi program
// on the deployed function and by the local stack on each execution environment alike.
import type { Tracing } from "./infrastructure";
import { corsOriginList } from "./corsOrigins";

/** The variable that names the events table the handler writes. */
export const eventsTableVariable = "EVENTS_TABLE";

/** The variable that lists the origins allowed to call from a browser (the corsOrigins setting); absent when none are. */
export const corsOriginsVariable = "CORS_ALLOWED_ORIGINS";

export interface FunctionVariables<T> {
  /** The events table the handler writes (eventsTableVariable). */
  readonly tableName: T;
  /** Powertools service name (a metric dimension and a log field). */
  readonly serviceName: string;
  /** Powertools metrics namespace. */
  readonly metricsNamespace: string;
  /** Powertools log level. */
  readonly logLevel: string;
  /** X-Ray tracing; off disables Powertools Tracer, which otherwise traces in Lambda. */
  readonly tracing: Tracing;
  /** Origins allowed to call from a browser, comma-separated as the corsOrigins setting (corsOriginsVariable). */
  readonly corsOrigins: string;
}

export function functionVariables<T>(v: FunctionVariables<T>): Record<string, T | string> {
  return {
    [eventsTableVariable]: v.tableName,
    POWERTOOLS_SERVICE_NAME: v.serviceName,
    POWERTOOLS_METRICS_NAMESPACE: v.metricsNamespace,
    POWERTOOLS_LOG_LEVEL: v.logLevel,
    ...(v.tracing === "off" ? { POWERTOOLS_TRACE_ENABLED: "false" } : {}),
    ...(corsOriginList(v.corsOrigins).length > 0 ? { [corsOriginsVariable]: corsOriginList(v.corsOrigins).join(",") } : {}),
  };
}
