// The ops page's API: a metric widget's series by its index in the dashboard body, and a clear
// refusal for an index that names no metric widget.
import assert from "node:assert/strict";
import { startOps, type Ops } from "../../../local/observability/ops";
import { sharedLocalStack } from "../../support/localStack";

describe("ops page API", () => {
  let ops: Ops;

  before(async () => {
    ops = startOps(await sharedLocalStack(), { periodSeconds: 5 });
  });

  after(() => ops?.close());

  const metrics = async (query: string) => {
    const res = await fetch(`${ops.url}/api/metrics${query}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it("answers a metric widget's series", async () => {
    const index = ops.observability.dashboard.widgets.findIndex((w) => w.type === "metric");
    const { status, body } = await metrics(`?widget=${index}`);
    assert.equal(status, 200);
    assert.equal(body["widget"], index);
    assert.ok(Array.isArray(body["lines"]) && body["lines"].length > 0);
  });

  it("refuses an index that is not a number with 400, quoting it", async () => {
    for (const [query, quoted] of [
      ["?widget=abc", '"abc"'],
      ["?widget=1.5", '"1.5"'],
      ["", '""'],
    ] as const) {
      const { status, body } = await metrics(query);
      assert.equal(status, 400, query);
      assert.equal(body["message"], `widget takes the index of a metric widget in the dashboard body, got ${quoted}`);
    }
  });

  it("refuses a widget that is not a metric widget, or none, with 404", async () => {
    const widgets = ops.observability.dashboard.widgets;
    const other = widgets.findIndex((w) => w.type !== "metric");
    for (const index of [other, widgets.length]) {
      const { status, body } = await metrics(`?widget=${index}`);
      assert.equal(status, 404, String(index));
      assert.equal(body["message"], `widget ${index} is not a metric widget`);
    }
  });
});
