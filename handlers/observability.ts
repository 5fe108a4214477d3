// Powertools Logger, Metrics and Tracer, created once per execution environment. The stack's
// POWERTOOLS_* environment wins; the shared names are the fallback (local runs, tests).
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { Tracer } from "@aws-lambda-powertools/tracer";
import { projectNamespace, serviceName } from "../config/metrics";

const service = process.env.POWERTOOLS_SERVICE_NAME || serviceName;

export const logger = new Logger({ serviceName: service });
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || projectNamespace, serviceName: service });
export const tracer = new Tracer({ serviceName: service });
