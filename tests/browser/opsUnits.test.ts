// The ops page of a fresh stack at 5 s periods, in headless Chromium: count charts and alarm
// texts name the period their points cover, the page's own requests (its icon included) are
// not API traffic, every line of a chart has a colour of its own, and an empty chart says so.
import { strict as assert } from "node:assert";
import type { Browser, Page } from "playwright-core";
import { startOps, type Ops } from "../../local/observability/ops";
import { startLocalStack, type LocalStack } from "../../local/stack";
import { launchBrowser } from "../support/browser";

/** What the test reads of a Chart.js chart. */
interface DrawnChart {
  readonly options: { readonly scales: Record<string, { readonly title?: { readonly text?: string } }> };
  readonly data: { readonly datasets: readonly { readonly label: string; readonly borderColor: string; readonly stack?: string }[] };
}

describe("ops page units and traffic at a 5 s period", function () {
  this.timeout(120_000);
  let stack: LocalStack;
  let ops: Ops;
  let browser: Browser;
  let page: Page;
  let apiRequests = 0;

  before(async () => {
    stack = await startLocalStack({ port: 0, dynamoPort: 0 });
    ops = startOps(stack, { periodSeconds: 5 });
    stack.api.onRequest(() => apiRequests++);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(ops.url);
    await page.waitForFunction(
      () => document.body.dataset.refreshedAt !== undefined && document.querySelectorAll('[data-state="loading"]').length === 0,
    );
  });

  after(async () => {
    await page?.close();
    await browser?.close();
    ops?.close();
    await stack?.close();
  });

  /** Each chart's title and the titles of its axes, as Chart.js drew them. */
  const charts = () =>
    page.$$eval("[data-type=metric]", (nodes) =>
      nodes.map((n) => {
        const chart = (window as unknown as { Chart: { getChart(c: Element): DrawnChart } }).Chart.getChart(n.querySelector("canvas")!);
        return {
          title: n.querySelector("h3")?.textContent ?? "",
          axes: Object.values(chart.options.scales).map((s) => s.title?.text ?? ""),
          colours: chart.data.datasets.filter((d) => d.stack !== "annotations").map((d) => d.borderColor),
          empty: (n.querySelector(".empty") as HTMLElement).hidden ? "" : (n.querySelector(".empty")?.textContent ?? ""),
        };
      }),
    );

  it("labels counts per 5 s on the charts and in the alarm texts, never per minute", async () => {
    const drawn = await charts();
    const requests = drawn.find((c) => c.title === "API requests");
    assert.deepEqual(requests?.axes, ["", "requests / 5 s"]);
    const proposals = drawn.find((c) => c.title === "Proposals accepted and rejected by reason");
    assert.ok(proposals?.axes.includes("proposals / 5 s"));
    for (const c of drawn) for (const axis of c.axes) assert.doesNotMatch(axis, /min\b/, `${c.title}: ${axis}`);
    const firesAt = await page.$$eval("#alarm-states tr[data-alarm] td:nth-child(3)", (cells) => cells.map((c) => c.textContent ?? ""));
    assert.ok(
      firesAt.some((t) => / per 5 s$/.test(t)),
      firesAt.join(" | "),
    );
    for (const t of firesAt) assert.doesNotMatch(t, /minute/);
  });

  it("leaves the API's request count at 0 after the page loaded, its icon included", async () => {
    const icon = await page.evaluate(async () => {
      const res = await fetch("/favicon.ico");
      return { status: res.status, type: res.headers.get("content-type") };
    });
    assert.deepEqual(icon, { status: 200, type: "image/svg+xml" });
    // One more refresh, so a count the icon made would be charted.
    const before = await page.evaluate(() => document.body.dataset.refreshedAt);
    await page.waitForFunction((b) => document.body.dataset.refreshedAt !== b, before, { timeout: 30_000 });
    assert.equal(apiRequests, 0);
    const widget = ops.observability.dashboard.widgets.findIndex((w) => w.type === "metric" && w.properties["title"] === "API requests");
    const series = await page.evaluate(async (i) => (await fetch(`/_ops/api/metrics?widget=${i}`)).json(), widget);
    const counted = (series.lines as { points?: [number, number | null][] }[])
      .flatMap((l) => l.points ?? [])
      .reduce((sum, [, v]) => sum + (v ?? 0), 0);
    assert.equal(counted, 0);
  });

  it("gives every line of a chart its own colour and says when a chart has no data", async () => {
    const drawn = await charts();
    const proposals = drawn.find((c) => c.title === "Proposals accepted and rejected by reason");
    assert.equal(proposals?.colours.length, 11, "accepted and ten rejection reasons");
    assert.equal(new Set(proposals?.colours).size, 11);
    // A fresh stack has served nothing: its error counts are empty, and the chart says so. (Its
    // request chart is not: the preflight line is zero-filled, so it draws 0.)
    assert.equal(drawn.find((c) => c.title === "API 4XX and 5XX")?.empty, "no data in this range");
  });
});
