// The report as one self-contained HTML page: inline SVG charts drawn here, inline CSS, no
// scripts or fonts fetched from anywhere, so the file opens offline and can be attached.
import { answerNotes, capacitySource, costScope, profileText, recommendationRows, sentText, type Report } from "./report";
import { statusClasses, type StatusClass } from "./timeline";

interface Series {
  readonly label: string;
  readonly colour: string;
  readonly values: readonly number[];
}

const statusColours: Readonly<Record<StatusClass, string>> = {
  "2xx": "#2e7d32",
  "4xx": "#f9a825",
  "429": "#ef6c00",
  "5xx": "#6a1b9a",
  "503": "#c62828",
  failed: "#424242",
};

const width = 760;
const height = 220;
const pad = { left: 48, right: 12, top: 12, bottom: 28 };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function axes(maxY: number, seconds: number, yLabel: string): string {
  const innerH = height - pad.top - pad.bottom;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const y = pad.top + innerH * (1 - f);
    return `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y}" y2="${y}" stroke="#e0e0e0"/><text x="${pad.left - 6}" y="${y + 4}" text-anchor="end">${round(maxY * f)}</text>`;
  });
  return (
    ticks.join("") +
    `<text x="${width / 2}" y="${height - 4}" text-anchor="middle">seconds (0–${seconds})</text>` +
    `<text x="12" y="${pad.top + innerH / 2}" transform="rotate(-90 12 ${pad.top + innerH / 2})" text-anchor="middle">${escapeHtml(yLabel)}</text>`
  );
}

function legend(series: readonly Series[]): string {
  return `<p class="legend">${series.map((s) => `<span style="color:${s.colour}">■</span> ${escapeHtml(s.label)}`).join(" &nbsp; ")}</p>`;
}

function lineChart(title: string, yLabel: string, series: readonly Series[]): string {
  const n = Math.max(1, ...series.map((s) => s.values.length));
  const maxY = niceMax(Math.max(1, ...series.flatMap((s) => s.values)));
  const x = (i: number): number => pad.left + ((width - pad.left - pad.right) * (i + 0.5)) / n;
  const y = (v: number): number => pad.top + (height - pad.top - pad.bottom) * (1 - v / maxY);
  const paths = series.map(
    (s) =>
      `<polyline fill="none" stroke="${s.colour}" stroke-width="2" points="${s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ")}"/>`,
  );
  return figure(title, `${axes(maxY, n, yLabel)}${paths.join("")}`, series);
}

function stackedBars(title: string, yLabel: string, series: readonly Series[]): string {
  const n = Math.max(1, ...series.map((s) => s.values.length));
  const totals = Array.from({ length: n }, (_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const maxY = niceMax(Math.max(1, ...totals));
  const innerH = height - pad.top - pad.bottom;
  const barW = (width - pad.left - pad.right) / n;
  const rects: string[] = [];
  for (let i = 0; i < n; i++) {
    let base = 0;
    for (const s of series) {
      const v = s.values[i] ?? 0;
      if (v === 0) continue;
      const h = (innerH * v) / maxY;
      const top = pad.top + innerH - (innerH * base) / maxY - h;
      rects.push(
        `<rect x="${(pad.left + i * barW + 1).toFixed(1)}" y="${top.toFixed(1)}" width="${Math.max(1, barW - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${s.colour}"><title>${escapeHtml(`${s.label}: ${v} in second ${i}`)}</title></rect>`,
      );
      base += v;
    }
  }
  return figure(title, `${axes(maxY, n, yLabel)}${rects.join("")}`, series);
}

function figure(title: string, body: string, series: readonly Series[]): string {
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}">${body}</svg>${legend(series)}</figure>`;
}

function table(rows: readonly (readonly [string, string | number])[]): string {
  return `<table>${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(String(v))}</td></tr>`).join("")}</table>`;
}

export function htmlReport(report: Report): string {
  const t = report.timeline;
  const r = report.recommendation;
  const l = report.latencyMs;
  const provisioned = report.target.capacity;
  const notes = answerNotes(report.requests);
  const answered = (s: (typeof t)[number]): number => s.completed - s.status.failed;
  const charts = [
    lineChart("Offered vs achieved rate", "requests / s", [
      { label: "offered", colour: "#1565c0", values: t.map((s) => s.offered) },
      { label: "achieved (answers)", colour: "#2e7d32", values: t.map((s) => s.completed) },
    ]),
    stackedBars(
      "Answers per second by status class",
      "answers / s",
      statusClasses.map((c) => ({ label: c, colour: statusColours[c], values: t.map((s) => s.status[c]) })),
    ),
    lineChart("Latency from intended send, by second of answer", "ms", [
      { label: "mean", colour: "#1565c0", values: t.map((s) => (answered(s) > 0 ? round(s.latencySumMs / answered(s)) : 0)) },
      { label: "slowest", colour: "#c62828", values: t.map((s) => s.latencyMaxMs) },
    ]),
    // A --url run sees no store: its store and capacity charts would be empty, so they are left out.
    ...(report.store
      ? [
          lineChart("Store: throttled calls and SDK retries", "calls / s", [
            { label: "throttled (ProvisionedThroughputExceeded)", colour: "#c62828", values: t.map((s) => s.throttles) },
            { label: "SDK retries", colour: "#ef6c00", values: t.map((s) => s.sdkRetries) },
          ]),
          lineChart("Write capacity: asked for, consumed, enforced, recommended", "units / s", [
            { label: "WCU asked for (first attempts)", colour: "#6a1b9a", values: t.map((s) => s.demandedWriteUnits) },
            { label: "consumed WCU", colour: "#1565c0", values: t.map((s) => s.consumedWriteUnits) },
            { label: "consumed RCU", colour: "#00838f", values: t.map((s) => s.consumedReadUnits) },
            ...(report.target.enforced
              ? [{ label: "enforced WCU", colour: "#212121", values: t.map(() => report.target.enforced!.writeCapacity) }]
              : []),
            { label: "recommended WCU", colour: "#9e9e9e", values: t.map(() => r.writeCapacityUnits) },
          ]),
        ]
      : []),
  ];
  const basis: (readonly [string, string])[] = [];
  if (report.store) {
    const s = report.store;
    basis.push(
      ["write units asked for", `${s.demandedWriteUnits} WCU (every write's first attempt, priced by DynamoDB's rules)`],
      ["consumed", `${s.consumedWriteUnits} WCU, ${s.consumedReadUnits} RCU, as the store reported`],
      ["throttled store calls", String(s.writeThrottles + s.readThrottles)],
      ["SDK retries", String(s.sdkRetries)],
      ["failed conditions", `${s.conditionalCheckFailures} (charged the item already there)`],
      ["time waiting for capacity", `${s.capacityWaitMs} ms in all (SDK back-off and further attempts)`],
    );
  }
  if (report.itemEstimate) {
    const e = report.itemEstimate;
    basis.push([
      "write units asked for",
      `${e.writeUnits} WCU by ${e.requests} requests, estimated from the items they become (assuming ${e.assumes})`,
    ]);
  }
  if (report.cloudWatch) {
    const c = report.cloudWatch;
    basis.push(
      ["CloudWatch window", `${c.window.start} – ${c.window.end}`],
      ["ConsumedWriteCapacityUnits", String(c.consumedWriteUnits)],
      ["WriteThrottleEvents", String(c.writeThrottleEvents)],
      ["Lambda Duration", `average ${c.lambdaDurationAverageMs ?? "n/a"} ms, p95 ${c.lambdaDurationP95Ms ?? "n/a"} ms`],
    );
  }
  if (report.functionDurationMs) {
    const d = report.functionDurationMs;
    basis.push(["function Duration", `mean ${d.meanMs} ms, p95 ${d.p95Ms} ms over ${d.invocations} invocations (platform.report)`]);
  }
  basis.push(["Lambda concurrency from", `${r.lambda.durationMs} ms per invocation: ${r.lambda.durationBasis}`]);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>visitplannr load test ${escapeHtml(report.run.startedAt)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:820px;color:#212121}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse}th,td{padding:3px 10px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
th{font-weight:600}figure{margin:16px 0}figcaption{font-weight:600}svg text{font-size:11px;fill:#616161}
.legend{margin:2px 0 0 ${pad.left}px;font-size:12px}pre{background:#f5f5f5;padding:10px;overflow:auto}.warn{color:#c62828}
</style></head><body>
<h1>Load test: ${escapeHtml(report.target.kind)} ${escapeHtml(report.target.url)}</h1>
${table([
  ["started", report.run.startedAt],
  ["load", profileText(report.run)],
  ["capacity enforced", provisioned ?? "n/a"],
  [
    "extra headers",
    Object.keys(report.run.headers).length > 0 ? `${Object.keys(report.run.headers).join(", ")} (values redacted)` : "none",
  ],
  ["requests", `${sentText(report.requests)}, offered ${report.requests.offeredRate}/s, achieved ${report.requests.achievedRate}/s`],
  ["answers", statusClasses.map((c) => `${c}: ${report.requests.byStatus[c]}`).join(", ") + (notes.length ? ` (${notes.join("; ")})` : "")],
  ["latency from intended send (ms)", `p50 ${l.p50Ms}, p90 ${l.p90Ms}, p99 ${l.p99Ms}, p99.9 ${l.p999Ms}, max ${l.maxMs}`],
  ["send lag against the schedule (ms)", `p50 ${report.sendLagMs.p50Ms}, p99 ${report.sendLagMs.p99Ms}, max ${report.sendLagMs.maxMs}`],
])}
${charts.join("\n")}
<h2>What the sizing rests on (${escapeHtml(capacitySource(r.measuredBy))})</h2>
${table(basis)}
<h2>Sizing for ${r.targetRate} proposals/s (${r.targetUtilizationPercent} % target utilisation, ${escapeHtml(capacitySource(r.measuredBy))})</h2>
${table(recommendationRows(r))}
<p>${escapeHtml(costScope)}</p>
${r.warnings.map((w) => `<p class="warn">${escapeHtml(w)}</p>`).join("")}
${r.notApplyReady ? `<h2>No settings to apply</h2><p>${escapeHtml(r.notApplyReady)}.</p>` : `<h2>Apply it</h2>\n<pre>${escapeHtml(r.pulumiCommands.join("\n"))}</pre>`}
</body></html>
`;
}

function niceMax(v: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((m) => m >= v) ?? v;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
