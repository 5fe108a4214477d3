// The ops page on the local API's port: `/_ops` serves the page (and Chart.js from
// node_modules, no CDN); `/_ops/api/*` answers what it fetches: the dashboard body, each metric
// widget's series as GetMetricData would return them, and the alarms with their history.
import { readFile } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { dirname, join } from "node:path";
import type { Route } from "../api/server";
import type { LocalObservability } from "./localObservability";
import { resolveQueries } from "./queryEngine";
import { widgetLines } from "./widgetQueries";

export const opsPath = "/_ops";
/** Where browsers look for a site's icon unasked: answered by the page, never by the API. */
export const faviconPath = "/favicon.ico";

/** How many periods the page charts: an hour at 60 s periods, five minutes at 5 s. */
const windowPeriods = 60;

/** What the emulation cannot feed, shown in place of the widget. */
export const logWidgetNotice =
  "Logs Insights cannot run locally: the local stack keeps no CloudWatch Logs, so this query runs only on the deployed stack.";

const pageDir = join(__dirname, "page");
const chartJs = join(dirname(require.resolve("chart.js")), "chart.umd.js");

const assets: Readonly<Record<string, { readonly file: string; readonly type: string }>> = {
  "": { file: join(pageDir, "ops.html"), type: "text/html; charset=utf-8" },
  "/ops.js": { file: join(pageDir, "ops.js"), type: "text/javascript; charset=utf-8" },
  "/ops.css": { file: join(pageDir, "ops.css"), type: "text/css; charset=utf-8" },
  "/chart.umd.js": { file: chartJs, type: "text/javascript; charset=utf-8" },
  "/favicon.svg": { file: join(pageDir, "favicon.svg"), type: "image/svg+xml" },
};

/**
 * The page's icon at /favicon.ico, for a browser that asks there anyway (one opening the API's
 * URL, say): the page's own assets are not API traffic, so they never reach its counters.
 */
export const faviconRoute: Route = async (_req, res) => send(res, 200, "image/svg+xml", await readFile(join(pageDir, "favicon.svg")));

export function opsRoute(ops: LocalObservability): Route {
  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://local");
    const sub = url.pathname.slice(opsPath.length).replace(/\/$/, "");
    if (req.method !== "GET") return send(res, 405, "application/json", JSON.stringify({ message: "GET only" }));
    const asset = assets[sub];
    if (asset) return send(res, 200, asset.type, await readFile(asset.file));
    const api = apiAnswer(ops, sub, url.searchParams);
    if (api === undefined) return send(res, 404, "application/json", JSON.stringify({ message: `no ${url.pathname}` }));
    if (api instanceof Refusal) return send(res, api.status, "application/json", JSON.stringify({ message: api.message }));
    return send(res, 200, "application/json", JSON.stringify(api));
  };
}

/** A request the API cannot answer, and why. */
class Refusal {
  constructor(
    readonly status: 400 | 404,
    readonly message: string,
  ) {}
}

function apiAnswer(ops: LocalObservability, path: string, params: URLSearchParams): unknown {
  switch (path) {
    case "/api/dashboard": {
      const body = ops.dashboard;
      const alarmArns = body.widgets.flatMap((w) => (w.type === "alarm" ? (w.properties["alarms"] as readonly string[]) : []));
      return {
        body,
        periodSeconds: ops.store.periodSeconds,
        windowPeriods,
        alarmNames: Object.fromEntries(alarmArns.map((arn) => [arn, ops.alarmName(arn) ?? arn])),
        logWidgetNotice,
      };
    }
    case "/api/metrics":
      return widgetSeries(ops, params.get("widget"));
    case "/api/alarms":
      return { alarms: ops.alarms.statuses(), history: ops.alarms.history() };
    default:
      return undefined;
  }
}

function widgetSeries(ops: LocalObservability, raw: string | null): unknown {
  if (raw === null || !/^\d+$/.test(raw))
    return new Refusal(400, `widget takes the index of a metric widget in the dashboard body, got ${JSON.stringify(raw ?? "")}`);
  const index = Number(raw);
  const widget = ops.dashboard.widgets[index];
  if (widget?.type !== "metric") return new Refusal(404, `widget ${index} is not a metric widget`);
  const lines = widgetLines(widget);
  const range = ops.store.lastPeriods(windowPeriods - 1, ops.store.clock() + ops.store.periodMs);
  const results = resolveQueries(
    ops.store,
    lines.map((l) => l.query),
    range,
  );
  return {
    widget: index,
    periodSeconds: ops.store.periodSeconds,
    timestamps: ops.store.periodStarts(range),
    lines: lines.map((l) => {
      const result = results.get(l.query.id);
      const base = { id: l.query.id, label: l.query.label, visible: l.visible, yAxis: l.yAxis };
      if (!result) return { ...base, error: "not resolved" };
      return "error" in result ? { ...base, error: result.error } : { ...base, points: result.points.map((p) => [p.timestamp, p.value]) };
    }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store" });
  res.end(body);
}
