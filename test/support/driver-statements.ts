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
 * Counts statements where they reach the drivers (better-sqlite3 runs each
 * one through a Statement; pg sends each through Client.query), below Prisma and below the
 * service's own statement guard, so a test can see every statement that was
 * really sent and when.
 */
export function recordDriverStatements(): DriverStatements {
  const query = pg.Client.prototype.query;
  const record: DriverStatements = {
    starts: [],
    stop() {
      Object.assign(statement, runs);
      pg.Client.prototype.query = query;
    },
  };
  const started = (sql: unknown) => {
    // The service's own cancel requests are not statements of the request.
    if (typeof sql === "string" && sql.includes("pg_cancel_backend")) return;
    record.starts.push(performance.now());
    record.onStart?.(record.starts.length);
  };
  // A statement starts when it is run, not when it is prepared: the service prepares its own reads once and reuses them.
  const statement = Object.getPrototypeOf(new Database(":memory:").prepare("SELECT 1")) as Record<"all" | "get" | "run" | "iterate", (...a: unknown[]) => unknown>;
  const runs = { all: statement.all, get: statement.get, run: statement.run, iterate: statement.iterate };
  for (const method of Object.keys(runs) as (keyof typeof runs)[]) {
    statement[method] = function (this: Database.Statement, ...args: unknown[]) {
      started(this.source);
      return runs[method].apply(this, args);
    };
  }
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string };
    started(typeof config === "string" ? config : config?.text);
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  return record;
}
