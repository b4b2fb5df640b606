import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { projectRoot, providerOf } from "./adapter";
import type { Db } from "./db";
import { isEmpty, seedDatabase } from "./seed/seed";

/** How long a replica waits for another one that is seeding the same database. */
const STARTUP_LOCK_TIMEOUT_MS = 180_000;

/**
 * Seeds an empty database exactly once however many replicas start at once:
 * "is it empty? then seed" runs under a lock that only one process holds, so
 * the others wait and then find the data there. Without it, two replicas
 * both saw an empty database, both started the seed transaction, and the one
 * that lost the write lock failed ("Operation has timed out") and exited 1.
 */
export async function seedIfEmpty(db: Db, url: string): Promise<"seeded" | "present"> {
  return withStartupLock(url, async () => {
    if (!(await isEmpty(db))) return "present";
    await seedDatabase(db);
    return "seeded";
  });
}

/**
 * PostgreSQL: a session advisory lock on a connection of its own (released by
 * the server if the process dies). SQLite: an exclusive transaction on a
 * sidecar file next to the database (released by the OS if the process dies);
 * it cannot be the database file itself, whose write lock the seed needs.
 */
async function withStartupLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  if (providerOf(url) === "postgresql") {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`SET lock_timeout = ${STARTUP_LOCK_TIMEOUT_MS}`);
      await client.query("SELECT pg_advisory_lock(hashtext('qingdao-graph start-up'))");
      return await work();
    } finally {
      await client.end();
    }
  }
  const file = url.slice("file:".length).split("?")[0];
  const lock = new Database(`${path.isAbsolute(file) ? file : path.resolve(projectRoot, file)}.startup-lock`, { timeout: STARTUP_LOCK_TIMEOUT_MS });
  try {
    lock.exec("BEGIN EXCLUSIVE");
    return await work();
  } finally {
    lock.close();
  }
}
