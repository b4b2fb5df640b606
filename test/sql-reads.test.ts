import Database from "better-sqlite3";
import pg from "pg";
import { sqlReader } from "../src/services/sql";
import { provider } from "./support/databases";
import { type TestApi, startTestApi } from "./support/api";

/**
 * Lookups, relation loaders and root lists are read with the service's own
 * prepared SQL (src/services/sql.ts), not through Prisma's per-call query
 * compiler. Their answers must be Prisma's: the filters they compile are
 * checked here against Prisma's own answer for the same condition, on rows
 * where SQL's nulls make the difference (a project with no place, places
 * with no description).
 */
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
  const place = await api.db.place.findFirstOrThrow({ where: { slug: "qingdao" } });
  await api.db.place.update({ where: { id: place.id }, data: { description: "青岛市" } });
  const source = { sourceStart: 0, sourceEnd: 1, sourceExcerpt: "接" };
  await api.db.project.create({ data: { slug: "test-no-place", name: "无地点项目", kind: "INDUSTRIAL_PARK", ...source } });
}, 60_000);
afterAll(() => api?.close());

const slugsOf = (rows: { slug: string }[]) => rows.map((r) => r.slug);

/** The service's own page statement (Repository.pageSql), which reads the page's columns unqualified by schema as Prisma's never are. */
const isPrepared = (sql: string) => sql.startsWith(`SELECT "Project".`) && sql.includes(`FROM "Project"`);

test.each([
  ["no place called 青岛 (a project without a place matches)", `{ NOT: { place: { is: { name: { equals: "青岛" } } } } }`, { NOT: { place: { is: { name: "青岛" } } } }],
  ["not placed where the description is 青岛市 (a place without description does not match)", `{ NOT: { place: { is: { description: { equals: "青岛市" } } } } }`, { NOT: { place: { is: { description: "青岛市" } } } }],
  ["placed under 青岛, two levels up", `{ place: { is: { parent: { is: { slug: { equals: "qingdao" } } } } } }`, { place: { is: { parent: { is: { slug: "qingdao" } } } } }],
  ["without a place", `{ place: { isNull: true } }`, { place: null }],
  ["not of 5e9 or more (no investment does not match)", `{ NOT: { investment: { gte: 5000000000 } } }`, { NOT: { investment: { gte: 5000000000n } } }],
  ["no status or 1e9 or more", `{ OR: [{ status: { isNull: true } }, { investment: { gte: 1000000000 } }] }`, { OR: [{ status: null }, { investment: { gte: 1000000000n } }] }],
])("a list of projects %s answers as Prisma does", async (_name, where, prismaWhere) => {
  const sent: string[] = [];
  const stop = sqlReader(api.db).onStatement((s) => sent.push(s.sql));
  let data;
  try {
    data = await api.data(`{ projects(first: 100, where: ${where}, orderBy: [{ field: ID }]) { totalCount nodes { slug } } }`);
  } finally {
    stop();
  }
  const expected = await api.db.project.findMany({ where: prismaWhere, orderBy: { id: "asc" }, take: 100, select: { slug: true } });
  expect(slugsOf(data.projects.nodes)).toEqual(slugsOf(expected));
  expect(data.projects.totalCount).toBe(await api.db.project.count({ where: prismaWhere }));
  expect(expected.length).toBeGreaterThan(0);
  // The list itself was read with prepared SQL, not handed back to Prisma.
  expect(sent.some((sql) => isPrepared(sql))).toBe(true);
});

test.each([
  ["keeps", "海尔"],
  ["leaves out", "天安数码城集团"],
])("a project's organizations filtered through the organization (%s the one it has) answer as Prisma's link rows do", async (_name, name) => {
  const data = await api.data(`{ project(slug: "tianan-sci-tech-city") { organizations(where: { NOT: { name: { equals: "${name}" } } }) { nodes { slug } } } }`);
  const project = await api.db.project.findUniqueOrThrow({ where: { slug: "tianan-sci-tech-city" } });
  const links = await api.db.projectOrganization.findMany({
    where: { projectId: project.id, organization: { is: { NOT: { name } } } },
    orderBy: { id: "asc" },
    select: { organization: { select: { slug: true } } },
  });
  expect(slugsOf(data.project.organizations.nodes)).toEqual(links.map((l) => l.organization.slug));
  expect(links.length).toBe(name === "海尔" ? 1 : 0);
});

(provider === "sqlite" ? test : test.skip)("a lookup prepares its statements once: the same request again prepares none (SQLite)", async () => {
  const query = `{ project(slug: "tianan-sci-tech-city") { name place { name } investment { value } organizations(first: 5) { nodes { name } } } }`;
  const first = await api.data(query);
  const prepare = jest.spyOn(Database.prototype, "prepare");
  try {
    expect(await api.data(query)).toEqual(first);
    expect(prepare).not.toHaveBeenCalled();
  } finally {
    prepare.mockRestore();
  }
});

(provider === "postgresql" ? test : test.skip)("a lookup's statements are named prepared statements, parsed once per connection (PostgreSQL)", async () => {
  const query = `{ project(slug: "tianan-sci-tech-city") { name place { name } investment { value } organizations(first: 5) { nodes { name } } } }`;
  const sent: { text?: string; name?: string }[] = [];
  const send = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    sent.push(typeof args[0] === "string" ? { text: args[0] } : (args[0] as { text?: string; name?: string }));
    return (send as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof send;
  try {
    expect(await api.data(query)).toMatchObject({ project: { name: "青岛天安科创城", place: { name: expect.any(String) } } });
  } finally {
    pg.Client.prototype.query = send;
  }
  // The project, its place and investment (one joined statement); its organizations' links with the organizations.
  expect(sent.length).toBe(2);
  expect(sent.filter((s) => !s.name)).toEqual([]);
});

describe("root lists ordered by investment (issue 8: the filtered list over generated data)", () => {
  const ordered = (desc: boolean) => [{ investment: { sort: desc ? "desc" : "asc", nulls: "last" } }, { id: "asc" }] as const;
  beforeAll(async () => {
    // Two projects tied on investment, so the id tie-break decides between them.
    const place = await api.db.place.findFirstOrThrow({ where: { slug: "qingdao" } });
    const source = { sourceStart: 0, sourceEnd: 1, sourceExcerpt: "接" };
    for (const slug of ["test-tie-a", "test-tie-b"]) {
      await api.db.project.create({ data: { slug, name: slug, kind: "INDUSTRIAL_PARK", placeId: place.id, investment: 3000000000n, ...source } });
    }
  });

  test.each([
    ["1e9 or more, largest first", `{ investment: { gte: 1000000000 } }`, { investment: { gte: 1000000000n } }, true],
    ["1e9 or more within 青岛, largest first", `{ investment: { gte: 1000000000 }, place: { is: { within: { slug: "qingdao" } } } }`, null, true],
    ["any, largest first (projects without investment last)", `{}`, {}, true],
    ["any, smallest first (projects without investment last)", `{}`, {}, false],
    ["not 5e9 or more, largest first", `{ NOT: { investment: { gte: 5000000000 } } }`, { NOT: { investment: { gte: 5000000000n } } }, true],
    ["under 5e9, smallest first", `{ investment: { lt: 5000000000 } }`, { investment: { lt: 5000000000n } }, false],
  ])("%s: every page answers as Prisma does", async (_name, where, prismaWhere, desc) => {
    const within = prismaWhere ?? { investment: { gte: 1000000000n }, place: { is: { id: { in: (await api.db.place.findMany({ where: { OR: [{ slug: "qingdao" }, { parent: { slug: "qingdao" } }, { parent: { parent: { slug: "qingdao" } } }] }, select: { id: true } })).map((p) => p.id) } } } };
    const expected = slugsOf(await api.db.project.findMany({ where: within, orderBy: ordered(desc) as never, select: { slug: true } }));
    expect(expected.length).toBeGreaterThan(2);
    const direction = desc ? "DESC" : "ASC";
    const sent: string[] = [];
    const stop = sqlReader(api.db).onStatement((s) => sent.push(s.sql));
    const seen: string[] = [];
    try {
      let after: string | null = null;
      do {
        const data: any = await api.data(`query ($after: String) { projects(first: 3, after: $after, where: ${where}, orderBy: [{ field: INVESTMENT, direction: ${direction} }]) { nodes { slug } pageInfo { hasNextPage endCursor } } }`, { after });
        seen.push(...slugsOf(data.projects.nodes));
        after = data.projects.pageInfo.hasNextPage ? data.projects.pageInfo.endCursor : null;
      } while (after);
    } finally {
      stop();
    }
    expect(seen).toEqual(expected);
    expect(sent.some((sql) => isPrepared(sql))).toBe(true);
  });

  test("a filter that excludes null investments lets the list's ORDER BY match the (investment DESC, id) index", async () => {
    const sent: string[] = [];
    const stop = sqlReader(api.db).onStatement((s) => sent.push(s.sql));
    try {
      await api.data(`{ projects(first: 5, where: { investment: { gte: 1000000000 } }, orderBy: [{ field: INVESTMENT, direction: DESC }]) { nodes { slug } } }`);
    } finally {
      stop();
    }
    const list = sent.find((sql) => isPrepared(sql))!;
    expect(list).toContain(`ORDER BY "Project"."investment" DESC, "Project"."id" ASC`);
    expect(list).not.toContain("NULLS");
  });
});

test.each([
  ["every project", "", {}],
  ["projects of 1e9 or more", "where: { investment: { gte: 1000000000 } }", { investment: { gte: 1000000000n } }],
  ["projects placed under 青岛 two levels up", `where: { place: { is: { parent: { is: { slug: { equals: "qingdao" } } } } } }`, { place: { is: { parent: { is: { slug: "qingdao" } } } } }],
])("investment totals of nested lists of %s are summed in SQL per place as Prisma's groupBy sums them (no investment left out)", async (_name, where, prismaWhere) => {
  // A project without an investment in a place that has others: it must count in totalCount, not in the investment.
  const tianan = await api.db.project.findUniqueOrThrow({ where: { slug: "tianan-sci-tech-city" } });
  const source = { sourceStart: 0, sourceEnd: 1, sourceExcerpt: "接" };
  await api.db.project.upsert({ where: { slug: "test-no-investment" }, update: {}, create: { slug: "test-no-investment", name: "无投资项目", kind: "INDUSTRIAL_PARK", placeId: tianan.placeId, ...source } });
  const sent: string[] = [];
  const stop = sqlReader(api.db).onStatement((s) => sent.push(s.sql));
  let data;
  try {
    data = await api.data(`{ places(first: 100) { nodes { slug projects(first: 1, ${where}) { totalCount investment { count sum min max approximate excluded { value } } } } } }`);
  } finally {
    stop();
  }
  // An unfiltered nested list is summed per parent in SQL; a filtered one from its loaded rows (both must agree with Prisma).
  if (where === "") expect(sent.some((sql) => /"investmentApproximate" AS "approximate", COUNT\(\*\)/.test(sql))).toBe(true);
  const places = await api.db.place.findMany({ select: { id: true, slug: true } });
  const idOf = new Map(places.map((p) => [p.slug, p.id]));
  let compared = 0;
  for (const place of data.places.nodes) {
    const expected = await api.db.project.aggregate({
      where: { AND: [prismaWhere, { placeId: idOf.get(place.slug), investment: { not: null } }] },
      _count: { _all: true },
      _sum: { investment: true },
      _min: { investment: true },
      _max: { investment: true },
    });
    const approximate = await api.db.project.count({ where: { AND: [prismaWhere, { placeId: idOf.get(place.slug), investment: { not: null }, investmentApproximate: true }] } });
    const total = await api.db.project.count({ where: { AND: [prismaWhere, { placeId: idOf.get(place.slug) }] } });
    const investment = place.projects.investment;
    expect(place.projects.totalCount).toBe(total);
    expect(investment.count).toBe(expected._count._all);
    if (expected._count._all === 0) {
      expect(investment).toMatchObject({ sum: null, min: null, max: null, approximate: false });
      continue;
    }
    compared++;
    expect(investment.min).toBe(Number(expected._min.investment));
    expect(investment.max).toBe(Number(expected._max.investment));
    const excluded = investment.excluded.reduce((s: number, f: { value: number }) => s + f.value, 0);
    if (investment.sum !== null) expect(investment.sum + excluded).toBe(Number(expected._sum.investment));
    if (investment.excluded.length === 0) expect(investment.approximate).toBe(approximate > 0);
  }
  expect(compared).toBeGreaterThan(0);
});

(provider === "sqlite" ? test : test.skip)("the investment figures of a page of projects are found through each project's figures, not by reading every investment figure (SQLite's plan)", async () => {
  const sent: { sql: string; params: readonly unknown[] }[] = [];
  const stop = sqlReader(api.db).onStatement((s) => sent.push(s));
  let data;
  try {
    // The label is the figure's own: the project row holds only the value and whether it is approximate.
    data = await api.data(`{ place(slug: "qingdao") { children(first: 100) { nodes { projects(first: 100) { nodes { slug investment { value label } } } } } } }`);
  } finally {
    stop();
  }
  const projects = data.place.children.nodes.flatMap((p: any) => p.projects.nodes);
  expect(projects.filter((p: any) => p.investment).length).toBeGreaterThan(1);
  // The columns read depend on the selection (read-columns.ts); the condition is what the plan is about.
  const read = sent.find((s) => /^SELECT [^()]* FROM "Figure" WHERE "projectId" IN/.test(s.sql))!;
  expect(read).toBeDefined();
  const file = new Database(api.database.url.replace(/^file:/, ""), { readonly: true });
  try {
    const plan = file.prepare(`EXPLAIN QUERY PLAN ${read.sql}`).all(...read.params) as { detail: string }[];
    expect(plan.map((step) => step.detail)).toContainEqual(expect.stringContaining("Figure_projectId_id_idx"));
  } finally {
    file.close();
  }
});

describe("a project's investment value and whether it is approximate come from the project's row, and are its investment figure's", () => {
  const statementsOf = async (query: string) => {
    const sent: string[] = [];
    const stop = sqlReader(api.db).onStatement((s) => sent.push(s.sql));
    try {
      return { data: await api.data(query), sent };
    } finally {
      stop();
    }
  };
  const projectsOf = (data: any) => data.place.children.nodes.flatMap((p: any) => p.projects.nodes);

  test("in nested pages, without a statement on figures, with the figure's values", async () => {
    const nested = (fields: string) => `{ place(slug: "qingdao") { children(first: 100) { nodes { projects(first: 100) { nodes { slug investment { ${fields} } } } } } } }`;
    const byRow = await statementsOf(nested("__typename value approximate"));
    const byFigure = await statementsOf(nested("value approximate slug"));
    expect(byRow.sent.filter((sql) => /"Figure"/.test(sql))).toEqual([]);
    expect(byFigure.sent.filter((sql) => /"Figure"/.test(sql))).toHaveLength(1);
    const projects = projectsOf(byRow.data);
    const figures = projectsOf(byFigure.data);
    expect(projects.map((p: any) => p.slug)).toEqual(figures.map((p: any) => p.slug));
    expect(projects.map((p: any) => p.investment && { __typename: "Figure", value: p.investment.value, approximate: p.investment.approximate })).toEqual(
      figures.map((p: any) => p.investment && { __typename: "Figure", value: p.investment.value, approximate: p.investment.approximate }),
    );
    // The article's own: 约75亿元, and a project with figures but no investment among them.
    expect(projects).toContainEqual({ slug: "tianan-sci-tech-city", investment: { __typename: "Figure", value: 7_500_000_000, approximate: true } });
    expect(projects).toContainEqual({ slug: "tianan-digital-city", investment: null });
    expect(projects.filter((p: any) => p.investment).length).toBeGreaterThan(1);
  });

  test("in a root list and a lookup, through fragments, without joining or reading figures", async () => {
    const list = await statementsOf(`{ projects(first: 100) { nodes { slug ...I } } } fragment I on Project { investment { ... on Figure { value } } }`);
    expect(list.sent.filter((sql) => /"Figure"/.test(sql))).toEqual([]);
    const lookup = await statementsOf(`{ project(slug: "tianan-sci-tech-city") { name place { name } investment { value approximate } } }`);
    expect(lookup.data.project).toEqual({ name: "青岛天安科创城", place: { name: "城阳区" }, investment: { value: 7_500_000_000, approximate: true } });
    expect(lookup.sent).toHaveLength(1);
    expect(lookup.sent[0]).not.toMatch(/"Figure"/);
    const figures = await api.db.figure.findMany({ where: { metric: "INVESTMENT", projectId: { not: null } }, orderBy: { id: "asc" }, select: { projectId: true, value: true, qualifier: true } });
    const first = new Map<number, { value: number; approximate: boolean }>();
    for (const f of figures) if (!first.has(f.projectId!)) first.set(f.projectId!, { value: Number(f.value), approximate: f.qualifier !== "EXACT" });
    const rows = await api.db.project.findMany({ where: { slug: { in: list.data.projects.nodes.map((p: any) => p.slug) } }, select: { id: true, slug: true } });
    const idOf = new Map(rows.map((r) => [r.slug, r.id]));
    // Projects this file made (test-…) carry an investment with no figure, which the seed never writes.
    for (const p of list.data.projects.nodes.filter((n: any) => !n.slug.startsWith("test-"))) {
      const figure = first.get(idOf.get(p.slug)!);
      expect([p.slug, p.investment]).toEqual([p.slug, figure ? { value: figure.value } : null]);
    }
  });
});
