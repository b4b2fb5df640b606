import type { Provider } from "../adapter";
import type { CursorPosition, OrderTerm } from "../pagination";
import type { Where } from "./repository";

/** The id tie-break that ends every ordering, so positions are unique. */
const ID_TERM: OrderTerm = { column: "id", desc: false, nullable: false, bigint: false };

export function withTieBreak(order: OrderTerm[]): OrderTerm[] {
  // `orderBy: ID DESC` already ends with id (orderTerms stops there); a second id key is refused by Prisma.
  return order.at(-1)?.column === "id" ? order : [...order, ID_TERM];
}

/** Prisma orderBy for a list: the terms, then id; nulls last (first when reading backwards). */
export function prismaOrderBy(order: OrderTerm[], backwards = false): Record<string, unknown>[] {
  return withTieBreak(order).map((t) => {
    const sort = t.desc !== backwards ? "desc" : "asc";
    return { [t.column]: t.nullable ? { sort, nulls: backwards ? "first" : "last" } : sort };
  });
}

/**
 * The same ordering as prismaOrderBy, as SQL: column names are Prisma field
 * names (the schema maps none), nulls last.
 */
export function sqlOrderBy(order: OrderTerm[], table?: string): string {
  const prefix = table ? `"${table}".` : "";
  return withTieBreak(order)
    .map((t) => `${prefix}"${t.column}" ${t.desc ? "DESC" : "ASC"}${t.nullable ? " NULLS LAST" : ""}`)
    .join(", ");
}

/**
 * Rows strictly after `position` in the ordering (strictly before it when
 * `backwards`): the keyset condition that replaces OFFSET.
 * For sort keys k1..kn it is k1 > v1 OR (k1 = v1 AND k2 > v2) OR …, where ">"
 * follows each key's direction and nulls sort last.
 */
export function keysetWhere(order: OrderTerm[], position: CursorPosition, provider: Provider, backwards = false): Where {
  const terms = withTieBreak(order);
  const values = [...position.values, position.id];
  const branches: Where[] = [];
  const equalSoFar: Where[] = [];
  terms.forEach((t, i) => {
    const v = t.column === "id" ? position.id : values[i];
    const nullsLast = !backwards;
    const ascending = t.desc === backwards;
    let beyond: Where | null;
    if (v === null || v === undefined) {
      beyond = nullsLast ? null : { [t.column]: { not: null } };
    } else {
      const compare: Where = { [t.column]: t.enumValues ? { in: enumValuesBeyond(t.enumValues, v as string, ascending, provider) } : { [ascending ? "gt" : "lt"]: v } };
      beyond = t.nullable && nullsLast ? { OR: [compare, { [t.column]: null }] } : compare;
    }
    if (beyond) branches.push(equalSoFar.length ? { AND: [...equalSoFar, beyond] } : beyond);
    equalSoFar.push({ [t.column]: v ?? null });
  });
  return { OR: branches };
}

/**
 * The values of an enum column that sort after `value` (before it when not
 * ascending) in the database's own order: PostgreSQL sorts an enum as it is
 * declared, SQLite stores it as text and sorts it by code point.
 */
function enumValuesBeyond(values: readonly string[], value: string, ascending: boolean, provider: Provider): string[] {
  const sorted = provider === "postgresql" ? [...values] : [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const at = sorted.indexOf(value);
  return ascending ? sorted.slice(at + 1) : sorted.slice(0, Math.max(at, 0));
}
