import { strict as assert } from "node:assert";
import { resolveSettings } from "../../../config/settings";
import { eventsTableName, localStackName, projectName, proposeFunctionName } from "../../../config/names";
import { alarmDefinitions, serviceUnhealthyAlarm, type AlarmDefinition } from "../../../dashboards/alarms";
import {
  compositeMembers,
  effectiveMissingData,
  evaluateComposite,
  evaluateWindow,
  type AlarmRule,
} from "../../../local/observability/alarmEvaluation";
import { LocalAlarms } from "../../../local/observability/localAlarms";
import { observedLocalStack } from "../../../local/observability/observedLocalStack";
import { MetricStore } from "../../../local/observability/metricStore";

const _ = undefined;
const threeOfFive = (treatMissingData: AlarmRule["treatMissingData"]): AlarmRule => ({
  comparison: "GreaterThanOrEqualToThreshold",
  threshold: 1,
  evaluationPeriods: 5,
  datapointsToAlarm: 3,
  treatMissingData,
});

describe("alarm evaluation (M of N)", () => {
  it("alarms when at least M of the N periods breach, and not with fewer", () => {
    assert.equal(evaluateWindow(threeOfFive("missing"), [1, 0, 1, 0, 1], "OK").state, "ALARM");
    assert.equal(evaluateWindow(threeOfFive("missing"), [1, 0, 1, 0, 0], "ALARM").state, "OK");
    assert.equal(evaluateWindow(threeOfFive("missing"), [0, 0, 5, 7, 9], "OK").state, "ALARM");
  });

  it("compares as the alarm says: ≥ breaches at the threshold, > only above it", () => {
    const gte = threeOfFive("missing");
    const gt: AlarmRule = { ...gte, comparison: "GreaterThanThreshold" };
    assert.equal(evaluateWindow(gte, [1, 1, 1, 0, 0], "OK").state, "ALARM");
    assert.equal(evaluateWindow(gt, [1, 1, 1, 0, 0], "OK").state, "OK");
    assert.equal(evaluateWindow(gt, [1.5, 2, 1.01, 0, 0], "OK").state, "ALARM");
  });

  it("notBreaching counts missing periods as good", () => {
    assert.equal(evaluateWindow(threeOfFive("notBreaching"), [1, _, 1, _, _], "ALARM").state, "OK");
    assert.equal(evaluateWindow(threeOfFive("notBreaching"), [1, _, 1, _, 1], "OK").state, "ALARM");
    assert.equal(evaluateWindow(threeOfFive("notBreaching"), [_, _, _, _, _], "ALARM").state, "OK");
  });

  it("breaching counts missing periods as bad", () => {
    assert.equal(evaluateWindow(threeOfFive("breaching"), [1, _, 0, _, 0], "OK").state, "ALARM");
    assert.equal(evaluateWindow(threeOfFive("breaching"), [0, _, 0, 0, 0], "OK").state, "OK");
    assert.equal(evaluateWindow(threeOfFive("breaching"), [_, _, _, _, _], "OK").state, "ALARM");
  });

  it("missing goes to INSUFFICIENT_DATA when no period has data, and judges on the periods that have", () => {
    assert.equal(evaluateWindow(threeOfFive("missing"), [_, _, _, _, _], "ALARM").state, "INSUFFICIENT_DATA");
    assert.equal(evaluateWindow(threeOfFive("missing"), [_, _, 1, 1, 1], "OK").state, "ALARM");
    assert.equal(evaluateWindow(threeOfFive("missing"), [_, 1, _, 1, _], "OK").state, "OK");
  });

  it("ignore keeps the current state when no period has data", () => {
    assert.equal(evaluateWindow(threeOfFive("ignore"), [_, _, _, _, _], "ALARM").state, "ALARM");
    assert.equal(evaluateWindow(threeOfFive("ignore"), [_, _, _, _, _], "OK").state, "OK");
    assert.equal(evaluateWindow(threeOfFive("ignore"), [_, _, _, _, 0], "ALARM").state, "OK");
  });

  it("ignores missing data on AWS/DynamoDB metrics whatever is set, as PutMetricAlarm documents", () => {
    const onDynamo = {
      queries: [
        {
          id: "a",
          namespace: "AWS/DynamoDB",
          metricName: "WriteThrottleEvents",
          dimensions: {},
          stat: "Sum" as const,
          period: 60,
          label: "",
        },
      ],
    };
    assert.equal(effectiveMissingData({ ...onDynamo, treatMissingData: "missing" }), "ignore");
    assert.equal(effectiveMissingData({ ...onDynamo, treatMissingData: "notBreaching" }), "ignore");
    assert.equal(effectiveMissingData({ ...onDynamo, treatMissingData: "breaching" }), "ignore");
    assert.equal(
      effectiveMissingData({ queries: [{ ...onDynamo.queries[0]!, namespace: "AWS/Lambda" }], treatMissingData: "missing" }),
      "missing",
    );
  });

  it("gives the reason of each verdict: the periods as read, how many breached and M", () => {
    assert.deepEqual(evaluateWindow(threeOfFive("missing"), [1.234, _, 0, 2, 3], "OK"), {
      state: "ALARM",
      reason: "3 of 5 periods breached (alarm at 3): [1.23, -, 0, 2, 3]",
    });
    assert.deepEqual(evaluateWindow(threeOfFive("missing"), [_, _, _, _, _], "OK"), {
      state: "INSUFFICIENT_DATA",
      reason: "no datapoints in the last 5 periods",
    });
    assert.deepEqual(evaluateWindow(threeOfFive("ignore"), [_, _, _, _, _], "ALARM"), {
      state: "ALARM",
      reason: "no datapoints in the last 5 periods; state kept (missing data ignored)",
    });
  });

  it("names the members of a composite whatever the spacing, and says why it is in its state", () => {
    assert.deepEqual(compositeMembers(' ALARM("a")  OR\tALARM("b c") '), ["a", "b c"]);
    assert.throws(() => compositeMembers('xALARM("a")'), /not supported locally: xALARM/);
    assert.throws(() => compositeMembers('ALARM("a")x'), /not supported/);
    const states = (entries: [string, "OK" | "ALARM" | "INSUFFICIENT_DATA"][]) => new Map(entries);
    assert.deepEqual(
      evaluateComposite(
        ["a", "b", "c"],
        states([
          ["a", "ALARM"],
          ["b", "OK"],
          ["c", "ALARM"],
        ]),
      ),
      {
        state: "ALARM",
        reason: "in ALARM: a, c",
      },
    );
    assert.deepEqual(evaluateComposite(["a"], states([])), { state: "INSUFFICIENT_DATA", reason: "no member alarm has data yet" });
    assert.deepEqual(evaluateComposite(["a"], states([["a", "OK"]])), { state: "OK", reason: "no member alarm is in ALARM" });
  });

  it("the composite alarm fires when any member does", () => {
    const members = compositeMembers('ALARM("a") OR ALARM("b")');
    assert.deepEqual(members, ["a", "b"]);
    assert.equal(
      evaluateComposite(
        members,
        new Map([
          ["a", "OK"],
          ["b", "ALARM"],
        ]),
      ).state,
      "ALARM",
    );
    assert.equal(
      evaluateComposite(
        members,
        new Map([
          ["a", "OK"],
          ["b", "INSUFFICIENT_DATA"],
        ]),
      ).state,
      "OK",
    );
    assert.equal(evaluateComposite(members, new Map()).state, "INSUFFICIENT_DATA");
    assert.throws(() => compositeMembers('ALARM("a") AND NOT OK("b")'), /not supported/);
  });
});

describe("local alarms on the stack's definitions", () => {
  const local = { project: projectName, stack: localStackName };
  const target = observedLocalStack({
    ...local,
    settings: resolveSettings(localStackName),
    tableName: eventsTableName(local),
    functionName: proposeFunctionName(local),
  });
  const definitions = alarmDefinitions(target);
  const byKey = (key: string) => definitions.find((d) => d.key === key) as AlarmDefinition;

  function harness() {
    let now = 1_700_000_000_000 - (1_700_000_000_000 % 60_000);
    const store = new MetricStore({ periodSeconds: 60, clock: () => now });
    const alarms = new LocalAlarms(store, definitions, serviceUnhealthyAlarm(target, definitions));
    return { store, alarms, advance: (periods: number) => (now += periods * 60_000), now: () => now };
  }

  it("fires the write-throttle alarm after M of N throttled minutes, the composite with it, and clears after", () => {
    const { store, alarms, advance } = harness();
    const d = byKey("dynamodb-write-throttles");
    const metric = d.queries[0]!;
    assert.ok(!("expression" in metric));
    const throttle = () =>
      store.put({ namespace: metric.namespace, metricName: metric.metricName, dimensions: metric.dimensions, unit: "Count", value: 1 });
    const states: string[] = [];
    for (const throttled of [true, false, true, true, false, false, false, false]) {
      if (throttled) throttle();
      advance(1);
      alarms.evaluate();
      states.push(alarms.state(d.name));
    }
    // Breaching minutes 1, 3 and 4: the third breach within five minutes fires; once minute 1
    // leaves the five-minute window only two breaches remain, which clears it.
    assert.deepEqual(states, ["OK", "OK", "OK", "ALARM", "ALARM", "OK", "OK", "OK"]);
    assert.equal(alarms.state(alarms.composite.name), "OK");
    const changes = alarms
      .history()
      .filter((h) => h.name === d.name)
      .map((h) => `${h.from}->${h.to}`);
    assert.deepEqual(changes, ["ALARM->OK", "OK->ALARM", "INSUFFICIENT_DATA->OK"]);
    assert.ok(alarms.history().some((h) => h.name === alarms.composite.name && h.to === "ALARM"));
  });

  it("clears the DynamoDB count alarms after a burst, when DynamoDB publishes nothing for longer than the window", () => {
    for (const key of ["dynamodb-write-throttles", "dynamodb-read-throttles", "dynamodb-system-errors"]) {
      const { store, alarms, advance } = harness();
      const d = byKey(key);
      const metric = d.queries[0]!;
      assert.ok(!("expression" in metric));
      for (let minute = 0; minute < 3; minute++) {
        store.put({ namespace: metric.namespace, metricName: metric.metricName, dimensions: metric.dimensions, unit: "Count", value: 100 });
        advance(1);
      }
      alarms.evaluate();
      assert.equal(alarms.state(d.name), "ALARM", key);
      advance(d.evaluationPeriods * 3);
      alarms.evaluate();
      assert.equal(alarms.state(d.name), "OK", `${key}: ${alarms.statuses().find((s) => s.name === d.name)?.reason}`);

      // The raw count alone, as CloudWatch treats it, would hold the alarm through the silence.
      const raw = { ...d, name: `${d.name}-raw`, queries: [metric], evaluates: metric.id, pages: true };
      const held = new LocalAlarms(store, [raw], serviceUnhealthyAlarm(target, [raw]));
      for (let minute = 0; minute < 3; minute++) {
        store.put({ namespace: metric.namespace, metricName: metric.metricName, dimensions: metric.dimensions, unit: "Count", value: 100 });
        advance(1);
      }
      held.evaluate();
      assert.equal(held.state(raw.name), "ALARM");
      advance(d.evaluationPeriods * 3);
      held.evaluate();
      assert.equal(held.state(raw.name), "ALARM", `${key} without the 0s`);
    }
  });

  it("evaluates metric-math alarms (memory utilisation) and keeps their state through silence (ignore)", () => {
    const { store, alarms, advance } = harness();
    const d = byKey("lambda-memory-utilization");
    const [used, size] = d.queries as readonly { namespace: string; metricName: string; dimensions: Record<string, string> }[];
    const report = (mb: number) => {
      store.put({ ...used!, unit: "Megabytes", value: mb });
      store.put({ ...size!, unit: "Megabytes", value: 128 });
    };
    alarms.evaluate();
    assert.equal(alarms.state(d.name), "INSUFFICIENT_DATA");
    for (let i = 0; i < 3; i++) {
      report(120);
      advance(1);
    }
    alarms.evaluate();
    assert.equal(alarms.state(d.name), "ALARM", alarms.statuses().find((s) => s.name === d.name)?.reason);
    advance(10);
    alarms.evaluate();
    assert.equal(alarms.state(d.name), "ALARM");
    report(60);
    advance(1);
    alarms.evaluate();
    assert.equal(alarms.state(d.name), "OK");
  });
});
