import { generateDataset } from "../src/seed/generate";
import { createPrismaClient } from "../src/db";
import { type TestDatabase, copyTemplate } from "./support/databases";
import { DEEP_QUERY } from "./support/deep-query";
import { countStatements } from "./support/statements";

/**
 * No N+1: the number of SQL statements for one request depends on the
 * query's shape, not on how many items it returns.
 */
let small: TestDatabase;
let large: TestDatabase;

beforeAll(async () => {
  small = await copyTemplate("seeded");
  large = await copyTemplate("seeded");
  const db = createPrismaClient(large.url);
  try {
    await generateDataset(db, { projects: 10_000 });
  } finally {
    await db.$disconnect();
  }
}, 120_000);
afterAll(async () => {
  await small?.drop();
  await large?.drop();
});

const projectsIn = (data: any) => data.places.nodes.reduce((n: number, p: any) => n + p.projects.nodes.length, 0);

test("the deepest documented query sends no more statements for 3,000 projects than for 8", async () => {
  const a = await countStatements(small.url, DEEP_QUERY);
  const b = await countStatements(large.url, DEEP_QUERY);
  expect(projectsIn(a.data)).toBe(8);
  expect(projectsIn(b.data)).toBeGreaterThan(3000);
  console.log(`deep query: ${a.statements.length} statements for ${projectsIn(a.data)} projects, ${b.statements.length} for ${projectsIn(b.data)}`);
  // No more, but for one batch. Loads asked for in different turns go out as different statements, and
  // which turn a load falls in depends on timing: on SQLite a large request lets the event loop turn
  // between statements (src/adapter.ts), and pages whose rows are all new resolve without waiting a turn
  // (Repository.primed). So either request may send a late load (the participants' organizations, say)
  // with an earlier batch or on its own: 15 or 16 statements for the same shape. A read per item would
  // be thousands here.
  expect(b.statements.length).toBeLessThanOrEqual(a.statements.length + 1);
  // What the allowance cannot hide: a statement the small request does not send. Each text the large one
  // sends, the small one sends too, and no text goes out more than once more than it does there.
  // One key is read by equality and several by a list (Repository.rowsWhereIn): the same read either way.
  const kind = (sql: string) => sql.replace(/ = ANY\(\?\)| IN \(SELECT value FROM json_each\(\?\)\)/g, " = ?");
  const texts = (statements: { query: string }[]) => statements.reduce((m, s) => m.set(kind(s.query), (m.get(kind(s.query)) ?? 0) + 1), new Map<string, number>());
  const sentForFew = texts(a.statements);
  for (const [text, times] of texts(b.statements)) {
    expect({ text, sentForFew: sentForFew.has(text) }).toEqual({ text, sentForFew: true });
    expect(times).toBeLessThanOrEqual(sentForFew.get(text)! + 1);
  }
  expect(texts(b.statements).size).toBe(sentForFew.size);
}, 120_000);

test("a project looked up with its place and investment is one statement, as is the lookup alone", async () => {
  // Fewer statements is the point here: the lookup joins the place and the investment figure it is asked for (was 3).
  const query = `{ project(slug: "tianan-sci-tech-city") { name place { name } investment { value } } }`;
  const joined = await countStatements(small.url, query);
  expect(joined.data.project).toEqual({ name: "青岛天安科创城", place: { name: "城阳区" }, investment: { value: 7_500_000_000 } });
  expect(joined.statements).toHaveLength(1);
  expect((await countStatements(small.url, `{ project(slug: "tianan-sci-tech-city") { name } }`)).statements).toHaveLength(1);
  // The place's own relations read after it, one statement per level as before.
  expect((await countStatements(small.url, `{ project(slug: "tianan-sci-tech-city") { place { name parent { name } } } }`)).statements).toHaveLength(2);
}, 120_000);

test("linked lists read each link table together with the rows it links to: projects with their organizations and events are three statements", async () => {
  const query = `{ projects(first: 100) { nodes { name organizations { edges { role node { name } } } events { nodes { name } } } } }`;
  const a = await countStatements(small.url, query);
  const b = await countStatements(large.url, query);
  // The page of projects, ProjectOrganization with Organization, EventProject with Event.
  expect(a.statements).toHaveLength(3);
  expect(b.statements).toHaveLength(3);
  const tianan = a.data.projects.nodes.find((p: { name: string }) => p.name === "青岛天安科创城");
  expect(tianan.organizations.edges).toEqual([{ role: expect.any(String), node: { name: "天安数码城集团" } }]);
  // A filter on the linked organizations reads the links, then the organizations they point at.
  const filtered = await countStatements(small.url, `{ projects(first: 100) { nodes { organizations(where: { name: { contains: "天安" } }) { nodes { name } } } } }`);
  const named = (project: any) => project.organizations.nodes.map((o: { name: string }) => o.name);
  const linkedNames = a.data.projects.nodes.map((p: any) => p.organizations.edges.map((e: any) => e.node.name).filter((n: string) => n.includes("天安")));
  expect(filtered.data.projects.nodes.map(named)).toEqual(linkedNames);
  expect(linkedNames.flat()).toContain("天安数码城集团");
  expect(filtered.statements.length).toBeLessThanOrEqual(3);
}, 120_000);

test.each([
  ["search", `{ search(query: "园", types: [PROJECT], first: 100) { totalCount nodes { id ... on Project { name place { name } } } } }`],
  ["investment by place", `{ investmentByPlace(rollup: true) { place { name parent { name } } investment { sum } } }`],
  [
    "a filtered, ordered list with relations and an aggregate",
    `{ projects(first: 100, where: { investment: { gte: 1000000000 } }, orderBy: [{ field: INVESTMENT, direction: DESC }]) {
        nodes { place { name } organizations { nodes { name } } } investment { sum } } }`,
  ],
  ["projects with their investment", `{ projects(first: 100) { nodes { name investment { value } } } }`],
  ["figure groups", `{ figures(where: { metric: { equals: INVESTMENT } }) { groups(by: PLACE, rollup: true) { place { name } aggregate { sum } } } }`],
  ["investment totals of linked lists", `{ organizations(first: 100) { nodes { name projects(first: 1) { totalCount investment { count sum } } } } }`],
])("%s sends a fixed number of statements", async (_name, query) => {
  const a = await countStatements(small.url, query);
  const b = await countStatements(large.url, query);
  expect(b.statements.length).toBe(a.statements.length);
}, 120_000);
