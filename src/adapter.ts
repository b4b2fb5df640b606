import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { TimeoutError } from "./errors";
import type { StopSignal } from "./request-stop";

// Kept apart so that the cluster primary reads its configuration without loading the database drivers.
export { type Provider, databaseUrl, defaultDatabaseUrl, projectRoot, providerOf } from "./database-url";
import { type Provider, databaseUrl, projectRoot, providerOf } from "./database-url";

/**
 * The request a statement is sent for, so that statements of a request that
 * has stopped (deadline passed, client gone) are refused. The service's own
 * prepared reads are handed it explicitly (src/services/sql.ts); Prisma's
 * calls carry it to the driver adapter, the one place their statements pass,
 * through AsyncLocalStorage, entered only around each Prisma call
 * (inStatementScope). Work outside a request has no scope.
 */
export interface StatementScope {
  signal: StopSignal;
  /** performance.now() past which the request may send no statement. */
  deadline: number;
  /** Stops the request for its deadline (aborts `signal` with TIMEOUT). */
  expire(): void;
}

export const statementScope = new AsyncLocalStorage<StatementScope>();

/** A request's scope, filled in when its operation starts executing (src/plugins/use-deadline.ts). */
export interface StatementScopeRef {
  current?: StatementScope;
}

/** Prisma calls in flight inside inStatementScope; at 0 the storage is disabled again. */
let scopedCalls = 0;

function leaveScope(): void {
  if (--scopedCalls === 0) statementScope.disable();
}

/**
 * Starts a Prisma call (`start` must send it: a PrismaPromise runs only once
 * `then` is called) inside the request's scope, for the driver adapter. On
 * Node 20 an entered AsyncLocalStorage turns on promise hooks for every
 * promise in the process, and they stay on until the storage is disabled:
 * entering it once per request cost the deep query about 15% of its CPU even
 * where no Prisma call ran. So the storage is entered only here and disabled
 * again when no Prisma call is in flight; requests served by prepared SQL
 * alone never turn the hooks on.
 */
export function inStatementScope<T>(scope: StatementScope | undefined, start: () => PromiseLike<T>): Promise<T> {
  if (!scope) return Promise.resolve(start());
  scopedCalls++;
  let call: Promise<T>;
  try {
    call = statementScope.run(scope, () => Promise.resolve(start().then()));
  } catch (error) {
    leaveScope();
    throw error;
  }
  return call.finally(leaveScope);
}

/**
 * How long a request may hold the event loop (from the first statement sent
 * in the current turn) before its next statement waits for the loop to turn.
 */
export const YIELD_AFTER_MS = 5;

/** The threshold in use; bench/concurrency.ts sets it to Infinity (never wait) and back to measure the wait's cost. */
export const statementYield = { afterMs: YIELD_AFTER_MS };

/** performance.now() of the first statement checked in the current event-loop turn. */
let turnStartedAt: number | undefined;
/** One pending yield, shared by every statement that asks in the same turn. */
let pendingYield: Promise<void> | undefined;

function turnStart(now: number): number {
  if (turnStartedAt === undefined) {
    turnStartedAt = now;
    setImmediate(() => (turnStartedAt = undefined));
  }
  return turnStartedAt;
}

/**
 * Lets the event loop turn (I/O, timers, other requests) before the caller
 * goes on. Every statement that waits in the same turn waits for the same
 * setImmediate, so they resume together, in the order they asked, and
 * DataLoader batches them as it would have without the wait.
 */
function yieldToEventLoop(): Promise<void> {
  return (pendingYield ??= new Promise((resolve) =>
    setImmediate(() => {
      pendingYield = undefined;
      turnStartedAt = undefined;
      resolve();
    }),
  ));
}

function checkScope(scope: StatementScope): void {
  if (!scope.signal.aborted && performance.now() >= scope.deadline) scope.expire();
  if (scope.signal.aborted) throw scope.signal.reason;
}

/**
 * Runs before every statement of a request: refuses it once the request has
 * stopped. The deadline is read from the clock here, not only left to a
 * timer. better-sqlite3 runs statements synchronously and Prisma's promises
 * around them never wait for I/O, so on SQLite a request would go from its
 * first statement to its last without the event loop turning: no timer, no
 * other request (not even `{ __typename }`), no client disconnect and no
 * health check would be served meanwhile. So once a turn has held the loop
 * for YIELD_AFTER_MS, the next statement first waits for the loop to turn
 * (setImmediate), and the request's scope is checked again after the wait,
 * when a disconnect or the deadline timer may have stopped it. On PostgreSQL
 * each statement waits for the socket, so the loop turns anyway and the wait
 * is never needed. Returns undefined (no promise, no microtask) when there is
 * nothing to wait for.
 */
function beforeStatement(scope: StatementScope | undefined): Promise<void> | undefined {
  if (!scope) return undefined;
  checkScope(scope);
  return laterTurn();
}

/**
 * A wait for the next turn of the event loop when the current one has held
 * it for the threshold already (undefined when it has not). Statements wait
 * here; so do heavy operations before they start (src/plugins/use-heavy-query-gate.ts).
 */
export function laterTurn(): Promise<void> | undefined {
  if (statementYield.afterMs === Infinity) return undefined;
  const now = performance.now();
  // The first statement of a turn always runs (so progress is made even when the threshold is 0).
  if (turnStartedAt === undefined) return void turnStart(now);
  return now - turnStartedAt < statementYield.afterMs ? undefined : yieldToEventLoop();
}

/**
 * Sends a statement once beforeStatement lets it. Statements that waited
 * resume together in the next turn, and each asks again right before it is
 * sent (in the same microtask, so the statements ahead of it have run): the
 * first to find the turn spent sends the rest to the turn after. A turn thus
 * holds the loop for the threshold plus at most one statement, however many
 * requests are waiting; five heavy requests resumed together would otherwise
 * run five long statements back to back. Exported for the service's own
 * prepared reads (src/services/sql.ts), which send through the same guard
 * and pass their request's scope; Prisma's statements find theirs in
 * statementScope (inStatementScope).
 */
export async function guarded<T>(send: () => Promise<T>, scope: StatementScope | undefined = statementScope.getStore()): Promise<T> {
  for (let wait = beforeStatement(scope); wait; wait = beforeStatement(scope)) await wait;
  return send();
}

/** The part of a driver adapter (and of its transactions) that sends statements. */
interface Statements {
  queryRaw(query: never): Promise<unknown>;
  executeRaw(query: never): Promise<number>;
}

function guardQueryable<Q extends Statements>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  const executeRaw = queryable.executeRaw.bind(queryable);
  return Object.assign(queryable, {
    queryRaw: (query: never) => guarded(() => queryRaw(query)),
    executeRaw: (query: never) => guarded(() => executeRaw(query)),
  });
}

/** Every statement of a connected adapter, its transactions' included, passes beforeStatement first. */
function guardStatements<A extends Statements & { startTransaction(isolationLevel?: never): Promise<Statements> }>(adapter: A): A {
  const startTransaction = adapter.startTransaction.bind(adapter);
  return Object.assign(guardQueryable(adapter), {
    startTransaction: async (isolationLevel?: never) => guardQueryable(await guarded(() => startTransaction(isolationLevel))),
  });
}

/**
 * Works around prisma/orm#27403: the Prisma pg adapter cannot map catalog
 * columns of PostgreSQL's `name` type (OID 19), which breaks `migrate deploy`,
 * nor of the one-byte `"char"` type (OID 18), which breaks `db push`.
 * Reporting both as `text` (OID 25) is lossless.
 */
const CATALOG_TEXT_OIDS = new Set([18, 19]);

function catalogColumnsAsText(res: pg.QueryResult): pg.QueryResult {
  for (const field of res?.fields ?? []) if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = 25;
  return res;
}

/** PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout or by a cancel request. */
const QUERY_CANCELED = "57014";

export class NameAsTextPool extends pg.Pool {
  /** Cancel requests in flight; past a few, statement_timeout is left to end the statements. */
  private cancelling = 0;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const signal = statementScope.getStore()?.signal;
    if (signal && typeof args[args.length - 1] !== "function") return this.queryFor(signal, args);
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result && typeof (result as Promise<unknown>).then === "function") return (result as Promise<pg.QueryResult>).then(catalogColumnsAsText);
    return result;
  }

  /**
   * A request's statement: when the request stops while it runs, the server
   * is asked to cancel it, so a deadline or a client that went away frees the
   * pool connection at once instead of when the statement ends. The connection
   * goes back to the pool only after the cancel request is answered, so the
   * cancel cannot land on another request's statement. Called directly by
   * the service's prepared reads, which know their request's signal.
   */
  async queryFor(signal: StopSignal, args: unknown[]): Promise<pg.QueryResult> {
    if (signal.aborted) throw signal.reason;
    const client = await this.connect();
    let cancelled: Promise<void> | undefined;
    const cancel = () => (cancelled = this.cancelBackend((client as unknown as { processID: number }).processID));
    let broken: Error | undefined;
    try {
      if (signal.aborted) throw signal.reason;
      signal.addEventListener("abort", cancel, { once: true });
      return catalogColumnsAsText(await (client.query as (...a: unknown[]) => Promise<pg.QueryResult>)(...args));
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const code = (error as { code?: unknown }).code;
      if (code === QUERY_CANCELED) throw new TimeoutError(Number(this.options.statement_timeout), `A database statement ran longer than ${this.options.statement_timeout} ms and was stopped`);
      // A statement error leaves the connection usable; anything else (a broken socket) does not.
      if (!(typeof code === "string" && /^[0-9A-Z]{5}$/.test(code))) broken = error as Error;
      throw error;
    } finally {
      signal.removeEventListener("abort", cancel);
      await cancelled;
      client.release(broken);
    }
  }

  private async cancelBackend(processID: number): Promise<void> {
    if (this.cancelling >= 2) return;
    this.cancelling++;
    const canceller = new pg.Client({ ...this.options, statement_timeout: undefined, connectionTimeoutMillis: 2000 });
    try {
      await canceller.connect();
      await canceller.query("SELECT pg_cancel_backend($1)", [processID]);
    } catch {
      // statement_timeout still ends the statement.
    } finally {
      this.cancelling--;
      await canceller.end().catch(() => undefined);
    }
  }
}

/**
 * PrismaPg's executeScript (used by `migrate deploy`) splits a migration on
 * every ";", which cuts dollar-quoted PL/pgSQL bodies apart. PostgreSQL runs a
 * multi-statement string itself, as one implicit transaction, so send it whole.
 */
class PrismaPgWholeScripts extends PrismaPg {
  /**
   * The pool Prisma sends statements through, for the service's own prepared
   * reads (src/services/sql.ts): they go through the same NameAsTextPool, so
   * the same deadline and cancellation as Prisma's statements.
   */
  constructor(
    readonly pool: NameAsTextPool,
    options?: { schema?: string },
  ) {
    super(pool, options);
  }

  override async connect() {
    const adapter = guardStatements(await super.connect());
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
  /**
   * The better-sqlite3 connection of the latest connect(): the service's own
   * prepared reads (src/services/sql.ts) use the connection Prisma uses, and
   * pass the same guard (`guarded`). A new one after $disconnect/$connect.
   */
  connection?: Database.Database;

  override async connect() {
    const connected = await super.connect();
    this.connection = (connected as unknown as { client: Database.Database }).client;
    const adapter = guardStatements(connected);
    const info = adapter.getConnectionInfo?.() ?? { supportsRelationJoins: false };
    return Object.assign(adapter, { getConnectionInfo: () => ({ ...info, maxBindValues: SQLITE_MAX_BIND_VALUES }) });
  }
}

/**
 * A driver adapter factory for DATABASE_URL: the service, the seed and the
 * Prisma CLI all use this. The CLI passes a short idle timeout so that its
 * runs end as soon as their work is done instead of holding idle connections,
 * and no statement timeout, so that a long migration is not cut off.
 */
export function createAdapter(url: string = databaseUrl(), options: { idleTimeoutMillis?: number; statementTimeoutMs?: number } = {}) {
  if (providerOf(url) === "postgresql") {
    const statementTimeout = options.statementTimeoutMs ?? Number(process.env.PG_STATEMENT_TIMEOUT_MS?.trim() || 5000);
    const pool = new NameAsTextPool({
      connectionString: url,
      max: Number(process.env.PG_POOL_MAX ?? 10),
      idleTimeoutMillis: options.idleTimeoutMillis ?? 10_000,
      // Sent when each connection starts, so no statement on it runs longer (0: no limit).
      statement_timeout: statementTimeout > 0 ? statementTimeout : undefined,
    });
    // An idle connection can be closed by the server (restart, DROP DATABASE … FORCE);
    // pg reports that on the pool, and an unheard 'error' event would end the process.
    pool.on("error", (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
    const schema = new URL(url).searchParams.get("schema") ?? undefined;
    return new PrismaPgWholeScripts(pool, schema ? { schema } : undefined);
  }
  const file = url.slice("file:".length);
  const resolved = path.isAbsolute(file) ? file : path.resolve(projectRoot, file);
  fs.mkdirSync(path.dirname(resolved), { recursive: true });
  return new PrismaBetterSQLite3FullBinds({ url: `file:${resolved}` });
}

