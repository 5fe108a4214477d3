// Both ways: every custom metric the dashboard or an alarm reads is emitted by the handler or
// produced by a metric filter, and every handler metric and filter metric is charted.
import { strict as assert } from "node:assert";
import { dimensions, handlerMetrics, projectNamespace, rejectionReasons, stackNamespace } from "../../config/metrics";
import { alarmDefinitions, serviceUnhealthyAlarm } from "../../dashboards/alarms";
import { dashboardBody } from "../../dashboards/dashboardBody";
import { metricFilterDefinitions } from "../../dashboards/metricFilters";
import { isMath, type MetricQuery } from "../../dashboards/queries";
import { alarmArn, asDeployed, chartedQueries, metricWidgets, observedStack, region, type ChartedMetric } from "./fixtures";

const target = observedStack("dev");
const handlerNames: readonly string[] = Object.values(handlerMetrics).map((m) => m.name);
const isCustom = (namespace: string) => namespace === projectNamespace || namespace.startsWith(`${projectNamespace}/`);

describe("metric coverage", () => {
  // Built before each test, so each test reads the code as it is when it runs.
  let filters: ReturnType<typeof metricFilterDefinitions> = [];
  let charted: ChartedMetric[] = [];
  let alarmed: MetricQuery[] = [];
  beforeEach(() => {
    const alarms = alarmDefinitions(target);
    filters = metricFilterDefinitions(target);
    const body = asDeployed(
      dashboardBody({ target, region, alarmArns: [...alarms, serviceUnhealthyAlarm(target, alarms)].map((a) => alarmArn(a.name)) }),
    );
    charted = metricWidgets(body).flatMap((w) => chartedQueries(w).metrics);
    alarmed = alarms.flatMap((a) => a.queries.filter((q): q is MetricQuery => !isMath(q)));
  });

  it("reads no custom metric that neither the handler nor a metric filter produces", () => {
    for (const m of [...charted, ...alarmed]) {
      if (!isCustom(m.namespace)) continue;
      const fromHandler = m.namespace === stackNamespace(target.stack) && handlerNames.includes(m.metricName);
      const fromFilter = filters.some((f) => f.namespace === m.namespace && f.metricName === m.metricName);
      assert.ok(fromHandler || fromFilter, `${m.namespace}/${m.metricName} has no producer`);
    }
  });

  it("charts every handler metric, with the service dimension Powertools adds", () => {
    for (const name of handlerNames) {
      const found = charted.filter((m) => m.namespace === stackNamespace(target.stack) && m.metricName === name);
      assert.ok(found.length > 0, `${name} is not charted`);
      for (const m of found) assert.equal(m.dimensions[dimensions.service], target.names.serviceName, name);
    }
  });

  it("charts proposals rejected once per bounded reason", () => {
    const reasons = charted
      .filter((m) => m.metricName === handlerMetrics.proposalsRejected.name)
      .map((m) => m.dimensions[dimensions.reason]);
    assert.deepEqual(reasons, [...rejectionReasons]);
  });

  it("charts cold starts with the service and function_name dimensions of Powertools' ColdStart metric", () => {
    const cold = charted.filter((m) => m.metricName === handlerMetrics.coldStart.name);
    assert.equal(cold.length, 1);
    assert.deepEqual(cold[0]?.dimensions, {
      [dimensions.service]: target.names.serviceName,
      [dimensions.coldStartFunctionName]: target.names.functionName,
    });
  });

  it("charts every metric the metric filters produce", () => {
    for (const f of filters) {
      assert.ok(
        charted.some((m) => m.namespace === f.namespace && m.metricName === f.metricName),
        `${f.metricName} from ${f.filterName} is not charted`,
      );
    }
  });
});
