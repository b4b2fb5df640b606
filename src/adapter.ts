import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

export type Provider = "sqlite" | "postgresql";

/** The project root, whether running from src/ (tests, CLI config) or dist/src/. */
export const projectRoot = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../.." : "..");

export const defaultDatabaseUrl = `file:${path.join(projectRoot, "data", "qingdao-graph.db")}`;

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || defaultDatabaseUrl;
}

export function providerOf(url: string): Provider {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must be a file: (SQLite) or postgresql:// URL, got "${url.replace(/\/\/[^@]*@/, "//***@")}"`);
}

/**
 * Works around prisma/orm#27403: the Prisma pg adapter cannot map catalog
 * columns of PostgreSQL's `name` type (OID 19), which breaks `migrate deploy`,
 * nor of the one-byte `"char"` type (OID 18), which breaks `db push`.
 * Reporting both as `text` (OID 25) is lossless.
 */
const CATALOG_TEXT_OIDS = new Set([18, 19]);

export class NameAsTextPool extends pg.Pool {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result && typeof (result as Promise<unknown>).then === "function") {
      return (result as Promise<pg.QueryResult>).then((res) => {
        for (const field of res?.fields ?? []) if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = 25;
        return res;
      });
    }
    return result;
  }
}

/**
 * PrismaPg's executeScript (used by `migrate deploy`) splits a migration on
 * every ";", which cuts dollar-quoted PL/pgSQL bodies apart. PostgreSQL runs a
 * multi-statement string itself, as one implicit transaction, so send it whole.
 */
class PrismaPgWholeScripts extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const driver = adapter.underlyingDriver() as pg.Pool;
    adapter.executeScript = async (script: string) => {
      try {
        await driver.query(script);
      } catch (error) {
        (adapter as unknown as { onError(e: unknown): never }).onError(error);
      }
    };
    return adapter;
  }
}

/**
 * Prisma assumes SQLite's historical limit of 999 bound parameters unless the
 * adapter says otherwise, and then splits or refuses the large IN lists that
 * batched relation loading sends. better-sqlite3 bundles an SQLite whose
 * limit is 32766, the same as Prisma assumes for PostgreSQL.
 */
export const SQLITE_MAX_BIND_VALUES = 32766;

class PrismaBetterSQLite3FullBinds extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    const info = adapter.getConnectionInfo?.() ?? { supportsRelationJoins: false };
    return Object.assign(adapter, { getConnectionInfo: () => ({ ...info, maxBindValues: SQLITE_MAX_BIND_VALUES }) });
  }
}

/**
 * A driver adapter factory for DATABASE_URL: the service, the seed and the
 * Prisma CLI all use this. The CLI passes a short idle timeout so that its
 * runs end as soon as their work is done instead of holding idle connections.
 */
export function createAdapter(url: string = databaseUrl(), options: { idleTimeoutMillis?: number } = {}) {
  if (providerOf(url) === "postgresql") {
    const pool = new NameAsTextPool({
      connectionString: url,
      max: Number(process.env.PG_POOL_MAX ?? 10),
      idleTimeoutMillis: options.idleTimeoutMillis ?? 10_000,
    });
    // An idle connection can be closed by the server (restart, DROP DATABASE … FORCE);
    // pg reports that on the pool, and an unheard 'error' event would end the process.
    pool.on("error", (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
    const schema = new URL(url).searchParams.get("schema") ?? undefined;
    return Object.assign(new PrismaPgWholeScripts(pool, schema ? { schema } : undefined), { pool });
  }
  const file = url.slice("file:".length);
  const resolved = path.isAbsolute(file) ? file : path.resolve(projectRoot, file);
  fs.mkdirSync(path.dirname(resolved), { recursive: true });
  return new PrismaBetterSQLite3FullBinds({ url: `file:${resolved}` });
}

