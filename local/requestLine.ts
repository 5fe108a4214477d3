// `npm start`'s line per request: when, status, how long, what became of it, and the
// correlation id that finds it in the function's log (--log-format json) and traces.
import type { ApiObservation } from "./api/server";

export function requestLine(o: ApiObservation): string {
  const time = new Date(o.startedAt).toISOString().slice(11, 23);
  return `${time}  ${o.statusCode}  ${`${Math.round(o.latencyMs)} ms`.padStart(7)}  ${o.outcome.padEnd(12)}  ${o.requestId}`;
}
