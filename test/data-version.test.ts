import { type Db, createPrismaClient } from "../src/db";
import { generateDataset } from "../src/seed/generate";
import { seedDatabase } from "../src/seed/seed";
import { readDataVersion } from "../src/services/data-version";
import { type TestDatabase, copyTemplate, provider } from "./support/databases";

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await copyTemplate("seeded");
  db = createPrismaClient(database.url);
});
afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

test("seeding the same dataset again leaves the data version as it was", async () => {
  const before = await readDataVersion(db);
  await seedDatabase(db);
  expect(await readDataVersion(db)).toBe(before);
});

test("a real change to any row moves the data version, and an update to the same value does not", async () => {
  const v0 = BigInt(await readDataVersion(db));
  await db.place.update({ where: { slug: "chengyang" }, data: { name: "城阳区" } });
  expect(BigInt(await readDataVersion(db))).toBe(v0);
  await db.place.update({ where: { slug: "chengyang" }, data: { description: "changed by a test" } });
  const v1 = BigInt(await readDataVersion(db));
  expect(v1).toBeGreaterThan(v0);
  await db.organizationAlias.deleteMany({ where: { alias: "no such alias" } });
  expect(BigInt(await readDataVersion(db))).toBe(v1);
});

test("the generator's inserts move the data version", async () => {
  const before = BigInt(await readDataVersion(db));
  await generateDataset(db, { projects: 50 });
  expect(BigInt(await readDataVersion(db))).toBeGreaterThan(before);
});

test("every data table has data version triggers for insert, update and delete", async () => {
  const rows: { table: string; trigger: string }[] =
    provider === "sqlite"
      ? await db.$queryRawUnsafe(`SELECT tbl_name AS "table", name AS "trigger" FROM sqlite_master WHERE type = 'trigger'`)
      : await db.$queryRawUnsafe(`SELECT event_object_table AS "table", trigger_name AS "trigger" FROM information_schema.triggers`);
  const tables: { name: string }[] =
    provider === "sqlite"
      ? await db.$queryRawUnsafe(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'SearchIndex%'`)
      : await db.$queryRawUnsafe(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`);
  const dataTables = tables.map((t) => t.name).filter((name) => !["_prisma_migrations", "ServiceState", "SearchDocument"].includes(name));
  expect(dataTables.length).toBeGreaterThanOrEqual(14);
  for (const table of dataTables) {
    const triggers = new Set(rows.filter((r) => r.table === table).map((r) => r.trigger));
    expect([table, ["insert", "update", "delete"].filter((op) => !triggers.has(`${table}_data_version_${op}`))]).toEqual([table, []]);
  }
});
