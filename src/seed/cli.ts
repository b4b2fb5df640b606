import "reflect-metadata";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { databaseUrl, projectRoot } from "../adapter";
import { type Db, createPrismaClient } from "../db";
import { formatSeedReport, seedDatabase } from "./seed";

const USAGE = `Usage: npm run seed [-- --dry-run]

Validates seed/dataset.json against seed/article.txt, applies pending
migrations, and makes DATABASE_URL hold the dataset: only records that differ
are written, in one transaction. Prints, per entity, the records added,
changed and removed ("Nothing changed" when the database already holds it).

  --dry-run   compare and print what would change; write nothing (no
              migrations either: a database with pending ones is refused)
  --help      this text`;

/** Migrations in the repository that the database has not finished applying. */
async function pendingMigrations(db: Db): Promise<string[]> {
  const folder = path.join(projectRoot, "prisma", ...(db.provider === "postgresql" ? ["postgresql"] : []), "migrations");
  const all = fs.readdirSync(folder).filter((name) => fs.existsSync(path.join(folder, name, "migration.sql")));
  let applied: string[] = [];
  try {
    const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(`SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL`);
    applied = rows.map((r) => r.migration_name);
  } catch {
    applied = [];
  }
  return all.filter((name) => !applied.includes(name));
}

/** `npm run seed`: validates seed/dataset.json against seed/article.txt and writes what differs, all or nothing. */
async function main() {
  const args = process.argv.slice(2);
  if (args.includes("--help")) {
    console.log(USAGE);
    return;
  }
  const unknown = args.filter((a) => a !== "--dry-run");
  if (unknown.length) throw new Error(`unknown argument ${unknown[0]}\n\n${USAGE}`);
  const dryRun = args.includes("--dry-run");
  const url = databaseUrl();
  if (!dryRun) {
    execFileSync(path.join(projectRoot, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { cwd: projectRoot, stdio: "inherit", env: { ...process.env, DATABASE_URL: url } });
  }
  const db = createPrismaClient(url);
  try {
    if (dryRun) {
      const pending = await pendingMigrations(db);
      if (pending.length) throw new Error(`the database has ${pending.length} pending migration(s) (${pending.join(", ")}); a dry run writes nothing, so run npm run migrate first`);
    }
    console.log(formatSeedReport(await seedDatabase(db, undefined, undefined, { dryRun })));
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
