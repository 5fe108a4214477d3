// An editors' web page on another origin, in headless Chromium with web security on: the example
// editor page, served on its own loopback port, proposes a destination to the local API with the
// editor's token, API key and an Idempotency-Key and reads the 201 body and Location; reads a 400
// problem's field list, and the gateway's own 401 and 429. A page of an origin not allowed cannot
// read any answer: the browser's preflight fails and the proposal is never sent.
import { strict as assert } from "node:assert";
import type { Browser, Page } from "playwright-core";
import { createLocalAuth, sampleEditor } from "../../local/auth/localAuth";
import { startEditorPage, type EditorPage } from "../../local/editorPage/server";
import { startLocalStack, type LocalStack } from "../../local/stack";
import { launchBrowser } from "../support/browser";
import { settingsWith } from "../support/logStream";

/** What a page can read of an answer, or why the browser refused it. */
type Read =
  | { readonly status: number; readonly headers: Record<string, string | null>; readonly body: Record<string, unknown> }
  | { readonly refused: string };

interface Call {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** fetch from inside the page, as the page's own script would call the API. */
function fetchFromPage(page: Page, call: Call): Promise<Read> {
  return page.evaluate(async ({ url, headers, body }) => {
    try {
      const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
      const read: Record<string, string | null> = {};
      for (const name of ["Location", "Idempotent-Replayed", "Retry-After", "x-amzn-RequestId", "Content-Type"]) {
        read[name] = response.headers.get(name);
      }
      return { status: response.status, headers: read, body: (await response.json()) as Record<string, unknown> };
    } catch (err) {
      return { refused: (err as Error).message };
    }
  }, call);
}

const proposal = { name: "Tide pools at Wembury", location: { latitude: 50.317, longitude: -4.083 } };

describe("an editors' page on another origin, in a browser", function () {
  this.timeout(120_000);
  let browser: Browser;
  let editorPage: EditorPage;
  let strangerPage: EditorPage;
  let stack: LocalStack;
  let credentials: Record<string, string>;
  // The gateway's throttling runs on this clock: a second apart refills a key's bucket of one.
  let now = Date.UTC(2030, 0, 1, 12);
  const aSecondLater = () => void (now += 1000);
  let invocations = 0;

  before(async () => {
    const auth = await createLocalAuth(["editor-web"]);
    credentials = { Authorization: `Bearer ${await auth.issueToken(sampleEditor)}`, "x-api-key": auth.clients[0]!.key };
    editorPage = await startEditorPage(0);
    strangerPage = await startEditorPage(0);
    stack = await startLocalStack({
      port: 0,
      dynamoPort: 0,
      capacity: "unlimited",
      auth,
      clock: () => now,
      settings: settingsWith({ corsOrigins: editorPage.origin, apiClientRateLimit: 1, apiClientBurstLimit: 1 }),
    });
    stack.lambda.onInvocation(() => (invocations += 1));
    for (const p of [editorPage, strangerPage]) p.configure({ destinationUrl: stack.destinationUrl, headers: credentials });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
    await editorPage?.close();
    await strangerPage?.close();
  });

  const open = async (p: EditorPage): Promise<Page> => {
    const page = await browser.newPage();
    await page.goto(p.url);
    return page;
  };

  it("serves the page and the API on different origins", () => {
    assert.notEqual(new URL(editorPage.url).origin, new URL(stack.destinationUrl).origin);
  });

  it("proposes from the example page's form and reads the 201 body and Location", async () => {
    aSecondLater();
    const page = await open(editorPage);
    await page.click("button[type=submit]");
    await page.waitForSelector("#answer[data-status]");
    assert.equal(await page.getAttribute("#answer", "data-status"), "201", (await page.textContent("#answer")) ?? "");
    const answer = JSON.parse((await page.textContent("#answer")) ?? "{}") as {
      status: number;
      headers: Record<string, string>;
      body: Record<string, unknown>;
    };
    assert.match(String(answer.body.destinationId), /^[0-9a-f-]{36}$/);
    assert.equal(answer.headers.Location, `/destination/${String(answer.body.destinationId)}`);
    assert.equal(answer.body.eventNumber, 0);
    await page.close();
  });

  it("replays a retry with the same Idempotency-Key and reads Idempotent-Replayed", async () => {
    const page = await open(editorPage);
    const call = {
      url: stack.destinationUrl,
      headers: { ...credentials, "Content-Type": "application/json", "Idempotency-Key": `browser-${Date.now()}` },
      body: proposal,
    };
    aSecondLater();
    const first = await fetchFromPage(page, call);
    aSecondLater();
    const retry = await fetchFromPage(page, call);
    assert.ok("status" in first && "status" in retry, JSON.stringify([first, retry]));
    assert.equal(first.status, 201);
    assert.equal(retry.status, 201);
    assert.equal(retry.headers["Idempotent-Replayed"], "true");
    assert.equal(retry.headers.Location, first.headers.Location);
    await page.close();
  });

  it("reads a 400 problem's field list", async () => {
    aSecondLater();
    const page = await open(editorPage);
    const read = await fetchFromPage(page, {
      url: stack.destinationUrl,
      headers: { ...credentials, "Content-Type": "application/json" },
      body: { name: "", location: { latitude: 91, longitude: 0 } },
    });
    assert.ok("status" in read, JSON.stringify(read));
    assert.equal(read.status, 400);
    assert.equal(read.headers["Content-Type"], "application/problem+json");
    const fields = (read.body.errors as { field: string }[]).map((e) => e.field).sort();
    assert.deepEqual(fields, ["location.latitude", "name"]);
    await page.close();
  });

  it("reads the gateway's 401 when the token is missing, with its request id", async () => {
    const page = await open(editorPage);
    const read = await fetchFromPage(page, {
      url: stack.destinationUrl,
      headers: { "x-api-key": credentials["x-api-key"]!, "Content-Type": "application/json" },
      body: proposal,
    });
    assert.ok("status" in read, JSON.stringify(read));
    assert.equal(read.status, 401);
    assert.equal(read.body.type, "/problems/unauthorized");
    assert.equal(read.headers["x-amzn-RequestId"], read.body.correlationId);
    await page.close();
  });

  it("reads the gateway's 429 when the API key's burst is used up", async () => {
    const page = await open(editorPage);
    const call = { url: stack.destinationUrl, headers: { ...credentials, "Content-Type": "application/json" }, body: proposal };
    aSecondLater();
    const first = await fetchFromPage(page, call);
    const second = await fetchFromPage(page, call);
    assert.ok("status" in first && "status" in second, JSON.stringify([first, second]));
    assert.equal(first.status, 201);
    assert.equal(second.status, 429);
    assert.equal(second.body.type, "/problems/throttled");
    await page.close();
  });

  it("lets a page of an origin not allowed read nothing: the preflight fails and nothing is proposed", async () => {
    aSecondLater();
    const before = invocations;
    const page = await open(strangerPage);
    const read = await fetchFromPage(page, {
      url: stack.destinationUrl,
      headers: { ...credentials, "Content-Type": "application/json" },
      body: proposal,
    });
    assert.deepEqual(read, { refused: "Failed to fetch" });
    assert.equal(invocations, before, "the proposal never reached the function");
    await page.click("button[type=submit]");
    await page.waitForSelector("#answer[data-status]");
    assert.equal(await page.getAttribute("#answer", "data-status"), "failed");
    await page.close();
  });
});
