// The ops page in headless Chromium after varied traffic and a write-throttling load: every
// widget of the deployed dashboard body is drawn with data (the Logs Insights one says why it
// cannot be), and the alarm panel shows the states the local alarms reached.
import { strict as assert } from "node:assert";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { alarmDefinitions } from "../../dashboards/alarms";
import { logWidgetNotice } from "../../local/observability/opsRoute";
import { startOps, type Ops } from "../../local/observability/ops";
import { startLocalStack, type LocalStack } from "../../local/stack";
import { backgroundLoad, variedTraffic } from "./opsTraffic";
import { until } from "../support/until";
import { launchBrowser } from "../support/browser";

const artifacts = join(__dirname, "..", "..", "test-artifacts");
const periodSeconds = 2;
/** Bounds on waiting, not expectations. */
const maxAlarmWaitMs = 30_000;

describe("ops page in a browser", function () {
  this.timeout(120_000);
  let stack: LocalStack;
  let ops: Ops;
  let browser: Browser;
  let load: { stop(): Promise<void> } | undefined;

  before(async () => {
    stack = await startLocalStack({ port: 0, dynamoPort: 0 });
    ops = startOps(stack, { periodSeconds });
    browser = await launchBrowser();
  });

  after(async () => {
    await load?.stop();
    await browser?.close();
    ops?.close();
    await stack?.close();
  });

  const alarmName = (key: string) => {
    const d = alarmDefinitions(ops.observability.target).find((a) => a.key === key);
    assert.ok(d, `the stack defines ${key}`);
    return d.name;
  };

  async function widgetStates(page: Page) {
    return page.$$eval("[data-widget]", (nodes) =>
      nodes.map((n) => ({
        index: Number(n.getAttribute("data-widget")),
        type: n.getAttribute("data-type"),
        state: n.getAttribute("data-state"),
        title: n.querySelector("h3")?.textContent ?? "",
        text: n.textContent ?? "",
      })),
    );
  }

  it("renders every widget with data and the alarm panel with the alarms' states", async () => {
    await variedTraffic(stack);
    stack.dynamo.setCapacity({ readCapacity: stack.settings.readCapacity, writeCapacity: 1 });
    load = backgroundLoad(stack);
    const throttles = alarmName("dynamodb-write-throttles");
    await until(() => ops.observability.alarms.state(throttles) === "ALARM", maxAlarmWaitMs);
    assert.equal(ops.observability.alarms.state(throttles), "ALARM", "the write-throttle alarm fires under load");

    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(ops.url);
    await page.waitForFunction(
      () => document.body.dataset.refreshedAt !== undefined && document.querySelectorAll('[data-state="loading"]').length === 0,
    );

    const body = ops.observability.dashboard;
    const widgets = await widgetStates(page);
    assert.equal(widgets.length, body.widgets.length, "one element per widget of the dashboard body");
    for (const w of widgets) {
      const source = body.widgets[w.index]!;
      assert.equal(w.type, source.type);
      if (source.type === "log") {
        assert.equal(w.state, "unsupported");
        assert.ok(w.text.includes(logWidgetNotice), "the Logs Insights widget says it cannot be fed");
      } else {
        assert.equal(w.state, "data", `widget ${w.index} "${w.title}" (${source.type}) has data`);
      }
      if (source.type === "metric") assert.equal(w.title, source.properties["title"]);
    }
    const canvases = await page.$$eval(
      "[data-type=metric] canvas",
      (nodes) => nodes.filter((c) => (c as HTMLCanvasElement).width > 0).length,
    );
    assert.equal(canvases, body.widgets.filter((w) => w.type === "metric").length, "a chart drawn for every metric widget");

    // Same 24-column placement as the body.
    const placed = await page.$$eval("[data-widget]", (nodes) => nodes.map((n) => (n as HTMLElement).style.gridColumn));
    for (const [i, w] of body.widgets.entries()) assert.equal(placed[i], `${w.x + 1} / span ${w.width}`);

    const panel = await page.$$eval("#alarm-states tr[data-alarm]", (rows) =>
      Object.fromEntries(rows.map((r) => [r.getAttribute("data-alarm"), r.getAttribute("data-state")])),
    );
    assert.equal(panel[throttles], "ALARM");
    assert.equal(panel[ops.observability.alarms.composite.name], "ALARM");
    assert.equal(panel[alarmName("lambda-throttles")], "OK");
    assert.equal(panel[alarmName("lambda-errors")], "OK");
    assert.equal(panel[alarmName("lambda-memory-utilization")], "OK");
    const history = await page.textContent("#alarm-history");
    assert.match(history ?? "", new RegExp(`${throttles}: OK → ALARM`));

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, "ops.png"), fullPage: true });
    await page.close();
  });

  it("says when a refresh fails, and says what the page shows again once a refresh succeeds", async () => {
    const page = await browser.newPage();
    let alarmRequests = 0;
    // The second refresh's alarm request fails; the ones before and after it go through.
    await page.route("**/_ops/api/alarms", (route) =>
      ++alarmRequests === 2 ? route.fulfill({ status: 503, body: "unavailable" }) : route.continue(),
    );
    await page.goto(ops.url);
    const about = () => page.textContent("#about");
    await page.waitForFunction(() => document.getElementById("about")?.textContent?.startsWith("Refresh failed"), undefined, {
      timeout: maxAlarmWaitMs,
    });
    assert.equal(await about(), "Refresh failed: /_ops/api/alarms: HTTP 503");
    await page.waitForFunction(() => !document.getElementById("about")?.textContent?.startsWith("Refresh failed"), undefined, {
      timeout: maxAlarmWaitMs,
    });
    assert.match(
      (await about()) ?? "",
      new RegExp(`^The stack's CloudWatch dashboard and alarms, fed by the local stack\\. ${periodSeconds} s periods`),
    );
    assert.ok(alarmRequests >= 3);
    await page.close();
  });
});
