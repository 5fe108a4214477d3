// POST /destination: parse -> decide -> append -> respond. Everything the handler needs is
// created once per execution environment; the per-request path only does the work.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { corsOriginsVariable, eventsTableVariable } from "../config/functionEnvironment";
import { corsOriginList } from "../config/corsOrigins";
import { handlerMetrics, dimensions } from "../config/metrics";
import { caller, editorsGroup, type Editor } from "./auth/editor";
import { isTransientStoreError } from "./eventStore/errors";
import { checkIdempotencyKey, idempotencyKeyHeader } from "./http/idempotency";
import { jsonResponse, problemResponse, problems, type HttpResponse, type Problem } from "./http/problem";
import { header, parseJsonBody } from "./http/request";
import { originHeader, responseCorsHeaders } from "./http/cors";
import { allowedMethods, resourcePath } from "./http/routes";
import { logger, metrics, tracer } from "./observability";
import { propose, type ProposeOutcome, type RequestMetadata } from "./proposal/propose";
import { parseProposal } from "./proposal/schema";

const retryAfterSeconds = 1;

// Per-attempt timeouts such that the SDK's three attempts and their backoff (about 7 s in all)
// end inside the default 10 s function timeout: a stuck store becomes a 503, not a timeout. The
// HTTP handler only warns at requestTimeout unless told to throw.
const client = tracer.captureAWSv3Client(
  new DynamoDBClient({
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 1000, requestTimeout: 2000, throwOnRequestTimeout: true },
  }),
);

// Pages of these origins may read the function's answers (docs/adr/0004-cross-origin-requests.md).
const corsOrigins = corsOriginList(process.env[corsOriginsVariable] ?? "");

type Decision = { readonly response: HttpResponse; readonly outcome: string };

export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  const correlationId = event?.requestContext?.requestId ?? context.awsRequestId;
  logger.addContext(context);
  logger.appendKeys({ correlation_id: correlationId });
  metrics.captureColdStartMetric(context.functionName);
  const segment = tracer.getSegment();
  const subsegment = segment?.addNewSubsegment("## proposeDestination");
  if (subsegment) tracer.setSegment(subsegment);
  try {
    const request = event ?? ({} as APIGatewayProxyEvent);
    const { response, outcome } = await decideOrFail(request, correlationId);
    tracer.putAnnotation("outcome", outcome);
    tracer.addResponseAsMetadata({ statusCode: response.statusCode }, "proposeDestination");
    const cors = responseCorsHeaders(header(request, originHeader), corsOrigins);
    return { ...response, headers: { ...response.headers, ...cors } };
  } finally {
    subsegment?.close();
    if (segment) tracer.setSegment(segment);
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    logger.resetKeys();
  }
}

/** Logs an error with its stack at source lines, and records it on the trace. */
async function logError(message: string, err: unknown): Promise<void> {
  // Loaded on the first error only: mapping is no part of a cold start. Whatever goes wrong
  // mapping, the error is still logged as it is.
  const error = await import("./logging/sourceMappedStack.js").then((m) => m.withSourceMappedStack(err as Error)).catch(() => err as Error);
  logger.error(message, error);
  tracer.addErrorAsMetadata(error);
}

/** The decision on the request; for a bug, a 500 problem without internals, the error logged. */
async function decideOrFail(event: APIGatewayProxyEvent, correlationId: string): Promise<Decision> {
  const path = event.path ?? resourcePath;
  try {
    return await decide(event, correlationId, path);
  } catch (err) {
    await logError("unexpected failure", err);
    return reject(problems.internal(), correlationId, path);
  }
}

async function decide(event: APIGatewayProxyEvent, correlationId: string, path: string): Promise<Decision> {
  if ((event.resource ?? event.path) !== resourcePath) return reject(problems.notFound(path), correlationId, path);
  const method = event.httpMethod ?? "";
  if (!allowedMethods.some((allowed) => allowed === method))
    return reject(problems.method(method || "(none)", allowedMethods), correlationId, path);
  const who = caller(event);
  if (who.kind === "notEditor") {
    return reject(problems.forbidden(`only members of the ${editorsGroup} group may propose destinations`), correlationId, path);
  }
  const editor = who.kind === "editor" ? who.editor : undefined;

  const key = checkIdempotencyKey(header(event, idempotencyKeyHeader));
  if (!key.ok) return reject(key.problem, correlationId, path);
  const body = parseJsonBody(event);
  if (!body.ok) return reject(body.problem, correlationId, path);
  const parsed = parseProposal(body.json);
  if (!parsed.ok) return reject(problems.validation(parsed.errors), correlationId, path);

  // Without a key the log lines leave the field out.
  logger.appendKeys({ idempotency_key: key.key });
  const meta = requestMetadata(event, correlationId, key.key, editor);
  let outcome: ProposeOutcome;
  try {
    outcome = await propose({ client, tableName: eventsTable() }, parsed.proposal, meta);
  } catch (err) {
    if (!isTransientStoreError(err)) throw err;
    await logError("event store unavailable", err);
    return reject(problems.unavailable(retryAfterSeconds), correlationId, path);
  }
  return respond(outcome, parsed.proposal.name, correlationId, path);
}

function respond(outcome: ProposeOutcome, name: string, correlationId: string, path: string): Decision {
  switch (outcome.kind) {
    case "accepted":
    case "replayed": {
      const { destinationId, streamName, eventNumber } = outcome;
      logger.appendKeys({ destination_id: destinationId });
      tracer.putAnnotation("stream", streamName);
      if (outcome.kind === "accepted") {
        metrics.addMetric(handlerMetrics.proposalsAccepted.name, handlerMetrics.proposalsAccepted.unit, 1);
        metrics.addMetric(
          handlerMetrics.consumedWriteCapacity.name,
          handlerMetrics.consumedWriteCapacity.unit,
          outcome.consumedWriteCapacity,
        );
        logger.info("destination proposed", { name });
      } else {
        metrics.addMetric(handlerMetrics.idempotentReplays.name, handlerMetrics.idempotentReplays.unit, 1);
        logger.info("idempotent replay", { name });
      }
      const headers: Record<string, string> = { Location: `${resourcePath}/${destinationId}` };
      if (outcome.kind === "replayed") headers["Idempotent-Replayed"] = "true";
      return { response: jsonResponse(201, { destinationId, streamName, eventNumber }, headers), outcome: outcome.kind };
    }
    case "keyReused":
      metrics.addMetric(handlerMetrics.eventStoreConflicts.name, handlerMetrics.eventStoreConflicts.unit, 1);
      return reject(
        problems.conflict("this Idempotency-Key was already used with a different proposal; use a new key"),
        correlationId,
        path,
      );
    case "streamConflict":
      metrics.addMetric(handlerMetrics.eventStoreConflicts.name, handlerMetrics.eventStoreConflicts.unit, 1);
      return reject(problems.conflict(`stream ${outcome.streamName} already exists`), correlationId, path);
  }
}

function reject(problem: Problem, correlationId: string, path: string): Decision {
  const rejected = metrics.singleMetric();
  rejected.addDimension(dimensions.reason, problem.reason);
  rejected.addMetric(handlerMetrics.proposalsRejected.name, handlerMetrics.proposalsRejected.unit, 1);
  if (problem.status < 500) logger.info("proposal rejected", { reason: problem.reason, status: problem.status });
  return { response: problemResponse(problem, correlationId, path), outcome: problem.reason };
}

function requestMetadata(event: APIGatewayProxyEvent, correlationId: string, idempotencyKey?: string, editor?: Editor): RequestMetadata {
  const epoch = event.requestContext?.requestTimeEpoch;
  // The source address and user agent stay in the access log, whose retention ends; the event,
  // kept for good, names the editor by sub only.
  return {
    correlationId,
    receivedAt: new Date(typeof epoch === "number" ? epoch : Date.now()).toISOString(),
    ...(idempotencyKey ? { idempotencyKey } : {}),
    ...(editor ? { editor: { sub: editor.sub } } : {}),
  };
}

function eventsTable(): string {
  const name = process.env[eventsTableVariable];
  if (!name) throw new Error(`${eventsTableVariable} is not set`);
  return name;
}
