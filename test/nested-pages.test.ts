import Database from "better-sqlite3";
import pg from "pg";
import { createPrismaClient } from "../src/db";
import { type TestDatabase, copyTemplate } from "./support/databases";
import { countStatements } from "./support/statements";

/**
 * A nested page costs the same whether its parent has 100, 10,000 or 100,000
 * children: the same statements, and the same number of rows read from the
 * database (the page and one more per parent, not every child). Counted, not
 * timed. Rows are counted where they leave the drivers.
 */
const SIZES = [100, 10_000, 100_000];
let database: TestDatabase;

beforeAll(async () => {
  database = await copyTemplate("seeded");
  // 100,000 rows in one statement (and its data-version triggers) take longer than the service's statement timeout.
  const timeout = process.env.PG_STATEMENT_TIMEOUT_MS;
  process.env.PG_STATEMENT_TIMEOUT_MS = "0";
  const db = createPrismaClient(database.url);
  if (timeout === undefined) delete process.env.PG_STATEMENT_TIMEOUT_MS;
  else process.env.PG_STATEMENT_TIMEOUT_MS = timeout;
  try {
    for (const size of SIZES) {
      const place = await db.place.create({ data: { slug: `nest-${size}`, name: `Nest ${size}`, kind: "DISTRICT", sourceStart: 0, sourceEnd: 0, sourceExcerpt: "" } });
      // One INSERT … SELECT per place: 110,100 rows through Prisma one by one would take minutes.
      const series =
        db.provider === "postgresql"
          ? `generate_series(1, ${size}) AS s(n)`
          : `(WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ${size}) SELECT n FROM s) AS s`;
      const concat = (a: string, b: string) => `${a} || ${b}`;
      await db.$executeRawUnsafe(
        `INSERT INTO "Project" ("slug", "name", "kind", "placeId", "investment", "sourceStart", "sourceEnd", "sourceExcerpt")
         SELECT ${concat(`'nest-${size}-'`, "CAST(n AS TEXT)")}, ${concat(`'Nested ${size} #'`, "CAST(n AS TEXT)")}, (SELECT "kind" FROM "Project" ORDER BY "id" LIMIT 1), ${place.id}, n * 1000, 0, 0, ''
         FROM ${series}`,
      );
    }
  } finally {
    await db.$disconnect();
  }
}, 300_000);
afterAll(async () => {
  await database?.drop();
});

/** Rows every statement sent during `work` returned, at the better-sqlite3 and pg drivers. */
async function rowsRead<T>(work: () => Promise<T>): Promise<{ result: T; rows: number }> {
  let rows = 0;
  const prepare = Database.prototype.prepare;
  const query = pg.Client.prototype.query;
  Database.prototype.prepare = function (this: Database.Database, source: string) {
    const statement = prepare.call(this, source);
    const all = statement.all;
    statement.all = function (this: typeof statement, ...args: unknown[]) {
      const result = (all as (...a: unknown[]) => unknown[]).apply(this, args);
      rows += result.length;
      return result;
    } as typeof all;
    return statement;
  } as typeof prepare;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const result = (query as (...a: unknown[]) => unknown).apply(this, args);
    if (result && typeof (result as Promise<pg.QueryResult>).then === "function") {
      return (result as Promise<pg.QueryResult>).then((r) => {
        rows += r?.rows?.length ?? 0;
        return r;
      });
    }
    return result;
  } as typeof query;
  try {
    return { result: await work(), rows };
  } finally {
    Database.prototype.prepare = prepare;
    pg.Client.prototype.query = query;
  }
}

const measure = async (query: string) => {
  const costs = [];
  for (const size of SIZES) {
    const { result, rows } = await rowsRead(() => countStatements(database.url, query.replace("$SIZE", String(size))));
    costs.push({ size, statements: result.statements.length, rows, data: result.data });
  }
  return costs;
};

test.each([
  ["the first page", `{ place(slug: "nest-$SIZE") { projects(first: 5) { nodes { name } pageInfo { hasNextPage } } } }`],
  ["the first page by a nullable sort key", `{ place(slug: "nest-$SIZE") { projects(first: 5, orderBy: [{ field: INVESTMENT, direction: DESC }]) { nodes { name } } } }`],
  ["the first page with its totalCount", `{ place(slug: "nest-$SIZE") { projects(first: 5) { totalCount nodes { name } } } }`],
])("%s under a parent with 100, 10,000 or 100,000 children: the same statements, the same rows read", async (_name, query) => {
  const costs = await measure(query);
  console.log(`${_name}: ${costs.map((c) => `${c.size} children: ${c.statements} statements, ${c.rows} rows`).join("; ")}`);
  for (const cost of costs) {
    expect(cost.statements).toBe(costs[0].statements);
    expect(cost.rows).toBe(costs[0].rows);
    const page = cost.data.place.projects;
    expect(page.nodes).toHaveLength(5);
    if ("totalCount" in page) expect(page.totalCount).toBe(cost.size);
  }
  // The page plus one, its rows, and a few rows of lookups: nowhere near the 100 children of the smallest parent.
  expect(costs[0].rows).toBeLessThan(40);
}, 300_000);

test("the page is the list's first rows in its order, with hasNextPage", async () => {
  const [, large] = await measure(`{ place(slug: "nest-$SIZE") { projects(first: 3, orderBy: [{ field: INVESTMENT, direction: DESC }]) { nodes { name } pageInfo { hasNextPage hasPreviousPage } } } }`);
  expect(large.data.place.projects).toEqual({
    nodes: [
      { name: "Nested 10000 #10000" },
      { name: "Nested 10000 #9999" },
      { name: "Nested 10000 #9998" },
    ],
    pageInfo: { hasNextPage: true, hasPreviousPage: false },
  });
}, 300_000);
