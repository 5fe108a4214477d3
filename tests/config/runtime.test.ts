// The runtime setting: Node.js 24 by default, 22 allowed, deprecated runtimes refused with their dates.
import { strict as assert } from "node:assert";
import { InvalidSettingsError, objectSource, resolveSettings } from "../../config/settings";
import { bundleTarget } from "../../components/bundle";

const runtimeOf = (runtime?: string) => resolveSettings("dev", objectSource(runtime === undefined ? {} : { runtime })).runtime;

describe("runtime setting", () => {
  it("defaults to nodejs24.x on every stack", () => {
    assert.equal(runtimeOf(), "nodejs24.x");
    assert.equal(resolveSettings("prod").runtime, "nodejs24.x");
  });

  it("accepts nodejs22.x and nodejs24.x", () => {
    assert.equal(runtimeOf("nodejs22.x"), "nodejs22.x");
    assert.equal(runtimeOf("nodejs24.x"), "nodejs24.x");
  });

  it("refuses nodejs20.x with the dates Lambda deprecated it and blocks creating and updating functions", () => {
    assert.throws(
      () => runtimeOf("nodejs20.x"),
      (err: unknown) =>
        err instanceof InvalidSettingsError &&
        /runtime: "nodejs20\.x" is refused: nodejs20\.x was deprecated by Lambda on 2026-04-30 \(creating functions blocked from 2027-02-01, updating them from 2027-03-03\)/.test(
          err.message,
        ),
    );
  });

  it("refuses older deprecated runtimes, and runtimes Lambda never had, by name", () => {
    assert.throws(() => runtimeOf("nodejs18.x"), /"nodejs18\.x" is refused: nodejs18\.x was deprecated by Lambda on 2025-09-01/);
    assert.throws(() => runtimeOf("nodejs26.x"), /"nodejs26\.x" is not one of "nodejs22\.x", "nodejs24\.x"/);
  });

  it("bundles for Node.js 22, the oldest runtime allowed", () => {
    assert.equal(bundleTarget, "node22");
  });
});

describe("apiClients setting", () => {
  it("takes client names of up to 64 characters, so each API key name stays within 128", () => {
    const clients = `editor-web, ${"c".repeat(64)}`;
    assert.equal(resolveSettings("dev", objectSource({ apiClients: clients })).apiClients, clients);
    assert.throws(
      () => resolveSettings("dev", objectSource({ apiClients: `editor-web, ${"c".repeat(65)}` })),
      /apiClients: .* is not one or more names of 1 to 64 letters, digits, _ or -, separated by commas/,
    );
  });
});
