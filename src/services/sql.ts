import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import pg from "pg";
import { NameAsTextPool, type Provider, type StatementScopeRef, guarded } from "../adapter";
import type { Db } from "../db";
import type { StopSignal } from "../request-stop";
import type { ReadColumnsRef } from "./read-columns";
import { requestOf } from "./request-db";

/*
 * The service's own prepared reads, for the hot paths (lookups, relation
 * loaders, root lists). Prisma compiles a query plan in its wasm query
 * compiler for every call and its SQLite adapter prepares every statement
 * again; a lookup spent most of its time there. These statements are written
 * once as SQL, prepared once per text and reused, and sent through the driver
 * Prisma itself holds (better-sqlite3's connection, the pg pool), so they see
 * the same data, and every one of them passes the adapter's statement guard
 * (beforeStatement: the request's deadline, its client, SQLite's yield to
 * the event loop) and, on PostgreSQL, NameAsTextPool's cancellation.
 */

/** A statement as sent: the SQL with `?` placeholders and its parameters. */
export interface SentStatement {
  sql: string;
  params: readonly unknown[];
}

/** Distinct statement texts kept prepared per connection (SQLite) or named (PostgreSQL); least recently used go first. */
const MAX_PREPARED = 256;

const INT8_OID = 20;
/**
 * PostgreSQL result types as Prisma returns them: BIGINT as bigint (pg's
 * default is a string); everything else as pg parses it (int4 as number,
 * boolean as boolean, text and enums as strings).
 */
const PG_TYPES = {
  getTypeParser: (oid: number, format?: "text" | "binary") => (oid === INT8_OID ? (v: string) => BigInt(v) : pg.types.getTypeParser(oid, format as "text")),
};

interface SqlitePrepared {
  /** Returns rows as arrays (better-sqlite3's raw mode); `row` makes each one the object the service reads. */
  statement: Database.Statement;
  row: (values: unknown[]) => Record<string, unknown>;
}

/**
 * A function that makes a row object of one statement's value array, with
 * BIGINT columns as bigint (as Prisma returns them) and BOOLEAN columns as
 * booleans. better-sqlite3 builds row objects from C++, one property at a
 * time: 3.7 µs for a 16-column Project row, against 1.7–2.5 µs for its raw
 * array plus this object literal, whose shape V8 knows in advance (the deep
 * query reads some 10,000 rows). The code is made from the statement's
 * column names, which come from the schema and the service's own SQL, never
 * from a request.
 */
function rowMaker(columns: Database.ColumnDefinition[]): (values: unknown[]) => Record<string, unknown> {
  return objectMaker(
    "a",
    columns.map(({ name, type }, i) => {
      const declared = type?.toUpperCase();
      return [name, declared === "BIGINT" ? `a[${i}] === null ? null : BigInt(a[${i}])` : declared === "BOOLEAN" ? `a[${i}] === null ? null : a[${i}] === 1` : `a[${i}]`];
    }),
  );
}

/** A function of `parameter` returning an object literal of `properties` (name and the expression of its value). */
function objectMaker<P>(parameter: string, properties: [name: string, value: string][]): (argument: P) => Record<string, unknown> {
  return new Function(parameter, `return { ${properties.map(([name, value]) => `${JSON.stringify(name)}: ${value}`).join(", ")} };`) as (argument: P) => Record<string, unknown>;
}

/**
 * A function that copies `columns` of a row, read under `prefix` + column
 * (a joined table's "j0.name"), into an object of their own: the same fixed
 * shape for every row, where copying them by a loop over computed keys made
 * a lookup spend 7% of its time in that loop.
 */
export function columnPicker(columns: readonly string[], prefix = ""): (row: Record<string, unknown>) => Record<string, unknown> {
  return objectMaker("r", columns.map((name) => [name, `r[${JSON.stringify(prefix + name)}]`]));
}

/** SQLite integers are read as numbers: every BIGINT the service stores is checked at seed time to fit 2^53, so none loses precision. */
function prepareSqlite(connection: Database.Database, sql: string): SqlitePrepared {
  const statement = connection.prepare(sql);
  statement.safeIntegers(false);
  const columns = statement.columns();
  statement.raw(true);
  return { statement, row: rowMaker(columns) };
}

/** SQLite binds neither booleans nor undefined. */
const sqliteParam = (value: unknown) => (typeof value === "boolean" ? (value ? 1 : 0) : value === undefined ? null : value);
/** pg sends bigints as text either way; spelled out so arrays of them go the same way. */
const pgParam = (value: unknown): unknown => (typeof value === "bigint" ? value.toString() : Array.isArray(value) ? value.map(pgParam) : value);

/** What every request's reader of one client shares: the prepared statements and the statement listeners. */
class Prepared {
  readonly sqlite = new Map<string, SqlitePrepared>();
  sqliteOn?: Database.Database;
  /** PostgreSQL texts by `?` text, with the name they are prepared under on each connection. */
  readonly pgTexts = new Map<string, { text: string; name: string }>();
  readonly listeners = new Set<(statement: SentStatement) => void>();
}

export class SqlReader {
  /**
   * `scope` is the request's (filled in when it starts executing): its reads
   * are checked against it before they are sent and, on PostgreSQL,
   * cancelled when it stops. Passed here rather than found through
   * AsyncLocalStorage, whose promise hooks cost every promise of the process.
   */
  constructor(
    private readonly db: Db,
    private readonly scope: StatementScopeRef = {},
    private readonly shared = new Prepared(),
    /** The columns the request's reads take (read-columns.ts); undefined outside a request. */
    readonly reads?: ReadColumnsRef,
  ) {}

  /** A reader for one request's reads, sharing this one's prepared statements. */
  forRequest(scope: StatementScopeRef, reads: ReadColumnsRef): SqlReader {
    return new SqlReader(this.db, scope, this.shared, reads);
  }

  get provider(): Provider {
    return this.db.provider;
  }

  /** Calls `listener` with every statement this reader sends (tests count statements with it); returns the unsubscribe. */
  onStatement(listener: (statement: SentStatement) => void): () => void {
    this.shared.listeners.add(listener);
    return () => this.shared.listeners.delete(listener);
  }

  /**
   * The rows of one read. `sql` uses `?` placeholders on both databases (for
   * PostgreSQL they are numbered once per text). `reuse` marks texts of a
   * fixed, small set (the loaders'): on PostgreSQL they become named prepared
   * statements, parsed and planned once per connection; other texts (list
   * filters, which vary with the request) are parsed each time there.
   */
  async all<R = Record<string, unknown>>(sql: string, params: readonly unknown[], reuse = false): Promise<R[]> {
    if (this.db.provider === "postgresql") {
      const scope = this.scope.current;
      return guarded(() => {
        for (const listener of this.shared.listeners) listener({ sql, params });
        return this.pgAll<R>(sql, params, reuse, scope?.signal);
      }, scope);
    }
    const prepared = await this.sqlite(sql);
    // Prepared before the guard (preparing reads no data), so the statement runs in the microtask the guard lets it.
    const values = await guarded(async () => {
      for (const listener of this.shared.listeners) listener({ sql, params });
      return prepared.statement.all(params.map(sqliteParam)) as unknown[][];
    }, this.scope.current);
    const rows = new Array<R>(values.length);
    for (let i = 0; i < values.length; i++) rows[i] = prepared.row(values[i]) as R;
    return rows;
  }

  private async sqlite(sql: string): Promise<SqlitePrepared> {
    const factory = this.db.adapter as { connection?: Database.Database };
    let connection = factory.connection;
    if (!connection?.open) {
      await this.db.$connect();
      connection = factory.connection!;
    }
    const cache = this.shared;
    if (connection !== cache.sqliteOn) {
      cache.sqlite.clear();
      cache.sqliteOn = connection;
    }
    let prepared = cache.sqlite.get(sql);
    if (prepared) {
      // Least recently used first: a hit moves to the end.
      cache.sqlite.delete(sql);
    } else {
      prepared = prepareSqlite(connection, sql);
      if (cache.sqlite.size >= MAX_PREPARED) cache.sqlite.delete(cache.sqlite.keys().next().value!);
    }
    cache.sqlite.set(sql, prepared);
    return prepared;
  }

  private async pgAll<R>(sql: string, params: readonly unknown[], reuse: boolean, signal: StopSignal | undefined): Promise<R[]> {
    const pgTexts = this.shared.pgTexts;
    let text = pgTexts.get(sql);
    if (text) {
      pgTexts.delete(sql);
    } else {
      let n = 0;
      const numbered = sql.replace(/\?/g, () => `$${++n}`);
      text = { text: numbered, name: `qg_${createHash("sha1").update(numbered).digest("hex").slice(0, 20)}` };
      if (pgTexts.size >= MAX_PREPARED) pgTexts.delete(pgTexts.keys().next().value!);
    }
    pgTexts.set(sql, text);
    const pool = (this.db.adapter as unknown as { pool: pg.Pool }).pool;
    const query = { text: text.text, name: reuse ? text.name : undefined, values: params.map(pgParam), types: PG_TYPES } as pg.QueryConfig;
    const result = signal && pool instanceof NameAsTextPool ? await pool.queryFor(signal, [query]) : await pool.query(query);
    return result.rows as R[];
  }
}

const readers = new WeakMap<Db, SqlReader>();

/**
 * The prepared-statement reader of a client, made on first use; its prepared
 * statements are shared by every request. For a request's client
 * (src/services/request-db.ts) it is that request's reader, bound to its
 * scope, and kept on the request itself rather than in `readers`: its scope
 * leads back to the request's client, and V8's young-generation collector
 * keeps an entry of a long-lived WeakMap whose value reaches its own key
 * until the next full collection. Every request, with all it read, was
 * promoted to the old generation that way (3 MB per scavenge at 10
 * connections, scavenges four times slower).
 */
export function sqlReader(db: Db): SqlReader {
  const request = requestOf(db);
  if (request) return (request.reader ??= sqlReader(request.db).forRequest(request.scope, request.reads));
  let reader = readers.get(db);
  if (!reader) readers.set(db, (reader = new SqlReader(db)));
  return reader;
}

/** `"column"` is one of `values`: one statement text whatever the number of values (a JSON array on SQLite, an array on PostgreSQL). */
export function inList(provider: Provider, column: string, values: readonly unknown[]): { sql: string; params: unknown[] } {
  if (provider === "postgresql") return { sql: `${column} = ANY(?)`, params: [arrayLiteral(values)] };
  return { sql: `${column} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(values, (_k, v) => (typeof v === "bigint" ? Number(v) : typeof v === "boolean" ? (v ? 1 : 0) : v))] };
}

/**
 * Integer keys as the array literal pg would send (`{1,2,3}`), joined once:
 * pg's own conversion (arrayString) adds one element at a time to a growing
 * string, 2.2 MB of garbage for the deep query's keys. Other values stay an
 * array for pg to quote.
 */
function arrayLiteral(values: readonly unknown[]): unknown {
  for (const value of values) if (!Number.isSafeInteger(value)) return values;
  return `{${values.join(",")}}`;
}
