// Fails when the committed migrations of either provider drift from the
// models in prisma/schema.prisma. `prisma migrate diff --from-migrations`
// needs a shadow database, which the WebAssembly schema engine cannot open
// through a driver adapter. So, per provider, one scratch database gets the
// committed migrations (`prisma migrate deploy`), another gets the SQL that
// `prisma migrate diff --from-empty --to-schema-datamodel` derives from the
// models, and their catalogs (columns, indexes, constraints, enums) must match.
// The search index (SearchIndex on SQLite, SearchDocument on PostgreSQL) is
// written by hand in the migrations (scripts/search-sql.mjs), not modelled.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

const prisma = path.resolve("node_modules/.bin/prisma");
const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

execFileSync(process.execPath, ["scripts/prisma-schemas.mjs", "--check"], { stdio: "inherit" });

const cli = (args, url) =>
  execFileSync(prisma, args, { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "pipe"] }).toString();

function sqliteCatalog(file) {
  const db = new Database(file, { readonly: true });
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('_prisma_migrations', 'sqlite_sequence') AND name NOT LIKE 'SearchIndex%' ORDER BY name")
    .all()
    .map((t) => t.name);
  const catalog = {};
  for (const t of tables) {
    catalog[t] = {
      // Column order differs when a migration adds columns (ALTER TABLE … ADD COLUMN): compare by name.
      columns: db.prepare(`PRAGMA table_info("${t}")`).all().map(({ cid, ...c }) => c).sort((a, b) => a.name.localeCompare(b.name)),
      foreignKeys: db.prepare(`PRAGMA foreign_key_list("${t}")`).all().map(({ id, seq, ...fk }) => fk),
      indexes: db
        .prepare(`PRAGMA index_list("${t}")`)
        .all()
        .map(({ seq, ...ix }) => ({ ...ix, columns: db.prepare(`PRAGMA index_info("${ix.name}")`).all().map((c) => c.name) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  }
  db.close();
  return catalog;
}

async function postgresCatalog(client) {
  const q = async (sql) => (await client.query(sql)).rows;
  return {
    columns: await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default FROM information_schema.columns
                      WHERE table_schema = 'public' AND table_name NOT IN ('_prisma_migrations', 'SearchDocument') ORDER BY table_name, column_name`),
    indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'SearchDocument') ORDER BY indexname`),
    constraints: await q(`SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
                          WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT IN ('_prisma_migrations', '"_prisma_migrations"', '"SearchDocument"') ORDER BY conname`),
    enums: await q(`SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY t.typname, e.enumsortorder`),
  };
}

function report(provider, fromMigrations, fromModels) {
  const a = JSON.stringify(fromMigrations, null, 1);
  const b = JSON.stringify(fromModels, null, 1);
  if (a === b) return true;
  const la = a.split("\n");
  const lb = b.split("\n");
  const i = la.findIndex((line, n) => line !== lb[n]);
  console.error(`${provider}: the committed migrations drift from prisma/schema.prisma. First difference near:`);
  console.error(`  migrations: ${la.slice(Math.max(0, i - 3), i + 3).join(" ")}`);
  console.error(`  models:     ${lb.slice(Math.max(0, i - 3), i + 3).join(" ")}`);
  console.error("Write a migration: see README.md, 'Changing the models'.");
  return false;
}

let ok = true;

// SQLite
{
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qg-drift-"));
  const migrated = path.join(dir, "migrated.db");
  const modelled = path.join(dir, "modelled.db");
  cli(["migrate", "deploy", "--schema", "prisma/schema.prisma"], `file:${migrated}`);
  const sql = cli(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], `file:${modelled}`);
  const db = new Database(modelled);
  db.exec(sql);
  db.close();
  ok = report("SQLite", sqliteCatalog(migrated), sqliteCatalog(modelled)) && ok;
  fs.rmSync(dir, { recursive: true, force: true });
}

// PostgreSQL
{
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  const names = [`qg_drift_migrated_${process.pid}`, `qg_drift_modelled_${process.pid}`];
  const urls = names.map((name) => Object.assign(new URL(postgresAdminUrl), { pathname: `/${name}` }).toString());
  for (const name of names) {
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
  }
  try {
    cli(["migrate", "deploy", "--schema", "prisma/postgresql/schema.prisma"], urls[0]);
    const sql = cli(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/postgresql/schema.prisma", "--script"], urls[1]);
    const catalogs = [];
    for (const [i, url] of urls.entries()) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      if (i === 1) await client.query(sql);
      catalogs.push(await postgresCatalog(client));
      await client.end();
    }
    ok = report("PostgreSQL", catalogs[0], catalogs[1]) && ok;
  } finally {
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

if (!ok) process.exit(1);
console.log("Migrations match the models on SQLite and PostgreSQL.");
