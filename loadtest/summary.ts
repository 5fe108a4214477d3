// The report as text for the terminal: the run in a few lines, then the sizing table and the
// commands that apply it.
import { answerNotes, capacitySource, costScope, profileText, recommendationRows, sentText, type Report } from "./report";
import { statusClasses } from "./timeline";

export function summaryText(report: Report): string {
  const { requests: q, latencyMs: l, recommendation: r } = report;
  const lines: string[] = [];
  lines.push(`Target        ${report.target.kind} ${report.target.url}${report.target.capacity ? ` (${report.target.capacity})` : ""}`);
  lines.push(`Load          ${profileText(report.run)}`);
  lines.push(
    `Requests      ${sentText(q)} (${q.byKind.new} new, ${q.byKind.retry} retries, ${q.byKind.invalid} invalid); offered ${q.offeredRate}/s, achieved ${q.achievedRate}/s`,
  );
  const notes = answerNotes(q);
  lines.push(
    `Answers       ${statusClasses.map((c) => `${c} ${q.byStatus[c]}`).join("  ")}${notes.length ? `  (${notes.join("; ")})` : ""}`,
  );
  lines.push(
    `Status codes  ${Object.entries(q.byCode)
      .sort()
      .map(([code, n]) => `${code}: ${n}`)
      .join("  ")}`,
  );
  lines.push(`Latency (ms)  p50 ${l.p50Ms}  p90 ${l.p90Ms}  p99 ${l.p99Ms}  p99.9 ${l.p999Ms}  max ${l.maxMs}  (from intended send time)`);
  const lag = report.sendLagMs;
  lines.push(`Send lag (ms) p50 ${lag.p50Ms}  p99 ${lag.p99Ms}  max ${lag.maxMs}  (actual send time against the schedule)`);
  if (report.functionDurationMs) {
    const d = report.functionDurationMs;
    lines.push(`Function      Duration mean ${d.meanMs} ms, p95 ${d.p95Ms} ms over ${d.invocations} invocations (platform.report)`);
  }
  if (report.store) {
    const s = report.store;
    lines.push(
      `Store         consumed ${s.consumedWriteUnits} WCU, ${s.consumedReadUnits} RCU, ${s.demandedWriteUnits} WCU asked for;` +
        ` ${s.writeThrottles + s.readThrottles} throttled calls, ${s.sdkRetries} SDK retries, ${s.conditionalCheckFailures} failed conditions`,
    );
  }
  if (report.itemEstimate) {
    const e = report.itemEstimate;
    lines.push(`Item sizes    ${e.writeUnits} WCU asked for by ${e.requests} requests, by the items they become (assuming ${e.assumes})`);
  }
  if (report.cloudWatch) {
    const c = report.cloudWatch;
    lines.push(
      `CloudWatch    ${c.window.start} – ${c.window.end}: ConsumedWriteCapacityUnits ${c.consumedWriteUnits}, WriteThrottleEvents ${c.writeThrottleEvents},` +
        ` Lambda Duration p95 ${c.lambdaDurationP95Ms ?? "n/a"} ms, BilledDuration avg ${c.billedDurationAverageMs?.toFixed(1) ?? "n/a"} ms`,
    );
  }
  lines.push(
    "",
    `Sizing for ${r.targetRate} proposals/s at peak, ${r.steadyRate}/s steady, ${r.targetUtilizationPercent} % target utilisation (${capacitySource(r.measuredBy)})`,
  );
  const rows = recommendationRows(r);
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) lines.push(`  ${k.padEnd(width)}  ${v}`);
  lines.push(`  ${costScope}`);
  for (const w of r.warnings) lines.push(`  ! ${w}`);
  if (r.notApplyReady) lines.push("", `No settings to apply: ${r.notApplyReady}.`);
  else lines.push("", "Apply it:", ...r.pulumiCommands.map((c) => `  ${c}`));
  return lines.join("\n");
}
