import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { projectRoot } from "../src/adapter";
import { type Db, createPrismaClient } from "../src/db";
import { readDatasetJson } from "../src/seed/dataset";
import { type SeedReport, SeedWriteError, isEmpty, seedDatabase } from "../src/seed/seed";
import { readDataVersion } from "../src/services/data-version";
import { type TestDatabase, copyTemplate, provider } from "./support/databases";

const MODELS = [
  "article", "articleReporter", "place", "organization", "organizationAlias", "person", "position", "event",
  "project", "projectOrganization", "eventProject", "projectPerson", "projectCandidatePlace", "technology", "trainingPlacement",
  "participation", "quote", "figure", "figurePart",
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
  return { db, url: database.url };
}
afterAll(async () => {
  for (const { db, database } of open) {
    await db.$disconnect();
    await database.drop();
  }
});

/** The entities a report names, with only the lists that are not empty. */
function changesOf(report: SeedReport) {
  return Object.fromEntries(
    report.entities
      .filter((e) => e.added.length + e.changed.length + e.removed.length > 0)
      .map(({ entity, added, changed, removed }) => [
        entity,
        Object.fromEntries(Object.entries({ added, changed, removed }).filter(([, list]) => list.length > 0)),
      ]),
  );
}

const ADDED_TO_EMPTY = {
  places: 18, organizations: 15, aliases: 6, people: 13, positions: 12, article: 1, reporters: 3, events: 12, projects: 8,
  "project organizations": 4, "project events": 3, "project people": 2, "candidate places": 4, technologies: 1, placements: 3,
  participations: 13, quotes: 13, figures: 22, "figure parts": 18,
};

test("seeding an empty database adds every record, reports it per entity, and a second run changes nothing and says so", async () => {
  const { db } = await database("empty");
  expect(await isEmpty(db)).toBe(true);
  const first = await seedDatabase(db);
  expect(first.changed).toBe(true);
  expect(Object.fromEntries(first.entities.map((e) => [e.entity, e.added.length]))).toEqual(ADDED_TO_EMPTY);
  expect(first.entities.every((e) => e.changed.length === 0 && e.removed.length === 0)).toBe(true);
  expect(first.records).toBe(Object.values(ADDED_TO_EMPTY).reduce((a, b) => a + b, 0));
  expect(await db.place.count()).toBe(18);
  expect(await isEmpty(db)).toBe(false);
  const before = await snapshot(db);
  const second = await seedDatabase(db);
  expect(second.changed).toBe(false);
  expect(changesOf(second)).toEqual({});
  expect(await snapshot(db)).toBe(before);
});

test("a seed that fails half-way through an empty database leaves it empty", async () => {
  const { db } = await database("empty");
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
  const { db } = await database("seeded");
  const before = await snapshot(db);
  const changed = readDatasetJson() as any;
  changed.places.find((p: any) => p.slug === "chengyang").description = "changed by a failing seed";
  changed.quotes.pop();
  changed.figures.find((f: any) => f.slug === "chengyang-signed-projects").label = "changed by a failing seed";
  await failWritesTo(db, "Figure", "UPDATE");
  const error = await seedDatabase(db, changed).catch((e) => e);
  expect(error).toBeInstanceOf(SeedWriteError);
  expect(error.message).toContain('figure "chengyang-signed-projects"');
  expect(await snapshot(db)).toBe(before);
});

test("a changed dataset updates only what changed, removes what left it, and reports each record", async () => {
  const { db } = await database("seeded");
  const chengyang = await db.place.findUniqueOrThrow({ where: { slug: "chengyang" } });
  const untouched = await db.figure.findUniqueOrThrow({ where: { slug: "chengyang-planned-investment" } });
  const changed = readDatasetJson() as any;
  changed.places.find((p: any) => p.slug === "chengyang").description = "青岛市城阳区";
  changed.quotes = changed.quotes.filter((q: any) => q.slug !== "lede-investing-in-qingdao");
  changed.organizations.find((o: any) => o.slug === "tianan").aliases.push({
    alias: "深企天安数码城集团",
    source: { start: 1767, end: 1796, excerpt: "深企天安数码城集团是国内领先的创新企业生态圈的开发及运营商" },
  });
  const report = await seedDatabase(db, changed);
  expect(changesOf(report)).toEqual({
    places: { changed: [{ record: "chengyang", columns: ["description"] }] },
    aliases: { added: ["tianan 深企天安数码城集团"] },
    quotes: { removed: ["lede-investing-in-qingdao"] },
  });
  expect(await db.place.findUniqueOrThrow({ where: { slug: "chengyang" } })).toEqual({ ...chengyang, description: "青岛市城阳区" });
  expect(await db.figure.findUniqueOrThrow({ where: { slug: "chengyang-planned-investment" } })).toEqual(untouched);
  expect(await db.quote.findUnique({ where: { slug: "lede-investing-in-qingdao" } })).toBeNull();
  expect(await db.quote.count()).toBe(12);
});

test("a dry run reports what a seed would change and writes nothing", async () => {
  const { db } = await database("seeded");
  const before = await snapshot(db);
  const changed = readDatasetJson() as any;
  changed.figures.find((f: any) => f.slug === "chengyang-planned-investment").parts.pop();
  changed.people.find((p: any) => p.slug === "han-xihong").description = "青岛第三批赴深圳体悟实训干部";
  const dry = await seedDatabase(db, changed, undefined, { dryRun: true });
  expect(dry.dryRun).toBe(true);
  expect(changesOf(dry)).toEqual({
    people: { changed: [{ record: "han-xihong", columns: ["description"] }] },
    "figure parts": { removed: ["chengyang-planned-investment project:tianan-sci-tech-city"] },
  });
  expect(await snapshot(db)).toBe(before);
  const real = await seedDatabase(db, changed);
  expect(real.entities).toEqual(dry.entities);
  expect(await snapshot(db)).not.toBe(before);
});

test("the data version moves when a seed changes a new column or a containment, and not when it changes nothing", async () => {
  const { db } = await database("seeded");
  const v0 = BigInt(await readDataVersion(db));
  await seedDatabase(db);
  expect(BigInt(await readDataVersion(db))).toBe(v0);
  const changed = readDatasetJson() as any;
  changed.organizations.find((o: any) => o.slug === "cosmoplat").parentInferred = false;
  const v1 = (await seedDatabase(db, changed), BigInt(await readDataVersion(db)));
  expect(v1).toBeGreaterThan(v0);
  changed.figures.find((f: any) => f.slug === "chengyang-planned-investment").parts[5].note = "changed by a test";
  await seedDatabase(db, changed);
  expect(BigInt(await readDataVersion(db))).toBeGreaterThan(v1);
});

describe("npm run seed (the CLI)", () => {
  const run = promisify(execFile);
  const cli = (url: string, ...args: string[]) =>
    run(process.execPath, [path.join(projectRoot, "dist", "src", "seed", "cli.js"), ...args], { cwd: projectRoot, env: { ...process.env, DATABASE_URL: url } }).then(
      (r) => ({ code: 0, ...r }),
      (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
    );

  test("on a database that holds the dataset it prints that nothing changed, with and without --dry-run", async () => {
    const { url } = await database("seeded");
    for (const args of [["--dry-run"], []]) {
      const { code, stdout } = await cli(url, ...args);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Nothing changed: the database already holds the dataset \(\d+ records\)\./m);
    }
  }, 60_000);

  test("--dry-run prints the changes per entity and writes nothing; the real run writes them; the next finds nothing", async () => {
    const { db, url } = await database("seeded");
    await db.place.update({ where: { slug: "pingdu" }, data: { name: "平度市" } });
    await db.quote.delete({ where: { slug: "huang-bei-qingdao-story" } });
    const before = await snapshot(db);
    const dry = await cli(url, "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("Dry run: nothing was written. Seeding would make these changes:");
    expect(dry.stdout).toMatch(/^ {2}places +0 added, 1 changed, 0 removed\n {6}~ pingdu \(name\)$/m);
    expect(dry.stdout).toMatch(/^ {2}quotes +1 added, 0 changed, 0 removed\n {6}\+ huang-bei-qingdao-story$/m);
    expect(await snapshot(db)).toBe(before);
    const real = await cli(url);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain("Seeded the dataset:");
    expect(real.stdout).toMatch(/^ {2}places +0 added, 1 changed, 0 removed$/m);
    expect((await db.place.findUniqueOrThrow({ where: { slug: "pingdu" } })).name).toBe("平度");
    expect(await db.quote.findUnique({ where: { slug: "huang-bei-qingdao-story" } })).not.toBeNull();
    expect((await cli(url)).stdout).toMatch(/^Nothing changed/m);
  }, 90_000);

  test("--dry-run refuses a database with a pending migration rather than migrate it", async () => {
    const { db, url } = await database("seeded");
    await db.$executeRawUnsafe(`DELETE FROM "_prisma_migrations" WHERE "migration_name" = '20260104000000_truer_data'`);
    const { code, stderr } = await cli(url, "--dry-run");
    expect(code).toBe(1);
    expect(stderr).toContain("the database has 1 pending migration(s) (20260104000000_truer_data); a dry run writes nothing");
  }, 60_000);
});
