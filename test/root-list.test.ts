import type { GeneratedDataset } from "../src/seed/generate";
import type { TestApi } from "./support/api";
import { provider } from "./support/databases";
import { compareBy, startGeneratedApi } from "./support/generated";
import { countStatements } from "./support/statements";

/*
 * A root list's page statement (Repository.pageSql): whatever place `within`
 * covers (one district's few hundred projects or a city's thousands, which
 * the databases read by different plans) and whatever columns the selection
 * lets it read, the answer is the one the generated rows give.
 */
let api: TestApi & { generated: GeneratedDataset };
beforeAll(async () => {
  api = await startGeneratedApi();
}, 120_000);
afterAll(() => api.close());

const LIST = `query($where: ProjectWhere, $first: Int, $after: String) {
  projects(first: $first, after: $after, where: $where, orderBy: [{ field: INVESTMENT, direction: DESC }]) {
    nodes { slug name place { slug } organizations(first: 5) { nodes { slug } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const GTE = 1_000_000_000n;
const within = (slug: string) => ({ investment: { gte: Number(GTE) }, place: { is: { within: { slug } } } });

/** The expected slugs: generated projects in `placeIds` with at least 1e9 of investment, largest first, then by id. */
function expected(placeIds: number[]): string[] {
  return api.generated.projects
    .filter((p) => p.investment !== null && p.investment >= GTE && placeIds.includes(p.placeId))
    .sort(compareBy([{ key: "investment", desc: true }]))
    .map((p) => p.slug);
}

const city = () => api.generated.cities[0];
const districtsOf = (cityId: number) => api.generated.districts.filter((d) => d.parentId === cityId);

test("a city's first page is the largest of its districts' pages merged, and each is what the rows give", async () => {
  const districts = districtsOf(city().id);
  expect(districts.length).toBeGreaterThan(1);
  const whole: any = await api.data(LIST, { where: within(city().slug), first: 100 });
  const cityExpected = expected([city().id, ...districts.map((d) => d.id)]);
  expect(cityExpected.length).toBeGreaterThan(1000);
  expect(whole.projects.nodes.map((n: any) => n.slug)).toEqual(cityExpected.slice(0, 100));
  expect(whole.projects.pageInfo.hasNextPage).toBe(true);

  const byDistrict = new Map<string, any>();
  for (const district of districts) {
    const page: any = await api.data(LIST, { where: within(district.slug), first: 100 });
    expect(page.projects.nodes.map((n: any) => n.slug)).toEqual(expected([district.id]).slice(0, 100));
    for (const node of page.projects.nodes) byDistrict.set(node.slug, node);
  }
  // The same project reads the same, whole fields and nested page included, in either list.
  for (const node of whole.projects.nodes) {
    if (byDistrict.has(node.slug)) expect(node).toEqual(byDistrict.get(node.slug));
  }
  // Every one of the city's first 100 that lies in a district is in that district's first 100.
  const cityOwn = new Set(expected([city().id]));
  expect(whole.projects.nodes.filter((n: any) => !cityOwn.has(n.slug)).every((n: any) => byDistrict.has(n.slug))).toBe(true);
}, 120_000);

test("paging a city and a district with cursors gives every row once, in order", async () => {
  for (const [slug, placeIds] of [
    [city().slug, [city().id, ...districtsOf(city().id).map((d) => d.id)]],
    [districtsOf(city().id)[0].slug, [districtsOf(city().id)[0].id]],
  ] as const) {
    const slugs: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = await api.data(LIST, { where: within(slug), first: 100, after });
      slugs.push(...data.projects.nodes.map((n: any) => n.slug));
      if (!data.projects.pageInfo.hasNextPage) break;
      after = data.projects.pageInfo.endCursor;
    }
    expect(slugs).toEqual(expected([...placeIds]));
  }
}, 120_000);

test("the page reads only the columns its selected fields need, and answers as reading every column does", async () => {
  const where = within(city().slug);
  const narrow = `query($where: ProjectWhere) { projects(first: 20, where: $where, orderBy: [{ field: INVESTMENT, direction: DESC }]) { nodes { name } } }`;
  const { statements, data } = await countStatements(api.database.url, narrow, { where });
  const page = statements.find((s) => /LIMIT/.test(s.query) && /FROM "Project"/.test(s.query));
  expect(page?.query).toBeDefined();
  expect(page!.query).not.toMatch(/"Project"\.\*|"description"|"sourceExcerpt"/);
  expect(data.projects.nodes.map((n: any) => n.name)).toEqual(
    expected([city().id, ...districtsOf(city().id).map((d) => d.id)])
      .slice(0, 20)
      .map((slug) => api.generated.projects.find((p) => p.slug === slug)!.name),
  );

  // Every field of Project, through nodes, edges and fragments, answers as the lookup by slug (which reads every column).
  const FIELDS = `id slug name kind status dateText date datePrecision yearInferred description source { start end excerpt }
    place { slug } investment { value } organizations(first: 2) { nodes { slug } } events(first: 2) { nodes { slug } }
    people(first: 2) { nodes { slug } } candidatePlaces(first: 2) { nodes { slug } } figures(first: 2) { nodes { slug } } countedIn { figure { slug } inferred }`;
  const wide: any = await api.data(
    `fragment P on Project { ${FIELDS} }
     query($where: ProjectWhere) { projects(first: 30, where: $where, orderBy: [{ field: INVESTMENT, direction: DESC }]) { edges { cursor node { ...P } } nodes { __typename ... on Project { name } } } }`,
    { where },
  );
  expect(wide.projects.edges).toHaveLength(30);
  for (const edge of wide.projects.edges) {
    const one: any = await api.data(`query($slug: String!) { project(slug: $slug) { ${FIELDS} } }`, { slug: edge.node.slug });
    expect(edge.node).toEqual(one.project);
  }
  // The article's own projects under 青岛 have descriptions, passages and figures: the same there.
  const own: any = await api.data(`{ projects(first: 100, orderBy: [{ field: INVESTMENT, direction: DESC }], where: { place: { is: { within: { slug: "qingdao" } } } }) { nodes { ${FIELDS} } } }`);
  expect(own.projects.nodes.length).toBeGreaterThan(3);
  expect(own.projects.nodes.some((n: any) => n.description !== null && n.source.excerpt !== "" && n.investment !== null)).toBe(true);
  for (const node of own.projects.nodes) {
    const one: any = await api.data(`query($slug: String!) { project(slug: $slug) { ${FIELDS} } }`, { slug: node.slug });
    expect(node).toEqual(one.project);
  }
}, 120_000);

(provider === "sqlite" ? test : test.skip)("SQLite sorts a city's page by its keys once, not its whole rows a second time", async () => {
  const query = `query($where: ProjectWhere) { projects(first: 100, where: $where, orderBy: [{ field: INVESTMENT, direction: DESC }]) { nodes { name } } }`;
  const { statements } = await countStatements(api.database.url, query, { where: within(city().slug) });
  const page = statements.find((s) => /LIMIT/.test(s.query) && /FROM "Project"/.test(s.query))!;
  const plan = await api.db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${page.query}`, ...JSON.parse(page.params));
  const sorts = plan.filter((step) => /TEMP B-TREE/.test(step.detail));
  expect(sorts).toHaveLength(1);
}, 120_000);
