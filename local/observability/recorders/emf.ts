// Parses CloudWatch Embedded Metric Format log lines (what Powertools Metrics writes) into
// datapoints, as CloudWatch Logs does for a function's log group. Reference: "Specification:
// Embedded metric format". A value may be a number or an array of numbers; every dimension
// set of a directive gets the metric, with dimension values from the line's own fields.
import type { Datapoint } from "../metricStore";

type Fields = Readonly<Record<string, unknown>>;

interface Directive {
  readonly Namespace?: unknown;
  readonly Dimensions?: unknown;
  readonly Metrics?: unknown;
}

/** The datapoints of one log line; none when the line is not an EMF document. */
export function emfDatapoints(line: string): readonly Omit<Datapoint, "timestamp">[] {
  const text = line.trim();
  if (!text.startsWith("{") || !text.includes('"CloudWatchMetrics"')) return [];
  let doc: Fields;
  try {
    doc = JSON.parse(text) as Fields;
  } catch {
    return [];
  }
  const aws = doc["_aws"] as Fields | undefined;
  const directives = aws?.["CloudWatchMetrics"];
  if (!Array.isArray(directives)) return [];
  return (directives as Directive[]).flatMap((d) => {
    if (typeof d.Namespace !== "string" || !Array.isArray(d.Metrics)) return [];
    const namespace = d.Namespace;
    const sets = Array.isArray(d.Dimensions) ? (d.Dimensions as unknown[]).filter(Array.isArray) : [[]];
    return (d.Metrics as Fields[]).flatMap((m) => {
      const metricName = m["Name"];
      if (typeof metricName !== "string") return [];
      const unit = typeof m["Unit"] === "string" ? m["Unit"] : "None";
      const raw = doc[metricName];
      const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is number => typeof v === "number");
      return sets.flatMap((set) => {
        const dimensions: Record<string, string> = {};
        for (const name of set as unknown[]) {
          const value = doc[String(name)];
          if (typeof value !== "string") return [];
          dimensions[String(name)] = value;
        }
        return values.map((value) => ({ namespace, metricName, dimensions, unit, value }));
      });
    });
  });
}
