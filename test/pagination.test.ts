import { type TestApi, startTestApi } from "./support/api";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const FIGURES = `query Figures($first: Int, $after: String, $last: Int, $before: String) {
  figures(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { slug } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function allFigureSlugs(): Promise<string[]> {
  const data = await api.data(FIGURES, { first: 100 });
  return data.figures.edges.map((e: any) => e.node.slug);
}

test("first defaults to 20 and the page says more follow", async () => {
  const data = await api.data(FIGURES);
  expect(data.figures.totalCount).toBe(22);
  expect(data.figures.edges).toHaveLength(20);
  expect(data.figures.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  expect(data.figures.pageInfo.startCursor).toBe(data.figures.edges[0].cursor);
  expect(data.figures.pageInfo.endCursor).toBe(data.figures.edges[19].cursor);
});

test("paging forward with first/after visits every figure once, in order", async () => {
  const all = await allFigureSlugs();
  const seen: string[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const data: any = await api.data(FIGURES, { first: 5, after });
    seen.push(...data.figures.edges.map((e: any) => e.node.slug));
    expect(data.figures.pageInfo.hasPreviousPage).toBe(after !== null);
    pages++;
    if (!data.figures.pageInfo.hasNextPage) break;
    after = data.figures.pageInfo.endCursor;
  }
  expect(pages).toBe(5);
  expect(seen).toEqual(all);
});

test("paging backward with last/before visits every figure once, in order", async () => {
  const all = await allFigureSlugs();
  const seen: string[] = [];
  let before: string | null = null;
  for (;;) {
    const data: any = await api.data(FIGURES, { last: 6, before });
    seen.unshift(...data.figures.edges.map((e: any) => e.node.slug));
    expect(data.figures.pageInfo.hasNextPage).toBe(before !== null);
    if (!data.figures.pageInfo.hasPreviousPage) break;
    before = data.figures.pageInfo.startCursor;
  }
  expect(seen).toEqual(all);
});

test("after and before together bound a window", async () => {
  const data = await api.data(FIGURES, { first: 100 });
  const edges = data.figures.edges;
  const window = await api.data(FIGURES, { first: 100, after: edges[2].cursor, before: edges[6].cursor });
  expect(window.figures.edges.map((e: any) => e.node.slug)).toEqual(edges.slice(3, 6).map((e: any) => e.node.slug));
  expect(window.figures.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
});

test("first: 0 returns no edges but the total", async () => {
  const data = await api.data(FIGURES, { first: 0 });
  expect(data.figures.edges).toEqual([]);
  expect(data.figures.totalCount).toBe(22);
  expect(data.figures.pageInfo).toMatchObject({ hasNextPage: true, startCursor: null, endCursor: null });
});

test.each([
  [{ first: 101 }, "first"],
  [{ first: -1 }, "first"],
  [{ last: 1000 }, "last"],
  [{ first: 2, last: 2 }, "last"],
  [{ after: "not-a-cursor" }, "after"],
  [{ before: "eyJpZCI6LTF9" }, "before"],
])("out-of-range arguments %j give BAD_USER_INPUT", async (variables, argument) => {
  const result = await api.run(FIGURES, variables);
  expect(result.data).toBeNull();
  expect(result.errors).toHaveLength(1);
  expect(result.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
  expect(result.errors![0].message).toContain(argument);
  expect(JSON.stringify(result.errors)).not.toMatch(/stack|prisma|sql/i);
});

test("nested connections page with the same rules: 城阳区's projects two at a time", async () => {
  const query = `query($after: String) { place(slug: "chengyang") { projects(first: 2, after: $after) {
    totalCount nodes { name } pageInfo { hasNextPage hasPreviousPage endCursor } } } }`;
  const names: string[] = [];
  let after: string | null = null;
  for (;;) {
    const data: any = await api.data(query, { after });
    const conn = data.place.projects;
    expect(conn.totalCount).toBe(6);
    expect(conn.pageInfo.hasPreviousPage).toBe(after !== null);
    names.push(...conn.nodes.map((n: any) => n.name));
    if (!conn.pageInfo.hasNextPage) break;
    after = conn.pageInfo.endCursor;
  }
  expect(names).toEqual(["青岛天安科创城", "青岛天安数码城", "全国工商联(青岛)科技装备产业园", "深商青岛科创园", "深商日韩贸易港", "正威供应链"]);
});

test("nested connections reject out-of-range arguments too", async () => {
  const result = await api.run(`{ place(slug: "chengyang") { projects(first: 500) { totalCount } } }`);
  expect(result.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
});

test("a nested list's arguments hold under every parent, each alias its own", async () => {
  const data = await api.data(`{ places(first: 100) { nodes { one: projects(first: 1) { nodes { name } totalCount } three: projects(first: 3) { nodes { name } } } } }`);
  const places = data.places.nodes;
  expect(places.length).toBeGreaterThan(17);
  for (const place of places) {
    expect(place.one.nodes).toHaveLength(Math.min(1, place.one.totalCount));
    expect(place.three.nodes).toHaveLength(Math.min(3, place.one.totalCount));
    expect(place.three.nodes.slice(0, 1)).toEqual(place.one.nodes);
  }
  expect(places.some((place: any) => place.one.totalCount > 3)).toBe(true);
});

test("out-of-range arguments of a nested list fail it under every parent alike", async () => {
  const result = await api.run(`{ places(first: 100) { nodes { name projects(first: 500) { totalCount } } } }`);
  expect(result.errors!.length).toBeGreaterThan(0);
  for (const error of result.errors!) {
    expect(error.extensions).toEqual({ code: "BAD_USER_INPUT", argumentNames: ["first"] });
    expect(error.message).toBe("Invalid argument: first must not be greater than 100");
  }
});

test("link connections page over their edges: 爱能森's projects, the last one", async () => {
  const data = await api.data(`{ organization(slug: "enesoon") { projects(last: 1) { totalCount edges { role node { slug } } pageInfo { hasPreviousPage hasNextPage } } } }`);
  expect(data.organization.projects).toEqual({
    totalCount: 2,
    edges: [{ role: "总部", node: { slug: "enesoon-headquarters" } }],
    pageInfo: { hasPreviousPage: true, hasNextPage: false },
  });
});
