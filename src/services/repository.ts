import DataLoader from "dataloader";
import type { Db } from "../db";
import { NODE_TYPES, type NodeTypeName, type SourceColumns, toNode } from "../node";
import { type Connection, type ListShape, type OrderTerm, type PageArgs, pageInfoFor, pageWindow, toConnection } from "../pagination";
import { keysetWhere, prismaOrderBy, sqlOrderBy } from "./keyset";
import { type SqlReader, columnPicker, inList, sqlReader } from "./sql";
import { lazyMembers } from "./lazy-members";
import { type ColumnSet, including } from "./read-columns";
import { requestOf } from "./request-db";
import { type CompiledWhere, compileOrderBy, compileWhere, nonNullColumns, scalarsOf, tableOf } from "./sql-where";

/** The part of a Prisma model delegate the repositories use; models differ only in row shape. */
interface Delegate {
  findMany(args: object): Promise<Row[]>;
  findFirst(args: object): Promise<Row | null>;
  count(args: object): Promise<number>;
  groupBy(args: object): Promise<Record<string, unknown>[]>;
}
type Row = { id: number } & SourceColumns & Record<string, unknown>;
export type Where = Record<string, unknown>;

/** The defaults of manyBy, shared so that calls without a filter or order find one loader by identity. */
const NO_WHERE: Where = {};
const BY_ID = prismaOrderBy([]);

/**
 * A to-one row read in the same statement as the row it belongs to (a
 * project's place, its investment figure), so a lookup that selects it costs
 * one statement and round trip instead of one per relation.
 */
export interface JoinedOne<T extends Item = Item> {
  /** The joined row's repository: its byId loader is primed with the row. */
  repo: Repository;
  /** The join condition, given the joined table's alias; the looked-up row is "r". */
  on: (alias: string) => string;
  /** Primes the loader the relation's resolver reads, with the joined item or null when there is none. */
  prime?: (item: T, joined: Item | null) => void;
}

/** A row as the API hands it out; `dbId` is the database key, `id` the global id for node types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Item = { dbId: number; source: { start: number; end: number; excerpt: string } } & Record<string, any>;

/**
 * The statement texts and row pickers of each join set (oneWith), made once
 * per process: the loaders are per request, and making them again (code
 * generation included) was a lookup's cost; a text made once is also hashed
 * once by the prepared-statement cache.
 */
const joinedStatements = new Map<
  string,
  { select: string; from: string; byKey: string; ownRow: (row: Record<string, unknown>) => Record<string, unknown>; joinedRows: ((row: Record<string, unknown>) => Record<string, unknown>)[] }
>();

/**
 * The SELECT list and FROM clause of `table` (as "r") with each of `joins`
 * LEFT JOINed as "j0", "j1", …, every joined column aliased "jN.column", and
 * the pickers that split a result row back into the rows of each table.
 * Table and column names come from the schema, never from a request.
 */
function joinedSelect(table: string, joins: { table: string; on: string; columns: readonly string[] }[], ownColumns: readonly string[]) {
  const own = [...ownColumns];
  const columns = joins.map((j) => [...j.columns]);
  return {
    select: [...own.map((c) => `"r"."${c}"`), ...columns.flatMap((cs, i) => cs.map((c) => `"j${i}"."${c}" AS "j${i}.${c}"`))].join(", "),
    from: `"${table}" AS "r"${joins.map((j, i) => ` LEFT JOIN "${j.table}" AS "j${i}" ON ${j.on}`).join("")}`,
    ownRow: columnPicker(own),
    joinedRows: columns.map((cs, i) => columnPicker(cs, `j${i}.`)),
  };
}

/** The SELECT list of each column set, bare or under a table alias, made once per process. */
const selectLists = new Map<string, string>();

/** The columns of `set` (every column where it is undefined), as a SELECT list, under `alias` when given. */
function selectList(set: ColumnSet | undefined, alias?: string): string {
  if (!set) return alias ? `"${alias}".*` : "*";
  const key = `${alias ?? ""}|${set.key}`;
  let list = selectLists.get(key);
  if (list === undefined) selectLists.set(key, (list = set.columns.map((c) => (alias ? `"${alias}"."${c}"` : `"${c}"`)).join(", ")));
  return list;
}

/** The statement parts and row pickers of each link-and-target read (manyWithTarget), made once per process. */
const linkStatements = new Map<
  string,
  { select: string; from: string; ownRow: (row: Record<string, unknown>) => Record<string, unknown>; targetRow: (row: Record<string, unknown>) => Record<string, unknown> }
>();

/** The SQL ORDER BY over a link table's own columns of each Prisma orderBy (one per list shape), by table; null when it orders by others. */
const linkOrders = new WeakMap<object, Map<string, string | null>>();

/**
 * The target item a link item of manyWithTarget was read with (null where
 * the link points at no row), kept on the link item itself. It was a
 * process-wide WeakMap: each of the deep query's 6,000 links was then an
 * ephemeron that every young-generation collection had to trace on its own.
 * A symbol key stays out of JSON and of Object.keys.
 */
const LINK_TARGET = Symbol("linkTarget");

/** The item a link row from manyWithTarget points at; undefined for a link row read without its target. */
export function linkTarget<R extends Item>(link: Item): R | null | undefined {
  return (link as { [LINK_TARGET]?: R | null })[LINK_TARGET];
}

/**
 * Request-scoped access to one model. Every read goes through DataLoader, so
 * resolving a relation for many parents costs one statement, not one each.
 */
export class Repository<T extends Item = Item> {
  // Made on first use: a request builds every repository and uses a few of them.
  private groupLoaders?: Map<string, DataLoader<unknown, T[]>>;
  private sameObjectLoaders?: WeakMap<object, WeakMap<object, Map<string, DataLoader<unknown, T[]>>>>;
  private pageLoaders?: Map<string, DataLoader<number, T[]>>;
  private countLoaders?: Map<string, DataLoader<number, number>>;
  private byIdLoader?: DataLoader<number, T | null>;
  /** byId's cache (its cacheMap), so a page can tell the rows it may prime from those already asked for. */
  private byIdCache?: Map<number, Promise<T | null>>;
  private joinedLoaders?: Map<string, DataLoader<unknown, T | null>>;
  private withTargetLoaders?: Map<string, DataLoader<unknown, T[]>>;
  private firstWhereLoaders?: Map<string, DataLoader<unknown, T | null>>;
  private bySlugLoader?: DataLoader<string, T | null>;
  private get groups() {
    return (this.groupLoaders ??= new Map());
  }
  private get sameObjects() {
    return (this.sameObjectLoaders ??= new WeakMap());
  }
  private get pages() {
    return (this.pageLoaders ??= new Map());
  }
  private get counts() {
    return (this.countLoaders ??= new Map());
  }

  private readonly sql: SqlReader;
  private readonly table: string;

  constructor(
    private readonly db: Db,
    private readonly model: string,
    private readonly typeName?: NodeTypeName,
    private readonly mapRow: (row: Row) => Row = (row) => row,
  ) {
    this.sql = sqlReader(db);
    this.table = tableOf(model);
  }

  /**
   * The columns this request's reads of the table take, with `keys`, the
   * columns the read matches its rows to keys by; undefined for all of them.
   */
  private readSet(...keys: string[]): ColumnSet | undefined {
    // The request's reader carries its read columns (read-columns.ts); a reader outside a request has none.
    return including(this.table, this.sql.reads?.current?.get(this.table), keys);
  }

  /** The column names of readSet (every scalar column when it is undefined). */
  private readColumns(...keys: string[]): readonly string[] {
    return this.readSet(...keys)?.columns ?? [...(scalarsOf(this.table) ?? [])];
  }

  /**
   * Rows whose `column` is one of `keys`, in `order` (SQL): prepared once per
   * text and reused (sql.ts). One key reads by equality, so the statement is
   * the plain index lookup a single-row request needs.
   */
  private rowsWhereIn(column: string, keys: readonly unknown[], order = "", orderColumns: readonly string[] = []): Promise<Row[]> {
    const orderBy = order ? ` ORDER BY ${order}` : "";
    const read = selectList(this.readSet(column, ...orderColumns));
    if (keys.length === 1) return this.sql.all<Row>(`SELECT ${read} FROM "${this.table}" WHERE "${column}" = ?${orderBy}`, keys, true);
    const list = inList(this.sql.provider, `"${column}"`, keys);
    return this.sql.all<Row>(`SELECT ${read} FROM "${this.table}" WHERE ${list.sql}${orderBy}`, list.params, true);
  }

  private get delegate(): Delegate {
    return (this.db as unknown as Record<string, Delegate>)[this.model];
  }

  /** Link rows become items in place: a row is fresh from the driver and read by nothing else, and the deep query makes thousands. */
  private item(row: Row): T {
    const mapped = this.mapRow(row);
    if (this.typeName) return toNode(this.typeName, mapped) as unknown as T;
    const item = mapped as unknown as T;
    item.dbId = mapped.id;
    // A read that leaves the passage out (read-columns.ts) has no field that asks for it.
    if (mapped.sourceStart !== undefined) item.source = { start: mapped.sourceStart, end: mapped.sourceEnd, excerpt: mapped.sourceExcerpt };
    return item;
  }

  get byId(): DataLoader<number, T | null> {
    return (this.byIdLoader ??= new DataLoader<number, T | null>(
      async (ids) => {
        const rows = await this.rowsWhereIn("id", ids);
        const found = new Map(rows.map((row) => [row.id, this.item(row)]));
        return ids.map((id) => found.get(id) ?? null);
      },
      { cacheMap: (this.byIdCache = new Map()) },
    ));
  }

  get bySlug(): DataLoader<string, T | null> {
    return (this.bySlugLoader ??= new DataLoader<string, T | null>(async (slugs) => {
      const rows = await this.rowsWhereIn("slug", slugs);
      const found = new Map(rows.map((row) => [row.slug as string, this.item(row)]));
      return slugs.map((slug) => found.get(slug) ?? null);
    }));
  }

  /**
   * One row by `column` (id or slug) with the to-one rows in `joined`, read
   * in one statement (LEFT JOINs; one statement for every key asked for
   * together); the joined rows prime their loaders, so the resolvers of
   * those relations find them without a statement. `name` tells the join
   * sets apart: one loader, and one prepared text, per name.
   */
  oneWith(column: "id" | "slug", key: unknown, name: string, joined: JoinedOne<T>[]): Promise<T | null> {
    const loaders = (this.joinedLoaders ??= new Map());
    const loaderKey = `${column}:${name}`;
    let loader = loaders.get(loaderKey);
    if (!loader) {
      const statementKey = [this.table, loaderKey, this.readSet(column)?.key, ...joined.map((j) => j.repo.readSet()?.key)].join("|");
      let made = joinedStatements.get(statementKey);
      if (!made) {
        const { select, from, ownRow, joinedRows } = joinedSelect(
          this.table,
          joined.map((j, i) => ({ table: j.repo.table, on: j.on(`j${i}`), columns: j.repo.readColumns() })),
          this.readColumns(column),
        );
        made = { select, from, byKey: `SELECT ${select} FROM ${from} WHERE "r"."${column}" = ?`, ownRow, joinedRows };
        joinedStatements.set(statementKey, made);
      }
      const { select, from, byKey, ownRow, joinedRows } = made;
      const parts = joined.map((j, i) => ({ ...j, row: joinedRows[i] }));
      loader = new DataLoader<unknown, T | null>(async (keys) => {
        const rows =
          keys.length === 1
            ? await this.sql.all<Row>(byKey, keys, true)
            : await (() => {
                const list = inList(this.sql.provider, `"r"."${column}"`, keys);
                return this.sql.all<Row>(`SELECT ${select} FROM ${from} WHERE ${list.sql}`, list.params, true);
              })();
        const found = new Map<unknown, T>();
        for (const row of rows) {
          const item = this.item(ownRow(row) as Row);
          found.set(row[column], item);
          this.byId.prime(item.dbId, item);
          for (const p of parts) {
            let joinedItem: Item | null = null;
            const joinedRow = p.row(row) as Row;
            if (joinedRow.id !== null && joinedRow.id !== undefined) {
              joinedItem = p.repo.item(joinedRow);
              p.repo.byId.prime(joinedItem.dbId, joinedItem);
            }
            p.prime?.(item, joinedItem);
          }
        }
        return keys.map((k) => found.get(k) ?? null);
      });
      loaders.set(loaderKey, loader);
    }
    return loader.load(key);
  }

  /**
   * The lowest-id row whose `field` is `key` and whose `column` is `value`
   * (a project's INVESTMENT figure), or null: one prepared statement for every
   * key asked for together.
   */
  firstWhere(field: string, column: string, value: string): DataLoader<unknown, T | null> {
    const loaders = (this.firstWhereLoaders ??= new Map());
    const loaderKey = `${field}:${column}:${value}`;
    let loader = loaders.get(loaderKey);
    if (!loader) {
      // SQLite, which has no statistics here (nothing runs ANALYZE), took the index on `column` for a list of
      // keys and read every INVESTMENT figure to keep a few (2.6 ms for 8 projects, 0.06 ms by `field`): the unary
      // `+` leaves that term out of index choice, so each key's rows are found by `field`. PostgreSQL plans by its statistics.
      const discriminator = this.sql.provider === "sqlite" ? `+"${column}"` : `"${column}"`;
      const read = selectList(this.readSet(field, column));
      loader = new DataLoader<unknown, T | null>(async (keys) => {
        const rows =
          keys.length === 1
            ? await this.sql.all<Row>(`SELECT ${read} FROM "${this.table}" WHERE "${field}" = ? AND ${discriminator} = ? ORDER BY "id"`, [keys[0], value], true)
            : await (() => {
                // By key, then id: SQLite reads the (key, id) index in that order and sorts nothing (3,302 rows: 14.5 ms against 17.7).
                const list = inList(this.sql.provider, `"${field}"`, keys);
                return this.sql.all<Row>(`SELECT ${read} FROM "${this.table}" WHERE ${list.sql} AND ${discriminator} = ? ORDER BY "${field}", "id"`, [...list.params, value], true);
              })();
        const first = new Map<unknown, T>();
        for (const row of rows) if (!first.has(row[field])) first.set(row[field], this.item(row));
        return keys.map((k) => first.get(k) ?? null);
      });
      loaders.set(loaderKey, loader);
    }
    return loader;
  }

  async require(id: number | null): Promise<T | null> {
    return id === null ? null : this.byId.load(id);
  }

  /**
   * Rows whose `field` equals `key` and that match `where`, in `orderBy`
   * order: one statement for all the keys a request asks for with the same
   * filter and order.
   */
  manyBy(field: string, key: unknown, where: Where = NO_WHERE, orderBy: object[] = BY_ID): Promise<T[]> {
    // Callers that pass the same where and orderBy objects (a nested list under every parent) find their loader
    // without serialising them for each parent; others find it by value.
    const byIdentity = this.sameObjects.get(where)?.get(orderBy)?.get(field);
    if (byIdentity) return byIdentity.load(key);
    const cacheKey = JSON.stringify([field, where, orderBy], (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
    let loader = this.groups.get(cacheKey);
    let forWhere = this.sameObjects.get(where);
    if (!forWhere) this.sameObjects.set(where, (forWhere = new WeakMap()));
    let forOrder = forWhere.get(orderBy);
    if (!forOrder) forWhere.set(orderBy, (forOrder = new Map()));
    if (loader) forOrder.set(field, loader);
    if (!loader) {
      const order = compileOrderBy(this.table, orderBy);
      // The sort's own columns: a page cut from these rows makes its cursors of them.
      const sortColumns = orderBy.flatMap((term) => Object.entries(term).filter(([, v]) => typeof v === "string" || (typeof v === "object" && v !== null && "sort" in v)).map(([k]) => k));
      const condition = Object.keys(where).length === 0 ? undefined : compileWhere(this.db.provider, this.table, where);
      loader = new DataLoader<unknown, T[]>(async (keys) => {
        // Prepared SQL when the filter compiles and the order is by the row's own columns; else Prisma.
        let rows: Row[];
        if (order !== null && condition === undefined) rows = await this.rowsWhereIn(field, keys, order, sortColumns);
        else if (order !== null && condition) {
          const parents = inList(this.sql.provider, `"${this.table}"."${field}"`, keys);
          const sql = `SELECT ${selectList(this.readSet(field, ...sortColumns), this.table)} FROM "${this.table}" ${condition.joins} WHERE ${parents.sql} AND ${condition.sql} ORDER BY ${order}`;
          rows = await this.sql.all<Row>(sql, [...parents.params, ...condition.params]);
        } else rows = await this.delegate.findMany({ where: { AND: [where, { [field]: { in: [...keys] } }] }, orderBy });
        const grouped = new Map<unknown, T[]>();
        for (const k of keys) grouped.set(k, []);
        for (const row of rows) grouped.get(row[field])?.push(this.item(row));
        return keys.map((k) => grouped.get(k) ?? []);
      });
      this.groups.set(cacheKey, loader);
      forOrder.set(field, loader);
    }
    return loader.load(key);
  }

  /**
   * The first `size` rows (and one more, to tell whether there is a next
   * page) whose `field` equals `key`, in `order`: for all the parents a
   * request asks about at once, one statement picks each parent's rows over
   * the children's index and joins the rows of the pages only, so a page
   * under a parent with 100,000 children reads the page's rows, not the
   * children's. On PostgreSQL a window function ranks them (ROW_NUMBER()
   * OVER (PARTITION BY parent)). On SQLite each parent's page is its own
   * `LIMIT` subquery: the window ranked every child of every parent asked
   * about before keeping the pages, 20 ms for the deep query's 52 places'
   * 10,000 projects to keep 3,341, against 11.6 ms (figures: 10.2 against 7.0).
   * Prepared SQL (sql.ts) passes the same statement guard as every Prisma query.
   */
  firstBy(field: string, key: number, order: OrderTerm[], size: number): Promise<T[]> {
    const cacheKey = JSON.stringify([field, order, size]);
    let loader = this.pages.get(cacheKey);
    if (!loader) {
      loader = new DataLoader<number, T[]>(async (keys) => {
        let sql: string;
        let params: unknown[];
        const read = selectList(this.readSet(field, ...order.map((term) => term.column)), "t");
        if (this.sql.provider === "sqlite") {
          // Each parent's page is its own LIMIT subquery, over the keys' JSON array.
          sql = `SELECT ${read} FROM json_each(?) AS "p" JOIN "${this.table}" AS "t" ON "t"."id" IN (
              SELECT "id" FROM "${this.table}" WHERE "${field}" = "p"."value" ORDER BY ${sqlOrderBy(order)} LIMIT ?
            ) ORDER BY ${sqlOrderBy(order, "t")}`;
          params = [JSON.stringify(keys), size + 1];
        } else {
          const parents = inList(this.sql.provider, `"${field}"`, keys);
          sql = `SELECT ${read} FROM (
              SELECT "id", "${field}" AS "parent", ROW_NUMBER() OVER (PARTITION BY "${field}" ORDER BY ${sqlOrderBy(order)}) AS "rowNumber"
              FROM "${this.table}" WHERE ${parents.sql}
            ) AS "ranked" JOIN "${this.table}" AS "t" ON "t"."id" = "ranked"."id"
            WHERE "ranked"."rowNumber" <= ? ORDER BY "ranked"."parent", "ranked"."rowNumber"`;
          params = [...parents.params, size + 1];
        }
        const rows = await this.sql.all<Row>(sql, params, true);
        const items = await this.primed(rows);
        const grouped = new Map<number, T[]>(keys.map((k) => [k, []]));
        rows.forEach((row, i) => {
          const item = items[i];
          if (item instanceof Error) throw item;
          if (item) grouped.get(Number(row[field]))?.push(item);
        });
        return keys.map((k) => grouped.get(k) ?? []);
      });
      this.pages.set(cacheKey, loader);
    }
    return loader.load(key);
  }

  /**
   * The items of rows a page read, primed into byId. A row that byId has
   * already loaded or is loading stays the item that load returns, so a
   * page never holds an item other than the one byId hands out; when there
   * is none (the deep query's pages read 6,600 rows no one had asked for)
   * the items are made here, without a load, and its three promises, for
   * each row.
   */
  private primed(rows: Row[]): T[] | Promise<(T | Error | null)[]> {
    const loader = this.byId;
    const cached = this.byIdCache!;
    if (rows.some((row) => cached.has(Number(row.id)))) {
      for (const row of rows) if (!cached.has(Number(row.id))) loader.prime(Number(row.id), this.item(row));
      return loader.loadMany(rows.map((row) => Number(row.id)));
    }
    return rows.map((row) => {
      const item = this.item(row);
      loader.prime(Number(row.id), item);
      return item;
    });
  }

  /**
   * The items of rows read with other rows (a link's target, joined to the
   * link), by id, each distinct row once: a row byId has already loaded or is
   * loading is the item that load gives, so a request still holds one item
   * per row; the others are made here and primed into byId. No load, and so
   * none of DataLoader's promises, for a row no one had asked for.
   */
  async itemsOf(rows: Row[]): Promise<Map<number, T | null>> {
    const loader = this.byId;
    const cached = this.byIdCache!;
    const items = new Map<number, T | null>();
    let waiting: Promise<void>[] | undefined;
    for (const row of rows) {
      const id = Number(row.id);
      if (items.has(id)) continue;
      const known = cached.get(id);
      items.set(id, null);
      if (known) (waiting ??= []).push(known.then((item) => void items.set(id, item)));
      else {
        const item = this.item(row);
        loader.prime(id, item);
        items.set(id, item);
      }
    }
    if (waiting) await Promise.all(waiting);
    return items;
  }

  /**
   * Link rows whose `field` is `key`, in `orderBy` (undefined when it is not
   * by the link's own columns), each with the row of `target` its `column` points at
   * (linkTarget), read in the same statement: one statement for every key
   * asked for together, where reading the targets by id took a second, and a
   * load per link row (the deep query: 4,305 for 202 organizations).
   */
  manyWithTarget(field: string, key: unknown, orderBy: object[], target: { repo: Repository; column: string }): Promise<T[]> | undefined {
    let byTable = linkOrders.get(orderBy);
    if (!byTable) linkOrders.set(orderBy, (byTable = new Map()));
    let order = byTable.get(this.table);
    if (order === undefined) byTable.set(this.table, (order = compileOrderBy(this.table, orderBy, undefined, undefined, (column) => `"r"."${column}"`)));
    if (order === null) return undefined;
    const loaders = (this.withTargetLoaders ??= new Map());
    const loaderKey = `${field}:${order}:${target.repo.table}:${target.column}`;
    let loader = loaders.get(loaderKey);
    if (!loader) {
      const statementKey = `${this.table}:${loaderKey}|${this.readSet(field, target.column)?.key}|${target.repo.readSet()?.key}`;
      let made = linkStatements.get(statementKey);
      if (!made) {
        const { select, from, ownRow, joinedRows } = joinedSelect(
          this.table,
          [{ table: target.repo.table, on: `"j0"."id" = "r"."${target.column}"`, columns: target.repo.readColumns() }],
          this.readColumns(field, target.column),
        );
        made = { select, from, ownRow, targetRow: joinedRows[0] };
        linkStatements.set(statementKey, made);
      }
      const { select, from, ownRow, targetRow } = made;
      loader = new DataLoader<unknown, T[]>(async (keys) => {
        const parents = keys.length === 1 ? { sql: `"r"."${field}" = ?`, params: keys } : inList(this.sql.provider, `"r"."${field}"`, keys);
        const rows = await this.sql.all<Row>(`SELECT ${select} FROM ${from} WHERE ${parents.sql} ORDER BY ${order}`, parents.params, true);
        const targetRows: Row[] = [];
        for (const row of rows) {
          const joined = targetRow(row) as Row;
          if (joined.id !== null && joined.id !== undefined) targetRows.push(joined);
        }
        const targets = await target.repo.itemsOf(targetRows);
        const grouped = new Map<unknown, T[]>(keys.map((k) => [k, []]));
        for (const row of rows) {
          const link = this.item(ownRow(row) as Row);
          const targetId = link[target.column];
          (link as { [LINK_TARGET]?: Item | null })[LINK_TARGET] = targetId === null || targetId === undefined ? null : (targets.get(Number(targetId)) ?? null);
          grouped.get(link[field])?.push(link);
        }
        return keys.map((k) => grouped.get(k) ?? []);
      });
      loaders.set(loaderKey, loader);
    }
    return loader.load(key);
  }

  /** How many rows have `field` equal to `key` and match `where`: one COUNT … GROUP BY for every parent asked about together. */
  countBy(field: string, key: number, where: Where = {}): Promise<number> {
    const cacheKey = JSON.stringify([field, where], (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
    let loader = this.counts.get(cacheKey);
    if (!loader) {
      const condition = compileWhere(this.db.provider, this.table, where);
      loader = new DataLoader<number, number>(async (keys) => {
        let counted: Map<number, number>;
        if (condition) {
          const column = `"${this.table}"."${field}"`;
          const parents = inList(this.sql.provider, column, keys);
          const sql = `SELECT ${column} AS "parent", COUNT(*) AS "n" FROM "${this.table}" ${condition.joins} WHERE ${parents.sql} AND ${condition.sql} GROUP BY ${column}`;
          const rows = await this.sql.all<{ parent: unknown; n: number | bigint }>(sql, [...parents.params, ...condition.params]);
          counted = new Map(rows.map((r) => [Number(r.parent), Number(r.n)]));
        } else {
          const rows = await this.delegate.groupBy({ by: [field], where: { AND: [where, { [field]: { in: [...keys] } }] }, _count: { _all: true } });
          counted = new Map(rows.map((r) => [Number(r[field]), (r._count as { _all: number })._all]));
        }
        return keys.map((k) => counted.get(k) ?? 0);
      });
      this.counts.set(cacheKey, loader);
    }
    return loader.load(key);
  }

  /** Selected columns (and relations) of every row that matches, without paging: for aggregates and the place tree. */
  all(select: Record<string, unknown>, where: Where = {}): Promise<Record<string, unknown>[]> {
    return this.delegate.findMany({ where, select });
  }

  /** SQL GROUP BY with aggregates, as Prisma's groupBy takes it. */
  groupBy(args: object): Promise<Record<string, unknown>[]> {
    return this.delegate.groupBy(args);
  }

  /** A root list as a Relay connection: keyset pagination on the list's ordering, never OFFSET. */
  async connection(args: PageArgs, where: Where, shape: ListShape, columns?: readonly string[]): Promise<Connection<T>> {
    const w = pageWindow(args, shape);
    const window: Where[] = [where];
    if (w.after) window.push(keysetWhere(shape.order, w.after, this.db.provider));
    if (w.before) window.push(keysetWhere(shape.order, w.before, this.db.provider, true));
    const orderBy = prismaOrderBy(shape.order, !w.forward);
    // Prepared SQL when the filter compiles (sql-where.ts); Prisma for the forms it leaves to Prisma.
    const windowSql = compileWhere(this.db.provider, this.table, { AND: window });
    const nonNull = nonNullColumns(this.table, where);
    const orderSql = compileOrderBy(this.table, orderBy, this.db.provider, nonNull);
    const exists = async (condition: Where) => {
      const compiled = windowSql && compileWhere(this.db.provider, this.table, { AND: [where, condition] });
      if (compiled) return (await this.sql.all(`SELECT 1 AS "found" FROM "${this.table}" ${compiled.joins} WHERE ${compiled.sql} LIMIT 1`, compiled.params)).length > 0;
      return (await this.delegate.findFirst({ where: { AND: [where, condition] }, select: { id: true } })) !== null;
    };
    const [rows, rowsBeforeAfter, rowsFromBefore] = await Promise.all([
      windowSql && orderSql ? this.sql.all<Row>(this.pageSql(windowSql, orderSql, orderBy, nonNull, columns), [...windowSql.params, w.size + 1]) : this.delegate.findMany({ where: { AND: window }, orderBy, take: w.size + 1 }),
      w.forward && w.after ? exists({ NOT: keysetWhere(shape.order, w.after, this.db.provider) }) : false,
      !w.forward && w.before ? exists({ NOT: keysetWhere(shape.order, w.before, this.db.provider, true) }) : false,
    ]);
    const page = rows.slice(0, w.size).map((row) => this.item(row));
    if (!w.forward) page.reverse();
    // Counted only when a client selects totalCount.
    const count = async () => {
      const compiled = windowSql && compileWhere(this.db.provider, this.table, where);
      if (!compiled) return this.delegate.count({ where });
      const [row] = await this.sql.all<{ n: number | bigint }>(`SELECT COUNT(*) AS "n" FROM "${this.table}" ${compiled.joins} WHERE ${compiled.sql}`, compiled.params);
      return Number(row.n);
    };
    return Object.assign(toConnection(page, pageInfoFor(w, rows.length, rowsBeforeAfter, rowsFromBefore), count, shape), { scope: { where } });
  }

  /**
   * A root list's page (its `LIMIT ?` the last parameter). On SQLite the
   * matching rows are sorted by their keys alone and only the page's rows
   * are read whole: SQLite sorts whole rows, and a page within a place with
   * thousands of projects sorted every one of them (1.6 ms of CPU where this
   * takes 0.7 with the (placeId, investment, id) index). The page's keys come
   * out of the subquery in order and the outer query orders by those same
   * keys, read from the subquery, with the subquery as the outer loop (CROSS
   * JOIN): SQLite then sees the rows are already in order and does not sort
   * the page's whole rows a second time, as it did when the outer ORDER BY
   * named the table's columns. PostgreSQL sorts the first rows with a bounded
   * heap or reads them off an index, and its planner chose a hash join over
   * the whole table for this form.
   */
  private pageSql(where: CompiledWhere, order: string, orderBy: object[], nonNull: ReadonlySet<string>, columns?: readonly string[]): string {
    const t = `"${this.table}"`;
    const keys = [...new Set(orderBy.flatMap((term) => Object.keys(term)))];
    const read = columns ? [...new Set(["id", ...keys, ...columns])].map((c) => `${t}."${c}"`).join(", ") : selectList(this.readSet(...keys), this.table);
    if (this.db.provider === "postgresql") return `SELECT ${read} FROM ${t} ${where.joins} WHERE ${where.sql} ORDER BY ${order} LIMIT ?`;
    const keyOf = (column: string) => `"page"."k_${column}"`;
    const pageOrder = compileOrderBy(this.table, orderBy, this.db.provider, nonNull, keyOf);
    const select = keys.map((column) => `${t}."${column}" AS "k_${column}"`).join(", ");
    return `SELECT ${read} FROM (SELECT ${select} FROM ${t} ${where.joins} WHERE ${where.sql} ORDER BY ${order} LIMIT ?) AS "page" CROSS JOIN ${t} ON ${t}."id" = ${keyOf("id")} ORDER BY ${pageOrder}`;
  }
}

/** The Figure value column is a BigInt; every stored value is checked at seed time to fit 2^53. Changed in place: toNode copies it anyway. */
const figureRow = (row: Row): Row => {
  row.value = Number(row.value as bigint);
  row.approximate = row.qualifier !== "EXACT";
  return row;
};

/** A place's id, parent and slug: enough to walk the place tree. */
export interface PlaceTreeRow {
  id: number;
  parentId: number | null;
  slug: string;
}

const node = (typeName: NodeTypeName, map?: (row: Row) => Row) => (db: Db) => new Repository(db, NODE_TYPES[typeName], typeName, map);
const link = (model: string) => (db: Db) => new Repository(db, model);

/**
 * A request's repositories, each made when first used (lazyMembers): a
 * request reads a few of the nineteen, and making them all was about 2% of
 * a lookup.
 */
export class Repositories extends lazyMembers({
  article: node("Article"),
  place: node("Place"),
  organization: node("Organization"),
  person: node("Person"),
  position: node("Position"),
  event: node("Event"),
  project: node("Project"),
  participation: node("Participation"),
  quote: node("Quote"),
  figure: node("Figure", figureRow),
  technology: node("Technology"),
  trainingPlacement: node("TrainingPlacement"),
  organizationAlias: link("organizationAlias"),
  articleReporter: link("articleReporter"),
  projectOrganization: link("projectOrganization"),
  eventProject: link("eventProject"),
  projectPerson: link("projectPerson"),
  projectCandidatePlace: link("projectCandidatePlace"),
  figurePart: link("figurePart"),
}) {
  #placeTree?: Promise<readonly PlaceTreeRow[]>;

  /** `dataVersion` is the request's (Context.dataVersion); without it the place tree is read for the request. */
  constructor(
    private readonly db: Db,
    private readonly dataVersion?: () => Promise<string>,
  ) {
    super(db);
  }

  /** The whole place tree, read at most once per request (filters and rollups both walk it). */
  placeTree(): Promise<readonly PlaceTreeRow[]> {
    return (this.#placeTree ??= this.dataVersion ? this.versionedPlaceTree(this.dataVersion) : readPlaceTree(this.db));
  }

  /**
   * The tree kept for the data version the request reads. Every `within`
   * filter walked it, and reading it was the costliest of the filtered
   * list's statements (52 rows, 57 µs against 23 for the version's one
   * row, which the response cache reads anyway). Only a read that succeeded
   * is kept: a request whose deadline refused it must not hand its error to
   * the next.
   */
  private async versionedPlaceTree(dataVersion: () => Promise<string>): Promise<readonly PlaceTreeRow[]> {
    const version = await dataVersion();
    const shared = requestOf(this.db)?.db ?? this.db;
    const kept = placeTrees.get(shared);
    if (kept?.version === version) return kept.rows;
    const rows = Object.freeze((await readPlaceTree(this.db)).map((row) => Object.freeze(row)));
    placeTrees.set(shared, { version, rows });
    return rows;
  }
}

const readPlaceTree = (db: Db) => sqlReader(db).all<PlaceTreeRow>(`SELECT "id", "parentId", "slug" FROM "Place" ORDER BY "id"`, [], true);

/**
 * The place tree of the latest data version read, per shared client: places
 * change only with the data, and the version moves with every change
 * (data-version.ts). Rows are frozen: every request of that version shares them.
 */
const placeTrees = new WeakMap<Db, { version: string; rows: readonly PlaceTreeRow[] }>();

export function createRepositories(db: Db, dataVersion?: () => Promise<string>): Repositories {
  return new Repositories(db, dataVersion);
}


