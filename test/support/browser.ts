import fs from "node:fs";
import path from "node:path";
import { type Browser, type Page, chromium } from "playwright-core";

/** Debian's Chromium; .ci/run installs it (apt-get) when it is missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const ARTIFACTS = path.join(__dirname, "..", "artifacts");

/**
 * Headless Chromium as the machine's probe starts it: no sandbox (root), and
 * none of Chromium's own background connections, which a closed network
 * refuses by the dozen. Playwright gives it a new, empty profile.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (bash .ci/run does) or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A page that may reach only `origin`: every other request is aborted and
 * listed in `blocked`, so a test proves the page works offline.
 */
export async function offlinePage(browser: Browser, origin: string): Promise<{ page: Page; blocked: string[]; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const blocked: string[] = [];
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    blocked.push(url);
    return route.abort("internetdisconnected");
  });
  return { page, blocked, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file });
  return file;
}
