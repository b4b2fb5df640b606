import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import { EXPORT_TYPES } from "../src/export/types";
import { type TestApi, startTestApi } from "./support/api";
import { startGeneratedApi } from "./support/generated";
import { type HttpApp, startHttpApp } from "./support/http";

const article = fs.readFileSync(path.join(__dirname, "..", "seed", "article.txt"), "utf8");
const run = promisify(execFile);
const CLI = path.join(__dirname, "..", "dist", "src", "export", "cli.js");

let api: TestApi;
let http: HttpApp & { db: unknown };
beforeAll(async () => {
  api = await startTestApi();
  http = await startHttpApp({ RATE_LIMIT_POINTS: "0" }, { database: api.database });
});
afterAll(async () => {
  await http?.close();
  await api?.close();
});

/** Rows of an export in any format, as plain objects of strings (CSV) or JSON values. */
function parseExport(format: string, text: string): Record<string, unknown>[] {
  if (format === "csv") return parse(text, { columns: true, bom: true, skip_empty_lines: true });
  if (format === "json") return JSON.parse(text);
  return text.split("\n").filter(Boolean).map((line) => JSON.parse(line));
}

async function download(file: string, where?: unknown) {
  const query = where === undefined ? "" : `?where=${encodeURIComponent(JSON.stringify(where))}`;
  const response = await fetch(`${http.url}/export/${file}${query}`);
  return { response, text: await response.text() };
}

/** Every id of a list through GraphQL, for the same filter. */
async function apiIds(list: string, whereType: string, where: unknown = null): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const data: any = await api.data(`query($where: ${whereType}, $after: String) { ${list}(where: $where, first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`, { where, after });
    ids.push(...data[list].nodes.map((n: { id: string }) => n.id));
    if (!data[list].pageInfo.hasNextPage) return ids;
    after = data[list].pageInfo.endCursor;
  }
}

describe.each(Object.keys(EXPORT_TYPES))("the %s export", (typeName) => {
  test.each(["csv", "json", "ndjson"])("as %s parses back to the API's rows, each with its source passage", async (format) => {
    const { response, text } = await download(`${typeName}.${format}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${typeName}.${format}"`);
    const rows = parseExport(format, text);
    const type = EXPORT_TYPES[typeName];
    expect(rows.map((r) => r.id)).toEqual(await apiIds(type.list, type.whereType));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(type.columns);
      expect(article.slice(Number(row.source_start), Number(row.source_end))).toBe(row.source_excerpt);
    }
  });
});

test("a project row resolves its district and city and keeps the investment's value, wording and approximation", async () => {
  const rows = parseExport("csv", (await download("projects.csv")).text);
  expect(rows.find((r) => r.slug === "tianan-sci-tech-city")).toMatchObject({
    name: "青岛天安科创城",
    place_name: "城阳区",
    district_name: "城阳区",
    city_name: "青岛",
    investment_yuan: "7500000000",
    investment_text: "约75亿元",
    investment_approximate: "true",
  });
  const json = parseExport("json", (await download("projects.json")).text);
  expect(json.find((r) => r.slug === "tianan-sci-tech-city")).toMatchObject({ investment_yuan: 7_500_000_000, investment_approximate: true });
});

test("a quote row names its speaker, the speaker's title and organization, and its event", async () => {
  const rows = parseExport("ndjson", (await download("quotes.ndjson")).text);
  expect(rows.find((r) => r.slug === "yan-pengfei-co-creation")).toMatchObject({
    speaker_type: "Person",
    speaker_name: "严鹏飞",
    speaker_title: "首席运营官",
    speaker_organization_name: "海尔卡奥斯物联生态科技有限公司",
    event_name: "工业互联网方向考察",
  });
});

test("a figure row gives its subject's type and slug", async () => {
  const rows = parseExport("csv", (await download("figures.csv")).text);
  expect(rows.find((r) => r.slug === "founding-conference-planned-investment")).toMatchObject({
    value: "18290000000",
    unit: "CNY",
    original_text: "182.9亿元",
    subject_type: "Event",
    subject_slug: "founding-conference",
  });
});

test("?where= takes the GraphQL where input as JSON and exports what the API lists for it", async () => {
  const where = { place: { is: { within: { slug: "chengyang" } } } };
  const rows = parseExport("ndjson", (await download("projects.ndjson", where)).text);
  expect(rows.map((r) => r.id)).toEqual(await apiIds("projects", "ProjectWhere", where));
  expect(rows.length).toBeGreaterThan(1);
  expect(rows.every((r) => r.district_name === "城阳区")).toBe(true);
});

test("CSV is RFC 4180 with CRLF, and ?bom=1 starts it with a UTF-8 BOM", async () => {
  const plain = await download("places.csv");
  expect(plain.text.startsWith("id,slug,name")).toBe(true);
  expect(plain.text).toContain("\r\n");
  const response = await fetch(`${http.url}/export/places.csv?bom=1`);
  const bytes = Buffer.from(await response.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
});

test("bad exports get typed errors: unknown type or format 404, bad JSON or field 400 BAD_USER_INPUT, too deep a filter 400 QUERY_BUDGET_EXCEEDED", async () => {
  for (const file of ["projectz.csv", "projects.xlsx", "projects"]) {
    const { response, text } = await download(file);
    expect(response.status).toBe(404);
    expect(JSON.parse(text).errors[0].extensions.code).toBe("NOT_FOUND");
  }
  const badJson = await fetch(`${http.url}/export/projects.csv?where=${encodeURIComponent("{nope")}`);
  expect(badJson.status).toBe(400);
  expect((await badJson.json()).errors[0].extensions.code).toBe("BAD_USER_INPUT");
  const badField = await download("projects.csv", { nope: 1 });
  expect(badField.response.status).toBe(400);
  expect(JSON.parse(badField.text).errors[0].extensions.code).toBe("BAD_USER_INPUT");
  let deep: Record<string, unknown> = { name: { contains: "x" } };
  for (let i = 0; i < 10; i++) deep = { NOT: deep };
  const tooDeep = await download("projects.csv", deep);
  expect(tooDeep.response.status).toBe(400);
  expect(JSON.parse(tooDeep.text).errors[0].extensions).toMatchObject({ code: "QUERY_BUDGET_EXCEEDED", limit: "whereDepth" });
});

describe("the CLI", () => {
  const env = () => ({ ...process.env, DATABASE_URL: api.database.url, LOG_LEVEL: "silent" });

  test("npm run export -- projects --format csv --out FILE writes what GET /export/projects.csv serves", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "qg-export-")), "projects.csv");
    await run("node", [CLI, "projects", "--format", "csv", "--out", out], { env: env() });
    expect(fs.readFileSync(out, "utf8")).toBe((await download("projects.csv")).text);
  });

  test("--where filters as the API does, to standard output as NDJSON", async () => {
    const where = { investment: { gte: 1_000_000_000 } };
    const { stdout } = await run("node", [CLI, "projects", "-f", "ndjson", "--where", JSON.stringify(where)], { env: env() });
    expect(parseExport("ndjson", stdout).map((r) => r.id)).toEqual(await apiIds("projects", "ProjectWhere", where));
  });

  test("--help lists the types and options; bad arguments exit 2 with one clear line", async () => {
    const { stdout } = await run("node", [CLI, "--help"], { env: env() });
    for (const word of ["projects", "organizations", "people", "events", "quotes", "figures", "places", "--format", "--where", "--out", "--bom"]) expect(stdout).toContain(word);
    await expect(run("node", [CLI, "projectz"], { env: env() })).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('no export named "projectz"') });
    await expect(run("node", [CLI, "projects", "--where", '{"nope":1}'], { env: env() })).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("BAD_USER_INPUT") });
  });
});

test("an export of 10,000 generated projects pages through every row exactly once", async () => {
  const generated = await startGeneratedApi();
  const app = await startHttpApp({ RATE_LIMIT_POINTS: "0" }, { database: generated.database });
  try {
    const text = await (await fetch(`${app.url}/export/projects.ndjson`)).text();
    const rows = parseExport("ndjson", text);
    const total = (await generated.data("{ projects { totalCount } }")).projects.totalCount;
    expect(total).toBeGreaterThan(10_000);
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.id)).size).toBe(total);
  } finally {
    await app.close();
    await generated.close();
  }
}, 120_000);
