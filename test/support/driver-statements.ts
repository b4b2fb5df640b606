import Database from "better-sqlite3";
import pg from "pg";

export interface DriverStatements {
  /** performance.now() when each statement reached the database driver, in order. */
  readonly starts: number[];
  /** Called as each statement starts, with how many have started. */
  onStart?: (count: number) => void;
  stop(): void;
}

/**
 * Counts statements where they reach the drivers (better-sqlite3 prepares
 * each one; pg sends each through Client.query), below Prisma and below the
 * service's own statement guard, so a test can see every statement that was
 * really sent and when.
 */
export function recordDriverStatements(): DriverStatements {
  const prepare = Database.prototype.prepare;
  const query = pg.Client.prototype.query;
  const record: DriverStatements = {
    starts: [],
    stop() {
      Database.prototype.prepare = prepare;
      pg.Client.prototype.query = query;
    },
  };
  const started = (sql: unknown) => {
    // The service's own cancel requests are not statements of the request.
    if (typeof sql === "string" && sql.includes("pg_cancel_backend")) return;
    record.starts.push(performance.now());
    record.onStart?.(record.starts.length);
  };
  Database.prototype.prepare = function (this: Database.Database, source: string) {
    started(source);
    return prepare.call(this, source);
  } as typeof prepare;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string };
    started(typeof config === "string" ? config : config?.text);
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  return record;
}
