// Queries as data: metric and metric math builders, the period's name in units, and the ids a
// metric math expression refers to. CloudWatch ids start with a lower-case letter and hold
// letters, digits and underscores; functions are called with parentheses; text in quotes (as in
// SEARCH) is no id.
import { strict as assert } from "node:assert";
import { isMath, math, metric, periodName, referencedIds, zeroFilled } from "../../dashboards/queries";

describe("queries", () => {
  it("name a one-minute period as a minute, and any other period by its seconds", () => {
    assert.deepEqual(periodName(), { short: "min", long: "minute" });
    assert.deepEqual(periodName(60), { short: "min", long: "minute" });
    assert.deepEqual(periodName(5), { short: "5 s", long: "5 s" });
    assert.deepEqual(periodName(59), { short: "59 s", long: "59 s" });
  });

  it("read every metric at one-minute resolution", () => {
    assert.deepEqual(metric("errors", "AWS/Lambda", "Errors", { FunctionName: "visitplannr-dev" }, "Sum", "Errors"), {
      id: "errors",
      namespace: "AWS/Lambda",
      metricName: "Errors",
      dimensions: { FunctionName: "visitplannr-dev" },
      stat: "Sum",
      period: 60,
      label: "Errors",
    });
  });

  it("tell metric math from a metric", () => {
    const rate = math("errorRate", "100 * errors / requests", "Error rate (%)");
    assert.deepEqual(rate, { id: "errorRate", expression: "100 * errors / requests", label: "Error rate (%)" });
    assert.equal(isMath(rate), true);
    assert.equal(isMath(metric("errors", "AWS/Lambda", "Errors", {}, "Sum", "Errors")), false);
  });

  it("fill a count with 0 for every quiet period, under the count's label", () => {
    const throttles = metric("throttles", "AWS/DynamoDB", "WriteThrottleEvents", { TableName: "events" }, "Sum", "Write throttles");
    assert.deepEqual(zeroFilled(throttles), [
      throttles,
      { id: "throttlesFilled", expression: "FILL(throttles, 0)", label: "Write throttles" },
    ]);
  });

  it("find each id once, in order of first use, with digits and underscores", () => {
    assert.deepEqual(referencedIds("100 * errors / (errors + requests)"), ["errors", "requests"]);
    assert.deepEqual(referencedIds("m1 + read_units_2 * 2"), ["m1", "read_units_2"]);
    assert.deepEqual(referencedIds("e"), ["e"]);
  });

  it("find no id in a number-only expression", () => {
    assert.deepEqual(referencedIds("100 * 60"), []);
  });

  it("take no function name for an id, whatever its case or spacing", () => {
    assert.deepEqual(referencedIds("FILL(throttles, 0) / PERIOD(throttles)"), ["throttles"]);
    assert.deepEqual(referencedIds("fill(throttles, 0)"), ["throttles"]);
    assert.deepEqual(referencedIds("fill  (throttles, 0)"), ["throttles"]);
    assert.deepEqual(referencedIds("errors/(requests + 1)"), ["errors", "requests"]);
  });

  it("find no id inside single- or double-quoted text", () => {
    assert.deepEqual(referencedIds("SEARCH('{visitplannr/dev} MetricName=\"Duration\"', 'Average') + errors"), ["errors"]);
    assert.deepEqual(referencedIds('errors + "two words"'), ["errors"]);
    assert.deepEqual(referencedIds("errors + 'two words'"), ["errors"]);
  });
});
