import { type TestApi, startTestApi } from "./support/api";
import { loadArticleText, readDatasetJson } from "../src/seed/dataset";
import { seedDatabase } from "../src/seed/seed";
import { SeedValidationError } from "../src/seed/validate";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const SOURCE = "source { start end excerpt }";
const LISTS = ["places", "organizations", "people", "positions", "events", "projects", "participations", "quotes", "figures"];

test("every record's source passage stands in the article at its offsets (code points)", async () => {
  const data = await api.data(`{ article { text ${SOURCE} } ${LISTS.map((l) => `${l}(first: 100) { nodes { slug ${SOURCE} } }`).join(" ")} }`);
  const codePoints = Array.from(data.article.text as string);
  const records = [data.article, ...LISTS.flatMap((l) => data[l].nodes)];
  expect(records.length).toBeGreaterThan(100);
  for (const { source } of records) {
    expect(codePoints.slice(source.start, source.end).join("")).toBe(source.excerpt);
  }
});

test("link edges and aliases carry passages that match too", async () => {
  const data = await api.data(`{
    article { text }
    organizations(first: 100) { nodes { aliases { alias ${SOURCE} } people { edges { ${SOURCE} } } projects { edges { ${SOURCE} } } } }
  }`);
  const text: string = data.article.text;
  const passages = data.organizations.nodes.flatMap((o: any) => [
    ...o.aliases.map((a: any) => (expect(a.source.excerpt).toContain(a.alias), a.source)),
    ...o.people.edges.map((e: any) => e.source),
    ...o.projects.edges.map((e: any) => e.source),
  ]);
  expect(passages.length).toBeGreaterThan(20);
  for (const s of passages) expect(text.slice(s.start, s.end)).toBe(s.excerpt);
});

test("every direct quote is verbatim in the article, and reported speech is the article's own wording", async () => {
  const data = await api.data(`{ article { text } quotes(first: 100) { nodes { kind text ${SOURCE} } } }`);
  const direct = data.quotes.nodes.filter((q: any) => q.kind === "DIRECT");
  expect(direct).toHaveLength(7);
  for (const q of direct) expect(data.article.text).toContain(`“${q.text}”`);
  for (const q of data.quotes.nodes) expect(q.source.excerpt).toContain(q.text);
});

test("every figure's printed wording is in its passage", async () => {
  const data = await api.data(`{ figures(first: 100) { nodes { originalText ${SOURCE} } } }`);
  for (const f of data.figures.nodes) expect(f.source.excerpt).toContain(f.originalText);
});

test("the article copy ends with the article, not the page furniture", async () => {
  const data = await api.data(`{ article { text } }`);
  expect(data.article.text).not.toContain("新闻推荐");
  expect(data.article.text.endsWith("主题展开讨论。")).toBe(true);
});

describe("the seed refuses a dataset that does not match the article", () => {
  const dataset = () => readDatasetJson() as any;

  async function seedError(input: unknown): Promise<SeedValidationError> {
    const error = await seedDatabase(api.db, input).catch((e) => e);
    expect(error).toBeInstanceOf(SeedValidationError);
    return error;
  }

  test("an excerpt moved off its offsets names the record", async () => {
    const input = dataset();
    input.places.find((p: any) => p.slug === "pingdu").source.start += 1;
    const error = await seedError(input);
    expect(error.message).toMatch(/place "pingdu": source excerpt does not match the article at \d+-\d+/);
  });

  test("a direct quote that is not verbatim names the quote", async () => {
    const input = dataset();
    input.quotes.find((q: any) => q.slug === "huang-bei-qingdao-story").text = "青岛干部的诚意打动了我们!";
    const error = await seedError(input);
    expect(error.problems).toEqual(['quote "huang-bei-qingdao-story": direct quote is not verbatim in the article']);
  });

  test("a dangling reference or a missing field names the record", async () => {
    const input = dataset();
    input.projects.find((p: any) => p.slug === "zhengwei-supply-chain").place = "shenzhen-bay";
    delete input.figures[0].unit;
    const error = await seedError(input);
    expect(error.message).toContain('figures[0].unit ("founding-conference-signed-projects")');
    const second = dataset();
    second.projects.find((p: any) => p.slug === "zhengwei-supply-chain").place = "shenzhen-bay";
    expect((await seedError(second)).problems).toEqual(['project "zhengwei-supply-chain": place "shenzhen-bay" does not exist']);
  });

  test("a figure's wording that is not in its passage names the figure", async () => {
    const input = dataset();
    input.figures.find((f: any) => f.slug === "tianan-sci-tech-city-investment").originalText = "约76亿元";
    expect((await seedError(input)).problems).toEqual([
      'figure "tianan-sci-tech-city-investment": original wording "约76亿元" is not in its excerpt',
      'figure "tianan-sci-tech-city-investment": "约76亿元" says 7600000000 CNY APPROXIMATE, the record 7500000000 CNY APPROXIMATE',
    ]);
  });

  test("the article file itself is the text the offsets index", () => {
    expect(loadArticleText().startsWith("接力冲刺")).toBe(true);
  });
});
