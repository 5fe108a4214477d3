// Widget shapes as CloudWatch's "Dashboard Body Structure and Syntax" spells them, and the row
// packer on the 24-column grid.
import { strict as assert } from "node:assert";
import { math, metric } from "../../dashboards/queries";
import { alarmStatus, graph, logQuery, stackRows, text, type UnplacedWidget } from "../../dashboards/widgets";

const requests = metric("requests", "AWS/ApiGateway", "Count", { ApiName: "visitplannr-dev", Stage: "v1" }, "Sum", "Requests");
const errors = metric("errors5xx", "AWS/ApiGateway", "5XXError", { ApiName: "visitplannr-dev", Stage: "v1" }, "Sum", "5XX");
const rate = math("rate5xx", "100 * errors5xx / requests", "5XX rate (%)");

const sized = (width?: number): UnplacedWidget => text("x", width);
const places = (rows: { height: number; widgets: UnplacedWidget[] }[]) => stackRows(rows).map((w) => [w.x, w.y, w.width, w.height]);

describe("dashboard widgets", () => {
  it("render a graph: metrics as namespace, name, dimension pairs and options; math as its options alone", () => {
    assert.deepEqual(
      graph({
        title: "API error rate",
        region: "eu-west-1",
        queries: [requests, errors, rate],
        hidden: ["requests", "errors5xx"],
        unit: "% of requests",
        lines: [{ label: "alarm: ≥ 5 % of requests", value: 5 }],
      }),
      {
        type: "metric",
        properties: {
          title: "API error rate",
          region: "eu-west-1",
          view: "timeSeries",
          stacked: false,
          period: 60,
          metrics: [
            [
              "AWS/ApiGateway",
              "Count",
              "ApiName",
              "visitplannr-dev",
              "Stage",
              "v1",
              { id: "requests", label: "Requests", visible: false, stat: "Sum", period: 60 },
            ],
            [
              "AWS/ApiGateway",
              "5XXError",
              "ApiName",
              "visitplannr-dev",
              "Stage",
              "v1",
              { id: "errors5xx", label: "5XX", visible: false, stat: "Sum", period: 60 },
            ],
            [{ expression: "100 * errors5xx / requests", id: "rate5xx", label: "5XX rate (%)" }],
          ],
          yAxis: { left: { label: "% of requests", showUnits: false, min: 0 } },
          annotations: { horizontal: [{ label: "alarm: ≥ 5 % of requests", value: 5 }] },
        },
      },
    );
  });

  it("draw the right axis with its own unit, for the ids put there, and stack when asked", () => {
    const widget = graph(
      {
        title: "Cost",
        region: "us-east-1",
        queries: [requests, rate],
        unit: "requests / min",
        right: { ids: ["rate5xx"], unit: "%" },
        stacked: true,
      },
      12,
    );
    assert.equal(widget.width, 12);
    assert.equal(widget.properties.stacked, true);
    assert.deepEqual(widget.properties.yAxis, {
      left: { label: "requests / min", showUnits: false, min: 0 },
      right: { label: "%", showUnits: false, min: 0 },
    });
    assert.deepEqual(widget.properties.metrics, [
      [
        "AWS/ApiGateway",
        "Count",
        "ApiName",
        "visitplannr-dev",
        "Stage",
        "v1",
        { id: "requests", label: "Requests", stat: "Sum", period: 60 },
      ],
      [{ expression: "100 * errors5xx / requests", id: "rate5xx", label: "5XX rate (%)", yAxis: "right" }],
    ]);
  });

  it("leave out annotations when there are no lines, and the width when none is given", () => {
    for (const lines of [undefined, []]) {
      const widget = graph({ title: "Requests", region: "us-east-1", queries: [requests], unit: "requests / min", lines });
      assert.equal("annotations" in widget.properties, false);
      assert.equal("width" in widget, false);
    }
  });

  it("render text, alarm status and Logs Insights widgets", () => {
    assert.deepEqual(text("## Runbook", 14), { type: "text", width: 14, properties: { markdown: "## Runbook" } });
    assert.deepEqual(text("## Runbook"), { type: "text", properties: { markdown: "## Runbook" } });
    const arn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:visitplannr-dev-lambda-errors";
    assert.deepEqual(alarmStatus("Alarms", [arn], 10), {
      type: "alarm",
      width: 10,
      properties: { title: "Alarms", alarms: [arn], sortBy: "stateUpdatedTimestamp" },
    });
    assert.deepEqual(alarmStatus("Alarms", [arn]), {
      type: "alarm",
      properties: { title: "Alarms", alarms: [arn], sortBy: "stateUpdatedTimestamp" },
    });
    const query = "SOURCE '/aws/lambda/f' | sort @timestamp desc";
    assert.deepEqual(logQuery("Latest errors", "us-east-1", query, 24), {
      type: "log",
      width: 24,
      properties: { title: "Latest errors", region: "us-east-1", query, view: "table" },
    });
    assert.deepEqual(logQuery("Latest errors", "us-east-1", query), {
      type: "log",
      properties: { title: "Latest errors", region: "us-east-1", query, view: "table" },
    });
  });

  it("place rows top to bottom, each widget after the previous one", () => {
    assert.deepEqual(
      places([
        { height: 8, widgets: [sized(10), sized(14)] },
        { height: 6, widgets: [sized(), sized(), sized(), sized()] },
        { height: 3, widgets: [sized()] },
      ]),
      [
        [0, 0, 10, 8],
        [10, 0, 14, 8],
        [0, 8, 6, 6],
        [6, 8, 6, 6],
        [12, 8, 6, 6],
        [18, 8, 6, 6],
        [0, 14, 24, 3],
      ],
    );
  });

  it("share what fixed widths leave of the 24 columns, the first widgets taking the remainder", () => {
    assert.deepEqual(places([{ height: 6, widgets: [sized(), sized(), sized(), sized(), sized()] }]), [
      [0, 0, 5, 6],
      [5, 0, 5, 6],
      [10, 0, 5, 6],
      [15, 0, 5, 6],
      [20, 0, 4, 6],
    ]);
    assert.deepEqual(places([{ height: 6, widgets: [sized(), sized(11), sized()] }]), [
      [0, 0, 7, 6],
      [7, 0, 11, 6],
      [18, 0, 6, 6],
    ]);
  });

  it("keep a row of fixed widths as given", () => {
    assert.deepEqual(places([{ height: 4, widgets: [sized(12), sized(12)] }]), [
      [0, 0, 12, 4],
      [12, 0, 12, 4],
    ]);
  });

  it("keep each widget's type and properties", () => {
    const [placed] = stackRows([{ height: 6, widgets: [logQuery("Latest errors", "us-east-1", "SOURCE 'g' | limit 50")] }]);
    assert.deepEqual(placed, {
      type: "log",
      x: 0,
      y: 0,
      width: 24,
      height: 6,
      properties: { title: "Latest errors", region: "us-east-1", query: "SOURCE 'g' | limit 50", view: "table" },
    });
  });
});
