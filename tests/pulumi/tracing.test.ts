// The `tracing` setting: `active` (the default) traces the API stage and the function with X-Ray;
// `off` leaves X-Ray off both, disables Powertools Tracer and grants no trace writes.
import { strict as assert } from "node:assert";
import { programGraph, type Graph } from "./graph";

const t = {
  function: "aws:lambda/function:Function",
  stage: "aws:apigateway/stage:Stage",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
} as const;

interface FunctionInputs {
  readonly tracingConfig?: { readonly mode?: string };
  readonly environment?: { readonly variables?: Record<string, string> };
}

const functionOf = (g: Graph): FunctionInputs => g.one(t.function).inputs as FunctionInputs;
const traceActions = (g: Graph): string[] => {
  const policy = JSON.parse(String(g.one(t.rolePolicy).inputs.policy)) as { Statement: { Action: string[] }[] };
  return policy.Statement.flatMap((s) => s.Action).filter((action) => action.startsWith("xray:"));
};

describe("tracing setting", () => {
  describe("active, the default", () => {
    let g: Graph;
    before(async () => {
      g = await programGraph("dev");
    });

    it("traces the function actively and leaves Tracer on", () => {
      const fn = functionOf(g);
      assert.equal(fn.tracingConfig?.mode, "Active");
      assert.equal(fn.environment?.variables?.POWERTOOLS_TRACE_ENABLED, undefined);
      assert.deepEqual(traceActions(g).sort(), ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]);
    });

    it("traces the stage", () => {
      assert.equal(g.one(t.stage).inputs.xrayTracingEnabled, true);
    });
  });

  describe("off", () => {
    let g: Graph;
    before(async () => {
      g = await programGraph("dev", { tracing: "off" });
    });

    it("gives the function no tracing of its own, disables Tracer and grants no trace writes", () => {
      const fn = functionOf(g);
      assert.equal(fn.tracingConfig?.mode, "PassThrough");
      assert.equal(fn.environment?.variables?.POWERTOOLS_TRACE_ENABLED, "false");
      assert.deepEqual(traceActions(g), []);
    });

    it("does not trace the stage", () => {
      assert.equal(g.one(t.stage).inputs.xrayTracingEnabled, false);
    });
  });

  it("refuses any other value, naming the setting", async () => {
    await assert.rejects(programGraph("dev", { tracing: "sampled" }), /tracing: "sampled" is not one of "active", "off"/);
  });
});
