// The report as text for the terminal: the run in a few lines, then the sizing table and the
// commands that apply it.
import { capacitySource, type Report } from "./report";
import { statusClasses } from "./timeline";

export function summaryText(report: Report): string {
  const { requests: q, latencyMs: l, recommendation: r } = report;
  const lines: string[] = [];
  lines.push(`Target        ${report.target.kind} ${report.target.url}${report.target.capacity ? ` (${report.target.capacity})` : ""}`);
  lines.push(`Requests      ${q.planned} planned (${q.byKind.new} new, ${q.byKind.retry} retries, ${q.byKind.invalid} invalid); offered ${q.offeredRate}/s, achieved ${q.achievedRate}/s`);
  lines.push(`Answers       ${statusClasses.map((c) => `${c} ${q.byStatus[c]}`).join("  ")}${q.heldByCap ? `  (held by the in-flight cap: ${q.heldByCap})` : ""}`);
  lines.push(`Status codes  ${Object.entries(q.byCode).sort().map(([code, n]) => `${code}: ${n}`).join("  ")}`);
  lines.push(`Latency (ms)  p50 ${l.p50Ms}  p90 ${l.p90Ms}  p99 ${l.p99Ms}  p99.9 ${l.p999Ms}  max ${l.maxMs}  (from intended send time)`);
  if (report.store) {
    const s = report.store;
    lines.push(
      `Store         consumed ${s.consumedWriteUnits} WCU, ${s.consumedReadUnits} RCU, ${s.demandedWriteUnits} WCU asked for;` +
        ` ${s.writeThrottles + s.readThrottles} throttled calls, ${s.sdkRetries} SDK retries, ${s.conditionalCheckFailures} failed conditions`,
    );
  }
  if (report.cloudWatch) {
    const c = report.cloudWatch;
    lines.push(
      `CloudWatch    ${c.window.start} – ${c.window.end}: ConsumedWriteCapacityUnits ${c.consumedWriteUnits}, WriteThrottleEvents ${c.writeThrottleEvents},` +
        ` Lambda Duration p95 ${c.lambdaDurationP95Ms ?? "n/a"} ms, BilledDuration avg ${c.billedDurationAverageMs?.toFixed(1) ?? "n/a"} ms`,
    );
  }
  lines.push("", `Sizing for ${r.targetRate} proposals/s at peak, ${r.steadyRate}/s steady, ${r.targetUtilizationPercent} % target utilisation (${capacitySource(r.measuredBy)})`);
  const rows: readonly (readonly [string, string])[] = [
    ["write units per request", String(r.writeUnitsPerRequest)],
    ["read units per request", String(r.readUnitsPerRequest)],
    ["write capacity (WCU)", String(r.writeCapacityUnits)],
    ["read capacity (RCU)", String(r.readCapacityUnits)],
    ["auto scaling", `${r.autoScaling.enabled ? "on" : "off"}: min ${r.autoScaling.minCapacity}, max ${r.autoScaling.maxCapacity}, target ${r.autoScaling.targetUtilizationPercent} %`],
    ["hottest partition key", `${r.partitionKey.hottestKeyWriteUnitsPerSecond} WCU/s of ${r.partitionKey.writeUnitsPerSecondLimit} per key (${r.partitionKey.readUnitsPerSecondLimit} RCU)`],
    ["burst credit", `${r.burst.creditUnits} WCU; full after ${r.burst.secondsToFill === null ? "never (no spare capacity)" : `${Math.round(r.burst.secondsToFill)} s at the steady rate`}`],
    [`spike to ${r.burst.spikeRate}/s`, r.burst.rideSeconds === null ? "within provisioned capacity" : `rides ${Math.round(r.burst.rideSeconds)} s on full burst credit (best effort)`],
    ["monthly cost, provisioned", `$${r.monthlyCostUsd.provisionedAtPeak} at peak, $${r.monthlyCostUsd.provisionedAutoScaled} auto scaled to the steady rate`],
    ["monthly cost, on-demand", `$${r.monthlyCostUsd.onDemand} at the steady rate (prices as of ${r.monthlyCostUsd.pricesAsOf})`],
    ["Lambda concurrency", `${r.lambda.concurrencyNeeded} (rate × p95 ${r.lambda.p95DurationMs} ms) of ${r.lambda.accountLimit} account limit`],
    ["API stage throttle", `rate ${r.apiThrottle.rateLimit}/s, burst ${r.apiThrottle.burstLimit}`],
    [`throttled ${r.throttledCounts}`, String(r.throttledRequests)],
    ["consumed WCU / RCU", `${r.consumedWriteCapacityUnits} / ${r.consumedReadCapacityUnits}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) lines.push(`  ${k.padEnd(width)}  ${v}`);
  for (const w of r.warnings) lines.push(`  ! ${w}`);
  lines.push("", "Apply it:", ...r.pulumiCommands.map((c) => `  ${c}`));
  return lines.join("\n");
}
