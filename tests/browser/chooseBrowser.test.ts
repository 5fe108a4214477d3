// Which browser the page tests drive: BROWSER_PATH, when set, is taken as given and wins over any
// system or packaged browser; one that names nothing fails with a message that says so.
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chooseBrowser } from "../support/browser";

describe("choosing the test browser", () => {
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), "browser-choice-"));
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  it("takes the executable BROWSER_PATH names, before looking for any other", async () => {
    const named = join(folder, "my-chrome");
    writeFileSync(named, "#!/bin/sh\n", { mode: 0o755 });
    assert.deepEqual(await chooseBrowser({ BROWSER_PATH: named }), { executablePath: named, source: "BROWSER_PATH" });
  });

  it("refuses a BROWSER_PATH that names nothing, saying which path it tried", async () => {
    const missing = join(folder, "no-such-browser");
    await assert.rejects(chooseBrowser({ BROWSER_PATH: missing }), (error: Error) => {
      assert.equal(error.message, `BROWSER_PATH names ${missing}, which does not exist`);
      return true;
    });
  });
});
