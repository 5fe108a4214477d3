// The browser the page tests drive: a Chrome or Chromium already on the machine, or else the
// Chromium that the npm package @sparticuz/chromium ships for Linux, so `npm ci && npm test` needs
// no system package. BROWSER_PATH names another executable and always wins.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Where a system Chrome or Chromium usually lives, checked in this order. */
const systemBrowsers: readonly string[] = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
];

// Headless, and quiet on a closed network: without the background-networking flags Chromium keeps
// trying to reach Google's hosts. Web security stays on, so pages meet the same-origin policy.
const launchArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export interface BrowserChoice {
  readonly executablePath: string;
  /** Where it came from: the environment, the system, or the npm package. */
  readonly source: "BROWSER_PATH" | "system" | "@sparticuz/chromium";
}

/** The browser the tests will use, or an error that says how to provide one. */
export async function chooseBrowser(env: NodeJS.ProcessEnv = process.env): Promise<BrowserChoice> {
  const named = env.BROWSER_PATH;
  if (named) {
    if (!existsSync(named)) throw new Error(`BROWSER_PATH names ${named}, which does not exist`);
    return { executablePath: named, source: "BROWSER_PATH" };
  }
  const system = systemBrowsers.find((p) => existsSync(p));
  if (system) return { executablePath: system, source: "system" };
  if (process.platform !== "linux") {
    throw new Error("no Chrome or Chromium found: install one, or set BROWSER_PATH to its executable");
  }
  // The package unpacks its Chromium into the temporary folder on first use (about 2 s).
  const { default: packaged } = await import("@sparticuz/chromium");
  return { executablePath: await packaged.executablePath(), source: "@sparticuz/chromium" };
}

/** A headless browser for one test file; close it in the file's `after`. */
export async function launchBrowser(): Promise<Browser> {
  const { executablePath } = await chooseBrowser();
  return chromium.launch({ executablePath, args: launchArgs, headless: true });
}
