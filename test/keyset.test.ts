import { type GeneratedProject } from "../src/seed/generate";
import { type TestApi } from "./support/api";
import { compareBy, startGeneratedApi } from "./support/generated";
import type { GeneratedDataset } from "../src/seed/generate";

let api: TestApi & { generated: GeneratedDataset };
beforeAll(async () => {
  api = await startGeneratedApi();
}, 120_000);
afterAll(() => api.close());

const PROJECTS = `query($where: ProjectWhere, $orderBy: [ProjectOrder!], $first: Int, $after: String, $last: Int, $before: String) {
  projects(where: $where, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    nodes { slug }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

/** Pages through a whole list with first/after; returns the slugs in order and the page count. */
async function pageForward(variables: Record<string, unknown>, size: number) {
  const slugs: string[] = [];
  let after: string | null = null;
  let total = -1;
  for (let pages = 1; ; pages++) {
    const data: any = await api.data(PROJECTS, { ...variables, first: size, after });
    const conn = data.projects;
    total = conn.totalCount;
    slugs.push(...conn.nodes.map((n: any) => n.slug));
    expect(conn.pageInfo.hasPreviousPage).toBe(after !== null);
    if (!conn.pageInfo.hasNextPage) return { slugs, total, pages };
    after = conn.pageInfo.endCursor;
  }
}

async function pageBackward(variables: Record<string, unknown>, size: number) {
  const slugs: string[] = [];
  let before: string | null = null;
  for (;;) {
    const data: any = await api.data(PROJECTS, { ...variables, last: size, before });
    const conn = data.projects;
    slugs.unshift(...conn.nodes.map((n: any) => n.slug));
    expect(conn.pageInfo.hasNextPage).toBe(before !== null);
    if (!conn.pageInfo.hasPreviousPage) return slugs;
    before = conn.pageInfo.startCursor;
  }
}

const generatedOnly = { slug: { startsWith: "gen-" } };

const CASES: { name: string; where: Record<string, unknown>; orderBy: { field: string; direction: string }[]; keep: (p: GeneratedProject, d: GeneratedDataset) => boolean; sort: Parameters<typeof compareBy>[0] }[] = [
  {
    name: "investment of 50亿元 or more within Gen City 1, largest first",
    where: { ...generatedOnly, investment: { gte: 5_000_000_000 }, place: { is: { within: { slug: "gen-city-1" } } } },
    orderBy: [{ field: "INVESTMENT", direction: "DESC" }],
    keep: (p, d) => p.investment !== null && p.investment >= 5_000_000_000n && [d.cities[0].id, ...d.districts.filter((x) => x.parentId === d.cities[0].id).map((x) => x.id)].includes(p.placeId),
    sort: [{ key: "investment", desc: true }],
  },
  {
    name: "every generated project by investment ascending (nulls last), then date descending",
    where: generatedOnly,
    orderBy: [{ field: "INVESTMENT", direction: "ASC" }, { field: "DATE", direction: "DESC" }],
    keep: () => true,
    sort: [{ key: "investment" }, { key: "date", desc: true }],
  },
  {
    name: "signed or landed projects dated in 2019, by name",
    where: { ...generatedOnly, status: { in: ["SIGNED", "LANDED"] }, date: { startsWith: "2019" } },
    orderBy: [{ field: "NAME", direction: "ASC" }],
    keep: (p) => (p.status === "SIGNED" || p.status === "LANDED") && p.date !== null && p.date.startsWith("2019"),
    sort: [{ key: "name" }],
  },
  {
    name: "projects without an investment or not a trade hub, by date then name descending",
    where: { ...generatedOnly, OR: [{ investment: { isNull: true } }, { NOT: { kind: { equals: "TRADE_HUB" } } }] },
    orderBy: [{ field: "DATE", direction: "ASC" }, { field: "NAME", direction: "DESC" }],
    keep: (p) => p.investment === null || p.kind !== "TRADE_HUB",
    sort: [{ key: "date" }, { key: "name", desc: true }],
  },
];

describe.each(CASES)("$name", ({ where, orderBy, keep, sort }) => {
  test("paging forward returns exactly the expected rows in order, none skipped or repeated", async () => {
    const expected = api.generated.projects.filter((p) => keep(p, api.generated)).sort(compareBy(sort)).map((p) => p.slug);
    expect(expected.length).toBeGreaterThan(50);
    const { slugs, total, pages } = await pageForward({ where, orderBy }, 97);
    expect(total).toBe(expected.length);
    expect(pages).toBe(Math.max(1, Math.ceil(expected.length / 97)));
    expect(slugs).toEqual(expected);
  }, 120_000);

  test("paging backward returns the same rows", async () => {
    const forward = (await pageForward({ where, orderBy }, 100)).slugs;
    expect(await pageBackward({ where, orderBy }, 100)).toEqual(forward);
  }, 120_000);
});

test("the generated dataset has the size the tests promise", () => {
  expect(api.generated.projects).toHaveLength(10_000);
});

test("a cursor only works with the where and orderBy it was made with", async () => {
  const orderBy = [{ field: "INVESTMENT", direction: "DESC" }];
  const first: any = await api.data(PROJECTS, { where: generatedOnly, orderBy, first: 5 });
  const cursor = first.projects.pageInfo.endCursor;
  for (const variables of [
    { where: generatedOnly, orderBy: [{ field: "NAME", direction: "DESC" }], after: cursor },
    { where: { slug: { startsWith: "gen-project" } }, orderBy, after: cursor },
    { where: generatedOnly, after: cursor },
  ]) {
    const result = await api.run(PROJECTS, { first: 5, ...variables });
    expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0].message).toMatch(/different where or orderBy/);
  }
  const next: any = await api.data(PROJECTS, { where: generatedOnly, orderBy, first: 5, after: cursor });
  expect(next.projects.nodes).toHaveLength(5);
});

test("pages are cut by keyset conditions: every statement's OFFSET is 0", async () => {
  const logged = await import("./support/statements");
  const orderBy = [{ field: "INVESTMENT", direction: "DESC" }];
  const page1: any = await api.data(PROJECTS, { where: generatedOnly, orderBy, first: 50 });
  const { statements } = await logged.countStatements(api.database.url, PROJECTS, { where: generatedOnly, orderBy, first: 50, after: page1.projects.pageInfo.endCursor });
  const paging = statements.filter((s) => /OFFSET/.test(s.query));
  expect(paging.length).toBeGreaterThan(0);
  for (const s of paging) expect(Number(JSON.parse(s.params).at(-1))).toBe(0);
});

test("nested connections filter, order and page the same way", async () => {
  const district = api.generated.districts[4];
  const expected = api.generated.projects
    .filter((p) => p.placeId === district.id && p.investment !== null)
    .sort(compareBy([{ key: "investment", desc: true }]))
    .map((p) => p.slug);
  const slugs: string[] = [];
  let after: string | null = null;
  for (;;) {
    const data: any = await api.data(
      `query($slug: String!, $after: String) { place(slug: $slug) {
        projects(where: { investment: { isNull: false } }, orderBy: [{ field: INVESTMENT, direction: DESC }], first: 30, after: $after) {
          totalCount nodes { slug } pageInfo { hasNextPage endCursor } } } }`,
      { slug: district.slug, after },
    );
    const conn = data.place.projects;
    expect(conn.totalCount).toBe(expected.length);
    slugs.push(...conn.nodes.map((n: any) => n.slug));
    if (!conn.pageInfo.hasNextPage) break;
    after = conn.pageInfo.endCursor;
  }
  expect(slugs).toEqual(expected);
});

test("investment by place over 10,000 projects equals exact sums of the generated rows, rolled up to each city", async () => {
  const data = await api.data(`{ investmentByPlace(within: { slug: "gen-province" }, rollup: true) { place { slug } projectCount investment { sum min max approximate } } }`);
  const { cities, districts, projects } = api.generated;
  const placeOf = new Map([...cities.map((c) => [c.id, c.slug] as const), ...districts.map((d) => [d.id, d.slug] as const)]);
  const cityOf = new Map(districts.map((d) => [d.slug, cities.find((c) => c.id === d.parentId)!.slug]));
  const expected = new Map<string, { count: number; sum: bigint; approximate: boolean }>();
  const add = (slug: string, p: (typeof projects)[number]) => {
    const t = expected.get(slug) ?? { count: 0, sum: 0n, approximate: false };
    expected.set(slug, { count: t.count + 1, sum: t.sum + p.investment!, approximate: t.approximate || Boolean(p.investmentApproximate) });
  };
  for (const p of projects.filter((x) => x.investment !== null)) {
    const slug = placeOf.get(p.placeId)!;
    add(slug, p);
    if (cityOf.has(slug)) add(cityOf.get(slug)!, p);
    add("gen-province", p);
  }
  const got = new Map(data.investmentByPlace.map((g: any) => [g.place.slug, g]));
  expect(got.size).toBe(expected.size);
  for (const [slug, t] of expected) {
    const g: any = got.get(slug);
    expect([g.projectCount, BigInt(g.investment.sum), g.investment.approximate]).toEqual([t.count, t.sum, t.approximate]);
  }
});
