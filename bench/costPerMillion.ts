// What a million proposals cost, by part, at list prices (aws/prices.ts): the request path (API
// Gateway, Lambda, DynamoDB) beside the observability bill (logs, traces, metrics, alarms, the
// dashboard). Measured here: the function's CPU per request and INIT (the deployed bundle,
// scaled to the CPU share of 128 MB), and the log bytes per proposal, on the local stack, as CloudWatch
// Logs would ingest them. Stated: the cold-start share, the steady rate and X-Ray's sampling.
import { randomUUID } from "node:crypto";
import {
  apiGatewayPrices,
  cloudWatchPrices,
  dynamoDbPrices,
  hoursPerMonth,
  lambdaPrices,
  scaledDurationMs,
  xrayPrices,
} from "../aws/prices";
import { accessLogFields } from "../components/restApi";
import { projectName } from "../config/names";
import { handlerMetrics, rejectionReasons } from "../config/metrics";
import { objectSource, resolveSettings } from "../config/settings";
import { alarmDefinitions } from "../dashboards/alarms";
import { metricFilterDefinitions } from "../dashboards/metricFilters";
import { isMath } from "../dashboards/queries";
import { httpTarget } from "../loadtest/httpTarget";
import { jsonHeaders } from "../loadtest/proposals";
import { observedLocalStack } from "../local/observability/observedLocalStack";
import { startLocalStack, unlimitedLocalStack } from "../local/stack";
import { times, type Benchmark } from "./lib/benchmark";
import { benchSettings, benchStack } from "./lib/benchStack";
import { startHarness } from "./lib/harness";
import { alternatingColdStarts, alternatingWarmRuns, quickColdRuns, quickWarmPlan } from "./lib/lambdaProcess";
import { costPerMillionProposals, type ProposalCostInputs, type UnitPrices } from "./lib/proposalCost";
import { typicalProposal } from "./lib/proposals";
import { median, ms } from "./lib/stats";

/** Stated, not measured: one invocation in a hundred starts an execution environment. */
const coldStartShare = 0.01;
/** Stated: the steady rate the month is priced at. */
const proposalsPerSecond = 10;
/** X-Ray's default sampling rule, which the stage and the function use: one request a second, then 5 %. */
const sampling = { reservoirPerSecond: 1, rate: 0.05 } as const;
/** CloudWatch Logs counts each event's UTF-8 bytes plus 26 bytes of metadata (PutLogEvents' batch size). */
const eventOverheadBytes = 26;

interface LogBytes {
  readonly application: number;
  readonly emf: number;
  readonly platform: number;
  readonly events: number;
}

const kindOf = (line: string): keyof Omit<LogBytes, "events"> =>
  line.includes('"type":"platform.') ? "platform" : line.includes('"_aws"') ? "emf" : "application";

/** Bytes the function's log stream gets per proposal on the local stack, warm, by kind of line. */
async function functionLogBytes(proposals: number): Promise<LogBytes> {
  const stack = await startLocalStack(unlimitedLocalStack);
  const tally = { application: 0, emf: 0, platform: 0, events: 0 };
  const target = httpTarget(stack.destinationUrl, 1);
  try {
    const body = JSON.stringify(typicalProposal);
    const send = async (): Promise<void> => {
      const { status } = await target.send(body, jsonHeaders);
      if (status !== 201) throw new Error(`expected 201, got ${status}`);
    };
    // The first proposal pays the cold start's lines (INIT report, the ColdStart metric).
    for (let i = 0; i < 5; i++) await send();
    stack.lambda.onLog((line) => {
      tally[kindOf(line)] += Buffer.byteLength(line) + eventOverheadBytes;
      tally.events += 1;
    });
    for (let i = 0; i < proposals; i++) await send();
    return {
      application: tally.application / proposals,
      emf: tally.emf / proposals,
      platform: tally.platform / proposals,
      events: tally.events / proposals,
    };
  } finally {
    target.close();
    await stack.close();
  }
}

/** One access log record as the stage writes it (restApi.ts's format), with typical values. */
function accessLogBytes(): number {
  const typical: Record<string, string> = {
    "$context.requestId": randomUUID(),
    "$context.requestTime": "07/Dec/2026:13:20:00 +0000",
    "$context.identity.sourceIp": "203.0.113.200",
    "$context.httpMethod": "POST",
    "$context.path": "/v1/destination",
    "$context.resourcePath": "/destination",
    "$context.status": "201",
    "$context.responseLatency": "35",
    "$context.integrationLatency": "31",
    "$context.responseLength": "131",
    "$context.xrayTraceId": "1-6755f0a0-0123456789abcdef01234567",
  };
  const record = Object.fromEntries(Object.entries(accessLogFields).map(([key, variable]) => [key, typical[variable] ?? "-"]));
  return Buffer.byteLength(JSON.stringify(record)) + eventOverheadBytes;
}

/** The stack's custom metrics, alarms and dashboards, as the Pulumi program creates them. */
function monitoringCounts(): Pick<ProposalCostInputs, "customMetrics" | "standardAlarmMetrics" | "compositeAlarms" | "dashboards"> {
  const target = { project: projectName, stack: benchStack.stack };
  const observed = observedLocalStack({
    ...target,
    settings: resolveSettings(benchStack.stack, objectSource({})),
    tableName: "events",
    functionName: "propose-destination",
  });
  // Every EMF metric has one set of dimension values, but for ProposalsRejected, one per reason.
  const emfMetrics = Object.keys(handlerMetrics).length - 1 + rejectionReasons.length;
  return {
    customMetrics: emfMetrics + metricFilterDefinitions(target).length,
    standardAlarmMetrics: alarmDefinitions(observed).reduce((sum, a) => sum + a.queries.filter((q) => !isMath(q)).length, 0),
    compositeAlarms: 1,
    dashboards: 1,
  };
}

const unitPrices: UnitPrices = {
  apiRequestsPerMillion: apiGatewayPrices.restRequests.usd,
  lambdaRequestsPerMillion: lambdaPrices.requests.usd,
  gbSecond: benchSettings.architecture === "arm64" ? lambdaPrices.gbSecondArm64.usd : lambdaPrices.gbSecondX86.usd,
  writeRequestUnitsPerMillion: dynamoDbPrices.onDemandWriteRequestUnitMillion.usd,
  writeCapacityUnitHour: dynamoDbPrices.writeCapacityUnitHour.usd,
  logsPerGb: cloudWatchPrices.logsIngested.usd,
  tracesPerMillion: xrayPrices.tracesRecorded.usd,
  customMetricMonth: cloudWatchPrices.customMetricMonth.usd,
  standardAlarmMetricMonth: cloudWatchPrices.standardAlarmMonth.usd,
  compositeAlarmMonth: cloudWatchPrices.compositeAlarmMonth.usd,
  dashboardMonth: cloudWatchPrices.dashboardMonth.usd,
};

const usd = (value: number): string => `$${value.toFixed(value < 1 ? 4 : 2)}`;

export const benchmark: Benchmark = {
  name: "cost per million proposals",
  async run({ quick }) {
    const harness = await startHarness(["deployed"]);
    let coldMs: number;
    let warmMs: number;
    try {
      const build = harness.builds.get("deployed");
      const cold = await alternatingColdStarts([build], quick ? quickColdRuns : 11, harness.endpoints, harness.event);
      const plan = quick ? quickWarmPlan : { processes: 1, warmup: 300, count: 1000 };
      const warm = await alternatingWarmRuns([build], plan, harness.endpoints, harness.event);
      coldMs = median(cold.get("deployed")!.map((r) => r.initMs));
      // CPU, not wall time: below a full vCPU, Lambda's duration is the CPU work stretched by the
      // CPU share; the wait for DynamoDB (a loopback stand-in here) is not part of it.
      warmMs = median(warm.get("deployed")!.map((r) => r.cpuMs / plan.count));
    } finally {
      await harness.close();
    }
    const logs = await functionLogBytes(quick ? 10 : 200);
    const access = accessLogBytes();
    const memoryMb = benchSettings.memorySize;
    const tracedShare = Math.min(
      1,
      (sampling.reservoirPerSecond + sampling.rate * (proposalsPerSecond - sampling.reservoirPerSecond)) / proposalsPerSecond,
    );
    const counts = monitoringCounts();
    const inputs: ProposalCostInputs = {
      durationMs: scaledDurationMs(warmMs, memoryMb),
      memoryMb,
      initDurationMs: scaledDurationMs(coldMs, memoryMb),
      coldStartShare,
      writeUnitsPerProposal: 1,
      targetUtilization: benchSettings.autoScalingTargetUtilization / 100,
      logBytesPerProposal: logs.application + logs.emf + logs.platform + access,
      tracedShare,
      proposalsPerMonth: proposalsPerSecond * 3600 * hoursPerMonth,
      ...counts,
    };
    const cost = costPerMillionProposals(inputs, unitPrices);
    const compute = cost.parts.filter((part) => part.part.startsWith("Lambda ")).reduce((sum, part) => sum + part.usd, 0);
    const share = (value: number): string => `${((100 * value) / cost.total).toFixed(0)} %`;
    const p = lambdaPrices.requests;
    return {
      lines: [
        `list prices ${p.region}, read ${p.readOn} (aws/prices.ts); ${memoryMb} MB ${benchSettings.architecture}`,
        `duration: warm CPU ${ms(warmMs)} a request locally -> ~${ms(inputs.durationMs)} at ${memoryMb} MB (CPU share; DynamoDB's latency not included); INIT ${ms(coldMs)} -> ~${ms(inputs.initDurationMs)}, at a stated ${(coldStartShare * 100).toFixed(0)} % of invocations`,
        `log bytes per proposal (with ${eventOverheadBytes} B per event): application ${logs.application.toFixed(0)}, EMF ${logs.emf.toFixed(0)}, platform ${logs.platform.toFixed(0)} (${logs.events.toFixed(1)} events, local stack), access log ${access}`,
        `X-Ray: default sampling (${sampling.reservoirPerSecond}/s, then ${sampling.rate * 100} %) at a stated ${proposalsPerSecond} proposals/s: ${(tracedShare * 100).toFixed(1)} % traced`,
        `fixed monthly: ${counts.customMetrics} custom metrics, ${counts.standardAlarmMetrics} alarm metrics, ${counts.compositeAlarms} composite alarm, ${counts.dashboards} dashboard = ${usd(cost.fixedMonthlyUsd)} a month, spread over ${(inputs.proposalsPerMonth / 1e6).toFixed(1)} M proposals`,
        "per million proposals:",
        ...cost.parts.map((part) => `  ${part.part.padEnd(44)} ${usd(part.usd).padStart(8)}  ${share(part.usd).padStart(4)}  ${part.kind}`),
        `  ${`(DynamoDB writes, provisioned at ${benchSettings.autoScalingTargetUtilization} %)`.padEnd(44)} ${usd(cost.provisionedWrites.usd).padStart(8)}`,
        `  request path ${usd(cost.totalByKind["request path"])}, observability ${usd(cost.totalByKind.observability)}, total ${usd(cost.total)}; the largest part: ${cost.dominant.part}`,
        `  Lambda compute (requests, duration, INIT) ${usd(compute)}: observability costs ${times(cost.totalByKind.observability / compute)} the compute`,
      ],
      ratios: [
        {
          name: "cost per million: observability / request path",
          measured: cost.totalByKind.observability,
          baseline: cost.totalByKind["request path"],
          unit: "USD",
        },
      ],
      targets: [],
    };
  },
};
