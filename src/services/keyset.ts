import type { CursorPosition, OrderTerm } from "../pagination";
import type { Where } from "./repository";

/** The id tie-break that ends every ordering, so positions are unique. */
const ID_TERM: OrderTerm = { column: "id", desc: false, nullable: false, bigint: false };

function withTieBreak(order: OrderTerm[]): OrderTerm[] {
  return [...order, ID_TERM];
}

/** Prisma orderBy for a list: the terms, then id; nulls last (first when reading backwards). */
export function prismaOrderBy(order: OrderTerm[], backwards = false): Record<string, unknown>[] {
  return withTieBreak(order).map((t) => {
    const sort = t.desc !== backwards ? "desc" : "asc";
    return { [t.column]: t.nullable ? { sort, nulls: backwards ? "first" : "last" } : sort };
  });
}

/**
 * Rows strictly after `position` in the ordering (strictly before it when
 * `backwards`): the keyset condition that replaces OFFSET.
 * For sort keys k1..kn it is k1 > v1 OR (k1 = v1 AND k2 > v2) OR …, where ">"
 * follows each key's direction and nulls sort last.
 */
export function keysetWhere(order: OrderTerm[], position: CursorPosition, backwards = false): Where {
  const terms = withTieBreak(order);
  const values = [...position.values, position.id];
  const branches: Where[] = [];
  const equalSoFar: Where[] = [];
  terms.forEach((t, i) => {
    const v = values[i];
    const nullsLast = !backwards;
    const ascending = t.desc === backwards;
    let beyond: Where | null;
    if (v === null || v === undefined) {
      beyond = nullsLast ? null : { [t.column]: { not: null } };
    } else {
      const compare: Where = { [t.column]: { [ascending ? "gt" : "lt"]: v } };
      beyond = t.nullable && nullsLast ? { OR: [compare, { [t.column]: null }] } : compare;
    }
    if (beyond) branches.push(equalSoFar.length ? { AND: [...equalSoFar, beyond] } : beyond);
    equalSoFar.push({ [t.column]: v ?? null });
  });
  return { OR: branches };
}
