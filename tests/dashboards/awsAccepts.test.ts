// For any combination of accepted settings, the alarms, dashboard and metric filters hold only
// values CloudWatch accepts. The limits are written out here as CloudWatch documents them
// (PutMetricAlarm, PutCompositeAlarm, PutDashboard, PutMetricFilter), not read from aws/.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { InvalidSettingsError, settingSpecList } from "../../config/settings";
import type { SettingValue } from "../../config/spec";
import { alarmDefinitions, serviceUnhealthyAlarm } from "../../dashboards/alarms";
import { dashboardBody } from "../../dashboards/dashboardBody";
import { metricFilterDefinitions } from "../../dashboards/metricFilters";
import { isMath } from "../../dashboards/queries";
import type { MetricArrayEntry } from "../../dashboards/widgets";
import { alarmArn, observedStack, region } from "./fixtures";

/** An accepted value of each numeric, boolean or closed setting; free-text settings keep their defaults. */
const acceptedConfig: fc.Arbitrary<Record<string, SettingValue>> = fc.record(
  Object.fromEntries(
    settingSpecList.flatMap((s): [string, fc.Arbitrary<SettingValue>][] => {
      if (s.allowed) return [[s.key, fc.constantFrom(...s.allowed)]];
      if (s.type === "boolean") return [[s.key, fc.boolean()]];
      if (s.type === "integer") {
        const min = s.min ?? 0;
        const max = s.max ?? min + 100_000;
        // The edges as often as the middle: that is where limits break.
        return [[s.key, fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max }))]];
      }
      return [];
    }),
  ),
);

const idPattern = /^[a-z][a-zA-Z0-9_]*$/;
const periodOk = (p: number) => [10, 20, 30].includes(p) || (p > 0 && p % 60 === 0);

/** What CloudWatch would refuse of a stack; undefined when the settings are refused as a whole. */
function problems(stack: string, config: Record<string, SettingValue>): string[] | undefined {
  let target: ReturnType<typeof observedStack>;
  try {
    target = observedStack(stack, config);
  } catch (err) {
    // Combinations the settings refuse as a whole (datapoints above periods, ...) never deploy.
    if (err instanceof InvalidSettingsError) return undefined;
    throw err;
  }
  const found: string[] = [];
  const alarms = alarmDefinitions(target);
  for (const a of alarms) {
    if (!(a.datapointsToAlarm >= 1 && a.datapointsToAlarm <= a.evaluationPeriods))
      found.push(`${a.key}: ${a.datapointsToAlarm} of ${a.evaluationPeriods}`);
    for (const q of a.queries) {
      if (!idPattern.test(q.id)) found.push(`${a.key}: id ${q.id}`);
      if (!isMath(q)) {
        if (!periodOk(q.period)) found.push(`${a.key}: period ${q.period}`);
        if (q.period * a.evaluationPeriods > 86_400) found.push(`${a.key}: ${a.evaluationPeriods} × ${q.period} s`);
      }
    }
    // The alarm compares exactly one series: the one it evaluates, which must be one of its queries.
    if (a.queries.filter((q) => q.id === a.evaluates).length !== 1) found.push(`${a.key}: evaluates ${a.evaluates}`);
  }
  const composite = serviceUnhealthyAlarm(target, alarms);
  if (composite.rule.length < 1 || composite.rule.length > 10_240) found.push(`composite rule of ${composite.rule.length}`);
  const body = dashboardBody({ target, region, alarmArns: [...alarms.map((a) => alarmArn(a.name)), alarmArn(composite.name)] });
  for (const w of body.widgets) {
    if (!(w.x >= 0 && w.x <= 23 && w.width >= 1 && w.width <= 24 && w.x + w.width <= 24))
      found.push(`widget at x ${w.x}, width ${w.width}`);
    for (const entry of (w.properties.metrics ?? []) as MetricArrayEntry[]) {
      const options = entry[entry.length - 1] as { id?: string; period?: number };
      if (options.id !== undefined && !idPattern.test(options.id)) found.push(`widget query id ${options.id}`);
      if (options.period !== undefined && !periodOk(options.period)) found.push(`widget period ${options.period}`);
    }
  }
  for (const f of metricFilterDefinitions(target)) {
    if (!f.pattern.trim().startsWith("{") && !f.pattern.trim().startsWith("[")) found.push(`${f.key}: pattern ${f.pattern}`);
  }
  return found;
}

describe("values CloudWatch accepts, for every accepted setting", () => {
  it("defaults of dev and prod", () => {
    assert.deepEqual(problems("dev", {}), []);
    assert.deepEqual(problems("prod", {}), []);
  });

  it("the largest evaluation window the settings accept stays within a day: 60 periods of 60 s", () => {
    assert.deepEqual(problems("dev", { alarmEvaluationPeriods: 60, alarmDatapointsToAlarm: 60 }), []);
    assert.equal(
      alarmDefinitions(observedStack("dev", { alarmEvaluationPeriods: 60 })).every((a) => a.evaluationPeriods === 60),
      true,
    );
  });

  it("any combination of accepted settings, on any stack name", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_.-]{1,100}$/), acceptedConfig, (stack, config) => {
        const found = problems(stack, config);
        fc.pre(found !== undefined);
        assert.deepEqual(found, [], JSON.stringify({ stack, config }));
      }),
      { numRuns: 200 },
    );
  });
});
