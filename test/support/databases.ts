import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { projectRoot } from "../../src/adapter";

/**
 * Every test file gets its own database, copied from templates that
 * global-setup migrates (with the real `prisma migrate deploy`) and seeds once:
 * a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL.
 * TEST_PROVIDER=postgresql runs the suite on PostgreSQL.
 */
export const provider = process.env.TEST_PROVIDER === "postgresql" ? "postgresql" : "sqlite";
const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const tmpDir = path.join(projectRoot, "data", "test");
/**
 * Database names carry a digest of the checkout's path, so test runs of two
 * checkouts (git worktrees) on one PostgreSQL server never drop each other's.
 */
const prefix = `qg_${crypto.createHash("sha256").update(projectRoot).digest("hex").slice(0, 6)}`;

export type Template = "empty" | "seeded";

function templateName(template: Template): string {
  return `${prefix}_template_${template}`;
}

function urlFor(name: string): string {
  if (provider === "sqlite") return `file:${path.join(tmpDir, `${name}.db`)}`;
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Applies the committed migrations with the Prisma CLI, as `npm start` does. */
export function migrate(url: string): void {
  execFileSync(path.join(projectRoot, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
}

/** A new, empty database (not migrated) and its URL. */
export async function createBlankDatabase(name: string): Promise<string> {
  if (provider === "sqlite") {
    fs.mkdirSync(tmpDir, { recursive: true });
    fs.rmSync(urlFor(name).slice(5), { force: true });
    return urlFor(name);
  }
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  return urlFor(name);
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Copies a database: a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL. */
async function copyDatabase(from: string, to: string): Promise<void> {
  if (provider === "sqlite") {
    fs.copyFileSync(urlFor(from).slice(5), urlFor(to).slice(5));
    return;
  }
  // PostgreSQL copies a template for one session at a time: other test files wait their turn.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`CREATE DATABASE "${to}" TEMPLATE "${from}"`));
      return;
    } catch (error) {
      if (attempt >= 200 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
    }
  }
}

/** A private copy of a template database for one test file. */
export async function copyTemplate(template: Template): Promise<TestDatabase> {
  const name = `${prefix}_test_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  await copyDatabase(templateName(template), name);
  const url = urlFor(name);
  if (provider === "sqlite") return { url, drop: async () => fs.rmSync(url.slice(5), { force: true }) };
  return { url, drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined) };
}

/**
 * Migrates the empty template with the real `prisma migrate deploy` and
 * derives the seeded one from it, so the CLI runs once per test run.
 */
export async function prepareTemplates(seed: (url: string) => Promise<void>): Promise<void> {
  const empty = templateName("empty");
  const seeded = templateName("seeded");
  migrate(await createBlankDatabase(empty));
  if (provider === "postgresql") await admin((c) => c.query(`DROP DATABASE IF EXISTS "${seeded}" WITH (FORCE)`));
  await copyDatabase(empty, seeded);
  await seed(urlFor(seeded));
}

/** Drops test databases left behind by runs that were killed. */
export async function dropStaleDatabases(): Promise<void> {
  if (provider === "sqlite") {
    fs.rmSync(tmpDir, { recursive: true, force: true });
    return;
  }
  await admin(async (c) => {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${prefix}_test_%`]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
