import type { Browser } from "playwright-core";
import { readmeExamples } from "../src/http/explorer";
import { launchBrowser, offlinePage, screenshot } from "./support/browser";
import { type HttpApp, startHttpApp } from "./support/http";

let http: HttpApp;
let browser: Browser;
beforeAll(async () => {
  http = await startHttpApp();
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await http?.close();
});

/** Waits until `read()` gives a value that `ok` accepts; returns the last value read. */
async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}

/** The text of GraphiQL's result pane (Monaco renders the lines it shows). */
const resultText = (page: import("playwright-core").Page) => page.locator(".result-window").innerText();

describe("over HTTP", () => {
  test("a browser's GET /graphql and GET / get the explorer page, which loads nothing from elsewhere", async () => {
    for (const url of [`${http.url}/`, `${http.url}/graphql`]) {
      const response = await fetch(url, { headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" } });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      const html = await response.text();
      expect(html).toContain("YogaGraphiQL.renderYogaGraphiQL");
      expect(html.match(/(?:src|href)="(?!data:)[^"]*"/g)?.every((ref) => /^(src|href)="\/explorer\//.test(ref))).toBe(true);
    }
  });

  test("GraphQL clients still get GraphQL from GET /graphql", async () => {
    const response = await fetch(`${http.endpoint}?query=${encodeURIComponent("{ project(slug: \"tianan-sci-tech-city\") { name } }")}`, {
      headers: { accept: "application/graphql-response+json", "apollo-require-preflight": "1" },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { project: { name: "青岛天安科创城" } } });
  });

  test("the bundle is sent compressed, under a versioned URL browsers keep", async () => {
    const html = await (await fetch(`${http.url}/`)).text();
    const script = /src="(\/explorer\/[^"]+\/graphiql\.js)"/.exec(html)![1];
    const response = await fetch(`${http.url}${script}`, { headers: { "accept-encoding": "br" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-encoding")).toBe("br");
    expect(response.headers.get("cache-control")).toContain("immutable");
    expect(Number(response.headers.get("content-length"))).toBeLessThan(2_000_000);
    expect((await response.text()).length).toBeGreaterThan(4_000_000);
    expect((await fetch(`${http.url}/explorer/0.0.0/graphiql.js`)).status).toBe(404);
  });
});

describe("in headless Chromium with every other host blocked", () => {
  test("the explorer opens with the README's example operations as tabs", async () => {
    const { page, blocked, errors } = await offlinePage(browser, http.url);
    try {
      await page.goto(`${http.url}/`);
      const tabs = page.locator(".graphiql-tab");
      await tabs.first().waitFor({ timeout: 30_000 });
      const names = readmeExamples().map((e) => e.name);
      expect(names.length).toBeGreaterThanOrEqual(10);
      const titles = await until(async () => (await tabs.allInnerTexts()).map((t) => t.trim()), (t) => t.length === names.length);
      expect(titles).toEqual(names);
      expect(blocked).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  test("a ?query= deep link runs in the explorer and shows 青岛天安科创城, with the schema docs at hand", async () => {
    const { page, blocked, errors } = await offlinePage(browser, http.url);
    try {
      const query = 'query TianAn { project(slug: "tianan-sci-tech-city") { name place { name } investment { originalText } } }';
      await page.goto(`${http.url}/graphql?query=${encodeURIComponent(query)}`);
      const run = page.locator(".graphiql-execute-button");
      await run.waitFor({ timeout: 30_000 });
      await run.click();
      const active = await page.locator(".graphiql-tab-active").innerText();
      expect(active.trim()).toBe("TianAn");
      const result = await until(() => resultText(page), (t) => t.includes("青岛天安科创城"));
      expect(result).toContain("青岛天安科创城");
      expect(result).toContain("约75亿元");
      await page.getByRole("button", { name: /Show Documentation Explorer/i }).click();
      const docs = await until(() => page.locator(".graphiql-doc-explorer").innerText(), (t) => t.includes("Query"));
      expect(docs).toContain("Query");
      await screenshot(page, "explorer.png");
      expect(blocked).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  test("?variables= fills the variables editor of a deep link", async () => {
    const { page } = await offlinePage(browser, http.url);
    try {
      const query = "query Project($slug: String!) { project(slug: $slug) { name } }";
      const variables = JSON.stringify({ slug: "tianan-sci-tech-city" });
      await page.goto(`${http.url}/?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(variables)}`);
      const run = page.locator(".graphiql-execute-button");
      await run.waitFor({ timeout: 30_000 });
      await run.click();
      expect(await until(() => resultText(page), (t) => t.includes("青岛天安科创城"))).toContain("青岛天安科创城");
    } finally {
      await page.close();
    }
  }, 60_000);
});
