import type { Provider } from "../adapter";
import { Prisma } from "../generated/sqlite/client";
import { inList } from "./sql";

/*
 * Prisma where and orderBy objects, as WhereTranslator and keyset.ts build
 * them, compiled to SQL for the service's prepared reads (sql.ts). Only the
 * forms whose SQL is the same as Prisma's on both databases are compiled:
 * scalar equality, null, in, gt/gte/lt/lte, AND/OR/NOT and `is` on to-one
 * relations held by a foreign key on the row. Anything else (text patterns, whose LIKE
 * differs by database, to-many relations, relation orderings) compiles to
 * null and the caller asks Prisma, so answers never depend on the path.
 */

export interface Compiled {
  sql: string;
  params: unknown[];
}

/** The table of a model delegate name (`project` → `Project`): the schema maps no names. */
export const tableOf = (model: string) => model[0].toUpperCase() + model.slice(1);

const scalarsByTable = new Map<string, Set<string>>();

/** The scalar columns of a table, from the generated client's field enums. */
export function scalarsOf(table: string): Set<string> | undefined {
  let scalars = scalarsByTable.get(table);
  if (!scalars) {
    const fields = (Prisma as unknown as Record<string, Record<string, string> | undefined>)[`${table}ScalarFieldEnum`];
    if (!fields) return undefined;
    scalarsByTable.set(table, (scalars = new Set(Object.values(fields))));
  }
  return scalars;
}

/** To-one relations whose target table is not the relation's name capitalised. */
const RELATION_TABLES: Record<string, string> = { speakerPerson: "Person", speakerOrganization: "Organization", partFigure: "Figure", partProject: "Project" };

class Unsupported extends Error {}

const COMPARISONS: Record<string, string> = { gt: ">", gte: ">=", lt: "<", lte: "<=" };

/** Where a condition's columns are read: the row itself, or a to-one relation of it. */
interface Ref {
  table: string;
  column(name: string): string;
}

class WhereCompiler {
  readonly params: unknown[] = [];
  readonly joins: string[] = [];

  constructor(private readonly provider: Provider) {}

  where(ref: Ref, where: Record<string, unknown>): string {
    const parts: string[] = [];
    for (const [key, value] of Object.entries(where)) {
      if (value === undefined) continue;
      if (key === "AND") {
        const list = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
        parts.push(...list.map((w) => this.where(ref, w)).filter((s) => s !== "1=1"));
      } else if (key === "OR") {
        const list = value as Record<string, unknown>[];
        parts.push(list.length ? `(${list.map((w) => this.where(ref, w)).join(" OR ")})` : "1=0");
      } else if (key === "NOT") {
        const list = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
        for (const w of list) parts.push(`NOT (${this.where(ref, w)})`);
      } else if (scalarsOf(ref.table)?.has(key)) {
        parts.push(this.scalar(ref.column(key), value));
      } else {
        parts.push(this.relation(ref, key, value));
      }
    }
    return parts.length === 0 ? "1=1" : parts.length === 1 ? parts[0] : `(${parts.join(" AND ")})`;
  }

  private scalar(column: string, condition: unknown): string {
    if (condition === null) return `${column} IS NULL`;
    if (typeof condition !== "object") return this.bind(`${column} = ?`, condition);
    const parts: string[] = [];
    for (const [op, value] of Object.entries(condition as Record<string, unknown>)) {
      if (value === undefined) continue;
      if (op === "equals") parts.push(value === null ? `${column} IS NULL` : this.bind(`${column} = ?`, value));
      else if (op === "in") {
        const list = inList(this.provider, column, value as unknown[]);
        this.params.push(...list.params);
        parts.push(list.sql);
      } else if (op in COMPARISONS && value !== null) parts.push(this.bind(`${column} ${COMPARISONS[op]} ?`, value));
      else if (op === "not" && value === null) parts.push(`${column} IS NOT NULL`);
      else throw new Unsupported(op);
    }
    return parts.length === 0 ? "1=1" : parts.length === 1 ? parts[0] : `(${parts.join(" AND ")})`;
  }

  /**
   * A to-one relation held by `<relation>Id` on the row: `is` (or null). As
   * Prisma does, the related row is LEFT JOINed and `is: W` becomes `(W AND
   * related.id IS NOT NULL)`, so NOT and nulls behave as with Prisma. The
   * related row's id is the row's foreign key (the foreign key constraint
   * holds it), so a condition on the id alone (`within`) joins nothing and
   * can use the foreign key's index.
   */
  private relation(ref: Ref, relation: string, condition: unknown): string {
    const foreignKey = `${relation}Id`;
    if (!scalarsOf(ref.table)?.has(foreignKey)) throw new Unsupported(relation);
    const target = relation === "parent" ? ref.table : (RELATION_TABLES[relation] ?? tableOf(relation));
    if (!scalarsOf(target)) throw new Unsupported(relation);
    const key = ref.column(foreignKey);
    if (condition === null) return `${key} IS NULL`;
    const parts: string[] = [];
    for (const [op, inner] of Object.entries(condition as Record<string, unknown>)) {
      if (inner === undefined) continue;
      if ((op === "is" || op === "isNot") && inner === null) parts.push(`${key} ${op === "is" ? "IS NULL" : "IS NOT NULL"}`);
      else if (op === "is") {
        let alias: string | undefined;
        const related: Ref = {
          table: target,
          column: (name) => {
            if (name === "id") return key;
            if (!alias) {
              alias = `"j${this.joins.length + 1}"`;
              this.joins.push(`LEFT JOIN "${target}" AS ${alias} ON ${alias}."id" = ${key}`);
            }
            return `${alias}."${name}"`;
          },
        };
        parts.push(`(${this.where(related, inner as Record<string, unknown>)} AND ${key} IS NOT NULL)`);
      } else throw new Unsupported(op);
    }
    return parts.length === 0 ? "1=1" : parts.length === 1 ? parts[0] : `(${parts.join(" AND ")})`;
  }

  private bind(sql: string, value: unknown): string {
    if (value !== null && typeof value === "object") throw new Unsupported("value");
    this.params.push(value);
    return sql;
  }
}

export interface CompiledWhere extends Compiled {
  /** LEFT JOINs the condition reads (to-one relations), to follow `FROM "<table>"`. */
  joins: string;
}

/** `where` on `table` as SQL over `FROM "<table>" <joins>`, or null when it has a form only Prisma compiles. */
export function compileWhere(provider: Provider, table: string, where: object): CompiledWhere | null {
  const compiler = new WhereCompiler(provider);
  try {
    const sql = compiler.where({ table, column: (name) => `"${table}"."${name}"` }, where as Record<string, unknown>);
    return { sql, params: compiler.params, joins: compiler.joins.join(" ") };
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

/**
 * A Prisma orderBy list of columns of the row as SQL, or null when it orders
 * by a relation's column. Without `nulls`, the database's own null order, as
 * Prisma leaves it. A `nulls` placement is left out where it cannot change
 * the order: the database's default for that direction (SQLite sorts nulls
 * first ascending, PostgreSQL last) or a column `nonNull` says the filter
 * already excludes nulls from. An index matches the ORDER BY only when the
 * null placement matches too, and PostgreSQL does not infer it from the
 * WHERE clause: `investment DESC NULLS LAST` under `investment >= 1e9` sorted
 * every matching row where `investment DESC` reads the first page off the index.
 * `ref` names a column where the ORDER BY reads it from elsewhere than the
 * table (a subquery's output).
 */
export function compileOrderBy(
  table: string,
  orderBy: object[],
  provider?: Provider,
  nonNull?: ReadonlySet<string>,
  ref: (column: string) => string = (column) => `"${table}"."${column}"`,
): string | null {
  const terms: string[] = [];
  for (const term of orderBy as Record<string, unknown>[]) {
    for (const [column, spec] of Object.entries(term)) {
      if (!scalarsOf(table)?.has(column)) return null;
      if (spec === "asc" || spec === "desc") terms.push(`${ref(column)} ${spec.toUpperCase()}`);
      else if (spec && typeof spec === "object") {
        const { sort, nulls } = spec as { sort?: string; nulls?: string };
        if (sort !== "asc" && sort !== "desc") return null;
        const moot = nonNull?.has(column) || (provider !== undefined && nulls === defaultNulls(provider, sort));
        terms.push(`${ref(column)} ${sort.toUpperCase()}${moot ? "" : nulls === "first" ? " NULLS FIRST" : nulls === "last" ? " NULLS LAST" : ""}`);
      } else return null;
    }
  }
  return terms.join(", ");
}

/** Where a database puts nulls when ORDER BY does not say: SQLite takes them as the smallest value, PostgreSQL as the largest. */
const defaultNulls = (provider: Provider, sort: "asc" | "desc") => ((sort === "asc") === (provider === "sqlite") ? "first" : "last");

const NON_NULL_OPERATORS = new Set(["equals", "in", "gt", "gte", "lt", "lte"]);

/**
 * The row's own columns that `where` holds non-null in every row it keeps:
 * those compared (equals, in, gt…) at its top level or in an AND, or
 * `not: null`. OR and NOT branches are not looked into, so the set may be
 * smaller than the truth, never larger.
 */
export function nonNullColumns(table: string, where: object, into = new Set<string>()): Set<string> {
  for (const [key, value] of Object.entries(where as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    if (key === "AND") for (const w of (Array.isArray(value) ? value : [value]) as object[]) nonNullColumns(table, w, into);
    else if (!scalarsOf(table)?.has(key)) continue;
    else if (typeof value !== "object") into.add(key);
    else {
      for (const [op, operand] of Object.entries(value as Record<string, unknown>)) {
        if ((NON_NULL_OPERATORS.has(op) && operand !== null && operand !== undefined) || (op === "not" && operand === null)) into.add(key);
      }
    }
  }
  return into;
}
