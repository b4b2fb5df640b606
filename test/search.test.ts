import { type TestApi, startTestApi } from "./support/api";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const SEARCH = `query($query: String!, $types: [SearchType!], $first: Int, $after: String) {
  search(query: $query, types: $types, first: $first, after: $after) {
    totalCount
    edges { rank field snippet matchStart node { __typename id ... on Place { name } ... on Organization { name } ... on Project { name } ... on Event { name } ... on Person { name } ... on Quote { text } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function search(query: string, extra: Record<string, unknown> = {}) {
  return (await api.data(SEARCH, { query, first: 100, ...extra })).search;
}
const label = (e: any) => `${e.node.__typename}:${e.node.name ?? e.node.text}`;

test.each([
  ["青", 1],
  ["青岛", 2],
  ["卡奥斯", 3],
  ["工业互联网", 5],
])("a %s-query (%i characters) finds every record containing it, best first", async (query, _length) => {
  const result = await search(query);
  expect(result.totalCount).toBe(result.edges.length);
  expect(result.totalCount).toBeGreaterThan(0);
  for (const edge of result.edges) {
    expect(edge.snippet.slice(edge.matchStart, edge.matchStart + query.length)).toBe(query);
  }
  const ranks = result.edges.map((e: any) => e.rank);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
});

test("青岛 puts the place named exactly 青岛 first, then names that start with it", async () => {
  const result = await search("青岛");
  expect(result.edges.slice(0, 3).map(label)).toEqual(["Place:青岛", "Project:青岛天安科创城", "Project:青岛天安数码城"]);
});

test.each(["园", "投资", "卡奥斯", "工业互联网", "能"])("search for %s finds the same records as substring filters (index and fallback agree)", async (q) => {
  const result = await search(q);
  const viaFilters = await api.data(`query($q: String!) {
    places(where: { OR: [{ name: { contains: $q } }, { description: { contains: $q } }] }) { totalCount }
    projects(where: { OR: [{ name: { contains: $q } }, { description: { contains: $q } }] }) { totalCount }
    organizations(where: { OR: [{ name: { contains: $q } }, { alias: { contains: $q } }, { description: { contains: $q } }] }) { totalCount }
    events(where: { OR: [{ name: { contains: $q } }, { description: { contains: $q } }] }) { totalCount }
    people(where: { OR: [{ name: { contains: $q } }, { description: { contains: $q } }] }) { totalCount }
    quotes(where: { text: { contains: $q } }) { totalCount }
    technologies(where: { OR: [{ name: { contains: $q } }, { description: { contains: $q } }] }) { totalCount }
  }`, { q });
  const expected = Object.values(viaFilters).reduce((n: number, c: any) => n + c.totalCount, 0);
  expect(result.totalCount).toBe(expected);
});

test("aliases are searched: 卡奥斯平台 finds the platform through its alias", async () => {
  const result = await search("卡奥斯平台", { types: ["ORGANIZATION"] });
  expect(result.edges.map((e: any) => [label(e), e.field])).toEqual([["Organization:海尔卡奥斯工业互联网平台", "alias"]]);
});

test("types narrows the kinds of record", async () => {
  const result = await search("工业互联网", { types: ["QUOTE"] });
  expect(result.edges.every((e: any) => e.node.__typename === "Quote")).toBe(true);
  expect(result.totalCount).toBe(5);
});

test("paging through hits with first/after repeats and skips nothing", async () => {
  const all = (await search("青")).edges.map((e: any) => e.node.id);
  const paged: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = (await api.data(SEARCH, { query: "青", first: 4, after })).search;
    paged.push(...page.edges.map((e: any) => e.node.id));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(paged).toEqual(all);
  const wrong = await api.run(SEARCH, { query: "青岛", first: 4, after });
  expect(wrong.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
});

test("LIKE wildcards in the query are plain characters; an empty query is BAD_USER_INPUT", async () => {
  expect((await search("%")).totalCount).toBe(0);
  expect((await search("_")).totalCount).toBe(0);
  expect((await search('"')).totalCount).toBe(0);
  const empty = await api.run(SEARCH, { query: "  " });
  expect(empty.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  const long = await api.run(SEARCH, { query: "青".repeat(101) });
  expect(long.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
});

test("the index follows the data: renamed, added and deleted records", async () => {
  await api.db.place.update({ where: { slug: "pingdu" }, data: { name: "平度市Pingdu" } });
  expect((await search("平度市")).edges.map(label)).toEqual(["Place:平度市Pingdu"]);
  expect((await search("PINGDU")).edges.map(label)).toEqual(["Place:平度市Pingdu"]);
  const alias = await api.db.organizationAlias.create({
    data: { organizationId: (await api.db.organization.findUniqueOrThrow({ where: { slug: "tianan" } })).id, alias: "Tianan Cyber Park", sourceStart: 0, sourceEnd: 0, sourceExcerpt: "" },
  });
  expect((await search("cyber")).edges.map((e: any) => [label(e), e.field])).toEqual([["Organization:天安数码城集团", "alias"]]);
  await api.db.organizationAlias.delete({ where: { id: alias.id } });
  await api.db.quote.delete({ where: { slug: "huang-bei-qingdao-story" } });
  expect((await search("cyber")).totalCount).toBe(0);
  expect((await search("故事会越来越精彩")).totalCount).toBe(0);
  await api.db.place.update({ where: { slug: "pingdu" }, data: { name: "平度" } });
  expect((await search("Pingdu")).totalCount).toBe(0);
});
