import { type Db, createPrismaClient } from "../src/db";
import { readDatasetJson } from "../src/seed/dataset";
import { SeedWriteError, isEmpty, seedDatabase } from "../src/seed/seed";
import { type TestDatabase, copyTemplate, provider } from "./support/databases";

const MODELS = [
  "article", "articleReporter", "place", "organization", "organizationAlias", "person", "position", "event",
  "project", "projectOrganization", "eventProject", "participation", "quote", "figure",
] as const;

/** Every row of every table, in id order: two equal snapshots mean nothing changed. */
async function snapshot(db: Db): Promise<string> {
  const tables: Record<string, unknown[]> = {};
  for (const model of MODELS) {
    tables[model] = await (db[model] as unknown as { findMany(a: object): Promise<unknown[]> }).findMany({ orderBy: { id: "asc" } });
  }
  return JSON.stringify(tables, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

/** A real trigger that makes the database refuse one kind of write, to fail a seed part-way. */
async function failWritesTo(db: Db, table: string, operation: "INSERT" | "UPDATE") {
  if (provider === "sqlite") {
    await db.$executeRawUnsafe(`CREATE TRIGGER fail_seed BEFORE ${operation} ON "${table}" BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
  } else {
    await db.$executeRawUnsafe(`CREATE FUNCTION fail_seed() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE TRIGGER fail_seed BEFORE ${operation} ON "${table}" FOR EACH ROW EXECUTE FUNCTION fail_seed()`);
  }
}

const open: { db: Db; database: TestDatabase }[] = [];
async function database(template: "empty" | "seeded") {
  const database = await copyTemplate(template);
  const db = createPrismaClient(database.url);
  open.push({ db, database });
  return db;
}
afterAll(async () => {
  for (const { db, database } of open) {
    await db.$disconnect();
    await database.drop();
  }
});

test("seeding an empty database fills every table, and a second run changes nothing", async () => {
  const db = await database("empty");
  expect(await isEmpty(db)).toBe(true);
  const summary = await seedDatabase(db);
  expect(summary).toEqual({
    article: 1, places: 17, organizations: 15, aliases: 7, people: 13, positions: 15, events: 12,
    projects: 9, participations: 13, quotes: 13, figures: 22,
  });
  expect(await db.place.count()).toBe(17);
  expect(await isEmpty(db)).toBe(false);
  const first = await snapshot(db);
  await seedDatabase(db);
  expect(await snapshot(db)).toBe(first);
});

test("a seed that fails half-way through an empty database leaves it empty", async () => {
  const db = await database("empty");
  await failWritesTo(db, "Quote", "INSERT");
  const error = await seedDatabase(db).catch((e) => e);
  expect(error).toBeInstanceOf(SeedWriteError);
  expect(error.message).toContain('quote "lede-investing-in-qingdao"');
  expect(error.message).toContain("rolled back");
  for (const model of MODELS) {
    expect(await (db[model] as unknown as { count(): Promise<number> }).count()).toBe(0);
  }
});

test("a seed that fails half-way through a seeded database leaves every row as it was", async () => {
  const db = await database("seeded");
  const before = await snapshot(db);
  const changed = readDatasetJson() as any;
  changed.places.find((p: any) => p.slug === "chengyang").description = "changed by a failing seed";
  changed.quotes.pop();
  await failWritesTo(db, "Figure", "UPDATE");
  const error = await seedDatabase(db, changed).catch((e) => e);
  expect(error).toBeInstanceOf(SeedWriteError);
  expect(error.message).toContain('figure "founding-conference-signed-projects"');
  expect(await snapshot(db)).toBe(before);
});

test("a changed dataset updates records in place and removes those that left it", async () => {
  const db = await database("seeded");
  const chengyang = await db.place.findUniqueOrThrow({ where: { slug: "chengyang" } });
  const changed = readDatasetJson() as any;
  changed.places.find((p: any) => p.slug === "chengyang").description = "青岛市城阳区";
  changed.quotes = changed.quotes.filter((q: any) => q.slug !== "lede-investing-in-qingdao");
  await seedDatabase(db, changed);
  expect(await db.place.findUniqueOrThrow({ where: { slug: "chengyang" } })).toEqual({ ...chengyang, description: "青岛市城阳区" });
  expect(await db.quote.findUnique({ where: { slug: "lede-investing-in-qingdao" } })).toBeNull();
  expect(await db.quote.count()).toBe(12);
});
