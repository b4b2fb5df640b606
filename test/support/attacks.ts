/**
 * The hostile documents of issue 6, built as an attacker would write them,
 * for the budget tests and the security suite.
 */

/** places → projects → organizations → projects → …, `levels` lists deep, each with `first` (or the default page). */
export function nestedLists(levels: number, first?: number): string {
  const lists = ["places", ...Array.from({ length: levels - 1 }, (_, i) => (i % 2 === 0 ? "projects" : "organizations"))];
  const page = first === undefined ? "" : `(first: ${first})`;
  return lists.reduceRight((inner, list) => `{ ${list}${page} { nodes ${inner} } }`, "{ name }");
}

/** Ten levels of organizations ↔ projects, three aliases at each level: small as text, 60^10 objects as a result. */
export function aliasedLevels(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) => {
    const [type, list] = i % 2 === 0 ? ["Project", "organizations"] : ["Organization", "projects"];
    const next = i + 1 < levels ? `...L${i + 1}` : "name";
    return `fragment L${i} on ${type} { a: ${list} { nodes { ${next} } } b: ${list} { nodes { ${next} } } c: ${list} { nodes { ${next} } } }`;
  });
  return `{ projects { nodes { ...L0 } } }\n${fragments.join("\n")}`;
}

/** Each fragment spreads the next twice: 2^n expansions of a database-backed field from a 2 KB document. */
export function doublingSpreads(n: number): string {
  const fragments = Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
  return `query { ...F0 }\n${fragments.join("\n")}\nfragment F${n} on Query { projects { nodes { name } } }`;
}

/** A chain of n fragments, each spreading the next once. */
export function spreadChain(n: number): string {
  const fragments = Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ...F${i + 1} }`);
  return `query { ...F0 }\n${fragments.join("\n")}\nfragment F${n} on Query { __typename }`;
}

/** n aliases of a database-backed field. */
export function manyAliases(n: number): string {
  return `{ ${Array.from({ length: n }, (_, i) => `a${i}: projects(first: 1) { totalCount }`).join(" ")} }`;
}

/** The same field n times. */
export function duplicatedFields(n: number): string {
  return `{ ${Array.from({ length: n }, () => "__typename").join(" ")} }`;
}

/** n directives, one on each of n selections of the same field. */
export function manyDirectives(n: number): string {
  return `{ ${Array.from({ length: n }, () => "__typename @include(if: true)").join(" ")} }`;
}

/** A ProjectWhere: `relations` levels of organizations.some / projects.some around a name condition. */
export function relationChain(relations: number, leaf: Record<string, unknown> = { name: { contains: "x" } }): Record<string, unknown> {
  let where: Record<string, unknown> = leaf;
  for (let i = 0; i < relations; i++) where = (relations - i) % 2 === 1 ? { organizations: { some: where } } : { projects: { some: where } };
  return where;
}

/** OR over `branches` relation chains: the filter that froze SQLite for 121 s (163 KB at 20 × 40 levels). */
export function orOfChains(branches: number, relations: number): Record<string, unknown> {
  return { OR: Array.from({ length: branches }, (_, i) => relationChain(relations, { name: { contains: `x${i}` } })) };
}

/** NOT nested n deep. */
export function notChain(n: number): Record<string, unknown> {
  let where: Record<string, unknown> = { name: { contains: "x" } };
  for (let i = 0; i < n; i++) where = { NOT: where };
  return where;
}

/** A JSON value as a GraphQL input literal. */
export function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (value !== null && typeof value === "object") return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${literal(v)}`).join(", ")} }`;
  return JSON.stringify(value);
}

/**
 * Heavy but allowed: within every budget limit, each reads many rows or
 * builds a large answer. The responsiveness test and `npm run bench:concurrency`
 * run them in a loop beside the bombs.
 */
export const heavyAllowedQueries = [
  `{ projects(first: 100, orderBy: [{ field: INVESTMENT, direction: DESC }]) { totalCount nodes { name place { name } organizations { nodes { name projects(first: 10) { nodes { name } } } } } } }`,
  `{ places(first: 100) { nodes { name projects(first: 20) { totalCount nodes { name investment { value } } } } } }`,
  `{ search(query: "园", first: 20) { totalCount nodes { id } } }`,
  `{ investmentByPlace(rollup: true) { place { name } investment { sum approximate } } }`,
  `{ projects(first: 100, where: { name: { contains: "7" } }) { totalCount nodes { name } } }`,
];

/** Five of the bombs above, as the responsiveness test and the bench send them. */
export const rejectedBombs = () => [
  { query: nestedLists(6, 100) },
  { query: aliasedLevels(10) },
  { query: doublingSpreads(16) },
  { query: manyAliases(10_000) },
  { query: spreadChain(10_000) },
];
