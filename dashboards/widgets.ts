// CloudWatch dashboard body structure: widget shapes, the metric array form, and a row packer
// on the 24-column grid. Reference: CloudWatch API "Dashboard Body Structure and Syntax".
import { isMath, periodSeconds, type Query } from "./queries";

export const gridColumns = 24;

type WidgetType = "metric" | "text" | "alarm" | "log";

export interface Widget {
  readonly type: WidgetType;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Readonly<Record<string, unknown>>;
}

export type UnplacedWidget = Pick<Widget, "type" | "properties"> & { readonly width?: number };

export interface DashboardBody {
  readonly start: string;
  readonly periodOverride: "auto" | "inherit";
  readonly widgets: readonly Widget[];
}

/** One element of a widget's `metrics` array. */
export type MetricArrayEntry = readonly (string | Readonly<Record<string, unknown>>)[];

export interface GraphOptions {
  readonly title: string;
  readonly region: string;
  readonly queries: readonly Query[];
  /** Unit of the left axis, shown as its label. */
  readonly unit: string;
  /** Ids that feed metric math but are not drawn. */
  readonly hidden?: readonly string[];
  /** Ids drawn against the right axis, with its unit. */
  readonly right?: { readonly ids: readonly string[]; readonly unit: string };
  /** Horizontal lines: thresholds and limits. */
  readonly lines?: readonly { readonly label: string; readonly value: number }[];
  readonly stacked?: boolean;
}

function renderQuery(q: Query, options: GraphOptions): MetricArrayEntry {
  const rendering: Record<string, unknown> = { id: q.id, label: q.label };
  if (options.hidden?.includes(q.id)) rendering.visible = false;
  if (options.right?.ids.includes(q.id)) rendering.yAxis = "right";
  if (isMath(q)) return [{ expression: q.expression, ...rendering }];
  const dims = Object.entries(q.dimensions).flat();
  return [q.namespace, q.metricName, ...dims, { ...rendering, stat: q.stat, period: q.period }];
}

export function graph(options: GraphOptions, width?: number): UnplacedWidget {
  const axis = (label: string) => ({ label, showUnits: false, min: 0 });
  return {
    type: "metric",
    ...(width === undefined ? {} : { width }),
    properties: {
      title: options.title,
      region: options.region,
      view: "timeSeries",
      stacked: options.stacked ?? false,
      period: periodSeconds,
      metrics: options.queries.map((q) => renderQuery(q, options)),
      yAxis: options.right ? { left: axis(options.unit), right: axis(options.right.unit) } : { left: axis(options.unit) },
      ...(options.lines?.length ? { annotations: { horizontal: options.lines.map((l) => ({ label: l.label, value: l.value })) } } : {}),
    },
  };
}

export function text(markdown: string, width?: number): UnplacedWidget {
  return { type: "text", ...(width === undefined ? {} : { width }), properties: { markdown } };
}

export function alarmStatus(title: string, alarmArns: readonly string[], width?: number): UnplacedWidget {
  return {
    type: "alarm",
    ...(width === undefined ? {} : { width }),
    properties: { title, alarms: alarmArns, sortBy: "stateUpdatedTimestamp" },
  };
}

export function logQuery(title: string, region: string, query: string, width?: number): UnplacedWidget {
  return { type: "log", ...(width === undefined ? {} : { width }), properties: { title, region, query, view: "table" } };
}

/**
 * Places rows top to bottom. Widgets without a width share what the others leave of the 24
 * columns, the first ones taking any remainder.
 */
export function stackRows(rows: readonly { readonly height: number; readonly widgets: readonly UnplacedWidget[] }[]): Widget[] {
  const placed: Widget[] = [];
  let y = 0;
  for (const row of rows) {
    const free = gridColumns - row.widgets.reduce((sum, w) => sum + (w.width ?? 0), 0);
    const flexible = row.widgets.filter((w) => w.width === undefined).length;
    let x = 0;
    let nthFlexible = 0;
    for (const w of row.widgets) {
      const width = w.width ?? Math.floor(free / flexible) + (nthFlexible++ < free % flexible ? 1 : 0);
      placed.push({ type: w.type, x, y, width, height: row.height, properties: w.properties });
      x += width;
    }
    y += row.height;
  }
  return placed;
}
