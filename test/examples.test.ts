import type { Browser, Page } from "playwright-core";
import { generateDataset } from "../src/seed/generate";
import { launchBrowser, offlinePage, screenshot } from "./support/browser";
import { type HttpApp, startHttpApp } from "./support/http";

/** The example front-end (examples/, Apollo Client with the kit) served at /examples/, in headless Chromium with every other host blocked. */
let http: HttpApp;
let browser: Browser;
beforeAll(async () => {
  http = await startHttpApp();
  // The article's 8 projects fit one page; 25 generated ones make four.
  await generateDataset((http as HttpApp & { db: Parameters<typeof generateDataset>[0] }).db, { projects: 25 });
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await http?.close();
});

const items = (page: Page) => page.locator("#projects li").allInnerTexts();

test("the example page shows investment by district and pages through the projects with fetchMore", async () => {
  const { page, blocked, errors } = await offlinePage(browser, http.url);
  const loaded: { url: string; bytes: number }[] = [];
  page.on("response", async (response) => loaded.push({ url: response.url(), bytes: Number((await response.headerValue("content-length")) ?? 0) }));
  try {
    await page.goto(`${http.url}/examples/`);
    await page.locator("#districts[data-loaded=true]").waitFor({ timeout: 30_000 });
    const districts = await page.locator("#districts tbody").innerText();
    expect(districts).toContain("城阳区");
    expect(districts).toMatch(/亿元/);

    await page.waitForFunction(() => document.querySelectorAll("#projects li").length === 10, undefined, { timeout: 30_000 });
    const total = Number((await page.locator("#count").innerText()).split("/")[1]);
    expect(total).toBe(33);
    const firstPage = await items(page);
    await page.locator("#more").click();
    await page.waitForFunction(() => document.querySelectorAll("#projects li").length === 20, undefined, { timeout: 30_000 });
    const twoPages = await items(page);
    expect(twoPages.slice(0, 10)).toEqual(firstPage);
    expect(new Set(twoPages).size).toBe(20);
    // Page on to the end: every project once.
    while (await page.locator("#more").isEnabled()) {
      const shown = (await items(page)).length;
      await page.locator("#more").click();
      await page.waitForFunction((n) => document.querySelectorAll("#projects li").length > n, shown, { timeout: 30_000 });
    }
    const all = await items(page);
    expect(all).toHaveLength(total);
    expect(all.some((text) => text.includes("青岛天安科创城"))).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "examples.png");
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    expect(loaded.every((r) => r.url.startsWith(http.url))).toBe(true);
  } finally {
    await page.close();
  }
}, 90_000);

test("the bundle is served compressed", async () => {
  const response = await fetch(`${http.url}/examples/app.js`, { headers: { "accept-encoding": "gzip" } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-encoding")).toBe("gzip");
  expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
});
