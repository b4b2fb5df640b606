import type { FieldPolicy, InMemoryCacheConfig, TypePolicies } from "@apollo/client";
import connections from "./connections.json";
import possibleTypesJson from "../possibleTypes.json";

/**
 * The Apollo Client kit: import it, or copy this file with connections.json
 * and possibleTypes.json.
 *
 *     new InMemoryCache({ possibleTypes, typePolicies })
 *
 * Objects need no keyFields: every object has a global `id` and Apollo's
 * default key (`__typename:id`) normalizes `project`, `projects` and `node`
 * answers into one entry.
 */

/** Each interface and union with its types: without it `... on Node { … }` selections are dropped by the cache. */
export const possibleTypes: Record<string, string[]> = possibleTypesJson;

interface PageInfo {
  startCursor?: string | null;
  endCursor?: string | null;
  hasNextPage?: boolean;
  hasPreviousPage?: boolean;
  [field: string]: unknown;
}

interface Edge {
  cursor?: string;
  [field: string]: unknown;
}

interface Connection {
  edges?: Edge[];
  nodes?: unknown[];
  pageInfo?: PageInfo;
  /**
   * Kept beside the list, never selected: for each page's end cursor, how
   * many items of the list come up to it. A query for the page after a
   * cursor is then answered from the cache when it holds that page, also
   * for a client that selects only `nodes` (which carry no cursors).
   */
  pageEnds?: Record<string, number>;
  [field: string]: unknown;
}

interface PageArgs extends PagingArgs {
  first?: number | null;
}

const DEFAULT_PAGE = 20;

const lengthOf = (connection: Connection) => connection.edges?.length ?? connection.nodes?.length ?? 0;

/** The page after `args.after` as the server would give it, or undefined when the cache cannot tell (then Apollo asks the server). */
function pageAfter(existing: Connection, args: PageArgs): Connection | undefined {
  const after = args.after!;
  const length = lengthOf(existing);
  let start = existing.pageEnds?.[after];
  if (start === undefined) {
    const at = existing.edges?.findIndex((edge) => edge.cursor === after) ?? -1;
    if (at < 0) return undefined;
    start = at + 1;
  }
  const end = Math.min(length, start + (args.first ?? DEFAULT_PAGE));
  const hasNextPage = end < length || Boolean(existing.pageInfo?.hasNextPage);
  // A page that ends inside what is held needs that end's cursor, unknown without edges.
  const endCursor = end === length ? existing.pageInfo?.endCursor : (existing.edges?.[end - 1]?.cursor ?? Object.entries(existing.pageEnds ?? {}).find(([, n]) => n === end)?.[0]);
  if (end > start && endCursor === undefined) return undefined;
  if (end === start && hasNextPage) return undefined;
  const page: Connection = { ...existing, pageInfo: { ...existing.pageInfo, endCursor: end > start ? endCursor : after, hasNextPage, hasPreviousPage: true } };
  delete page.pageEnds;
  if (existing.edges) {
    page.edges = existing.edges.slice(start, end);
    page.pageInfo!.startCursor = page.edges[0]?.cursor ?? null;
  }
  if (existing.nodes) page.nodes = existing.nodes.slice(start, end);
  return page;
}

interface PagingArgs {
  after?: string | null;
  before?: string | null;
}

/**
 * Where the incoming page goes in the list held so far: after the item whose
 * cursor is `after` (or at the end, when `after` is the held list's
 * endCursor, which is all a client that selects only `nodes` has), before the
 * item whose cursor is `before`, or (neither) it replaces the list.
 */
function splicePoint(existing: Connection, args: PagingArgs): { keepStart: number; keepEnd: number } | undefined {
  const length = existing.edges?.length ?? existing.nodes?.length ?? 0;
  const cursorIndex = (cursor: string) => existing.edges?.findIndex((edge) => edge.cursor === cursor) ?? -1;
  if (args.after) {
    if (args.after === existing.pageInfo?.endCursor) return { keepStart: length, keepEnd: length };
    const at = cursorIndex(args.after);
    return at < 0 ? undefined : { keepStart: at + 1, keepEnd: length };
  }
  if (args.before) {
    if (args.before === existing.pageInfo?.startCursor) return { keepStart: 0, keepEnd: 0 };
    const at = cursorIndex(args.before);
    return at < 0 ? undefined : { keepStart: 0, keepEnd: at };
  }
  return undefined;
}

/**
 * Relay pagination that merges `edges` and `nodes` alike. Apollo's
 * relayStylePagination merges only edges, so a client that selects
 * `nodes { … }` (as the README does) kept only the last page. Here merge
 * appends a page (one array copy) and read returns what is stored; a query
 * with `after` reads just the page after that cursor, from the cache when it
 * holds it, so a loop of `client.query` calls costs O(page) per page. (A
 * watched query of the whole list is read back whole after each page; that
 * is Apollo's, and quadratic in pages: see the README's paging figures.)
 *
 * @param keyArgs the arguments that choose the list (filter, order, search):
 *   pages are merged only within one such list.
 */
export function connectionPagination(keyArgs: string[] | false = false): FieldPolicy<Connection, Connection, Connection> {
  return {
    keyArgs,
    read(existing, { args }) {
      if (!existing || !args?.after || args.before) return existing;
      return pageAfter(existing, args as PageArgs);
    },
    merge(existing, incoming, { args }) {
      const withEnds = (connection: Connection, ends: Record<string, number>): Connection => {
        const end = connection.pageInfo?.endCursor;
        return end ? { ...connection, pageEnds: { ...ends, [end]: lengthOf(connection) } } : { ...connection, pageEnds: ends };
      };
      if (!existing) return withEnds(incoming, {});
      const at = splicePoint(existing, (args ?? {}) as PagingArgs);
      if (!at) return withEnds(incoming, {});
      const appending = Boolean(args?.after);
      const splice = <T>(held: T[] | undefined, page: T[] | undefined): T[] | undefined =>
        page === undefined ? held : [...(held ?? []).slice(0, at.keepStart), ...page, ...(held ?? []).slice(at.keepEnd)];
      const pageInfo: PageInfo = { ...existing.pageInfo, ...incoming.pageInfo };
      // The held list's far end stays: its cursor and whether there is more beyond it.
      if (appending) {
        pageInfo.startCursor = existing.pageInfo?.startCursor ?? incoming.pageInfo?.startCursor;
        pageInfo.hasPreviousPage = existing.pageInfo?.hasPreviousPage ?? incoming.pageInfo?.hasPreviousPage;
        if (at.keepEnd < (existing.edges?.length ?? existing.nodes?.length ?? 0)) {
          pageInfo.endCursor = existing.pageInfo?.endCursor;
          pageInfo.hasNextPage = existing.pageInfo?.hasNextPage;
        }
      } else {
        pageInfo.endCursor = existing.pageInfo?.endCursor ?? incoming.pageInfo?.endCursor;
        pageInfo.hasNextPage = existing.pageInfo?.hasNextPage ?? incoming.pageInfo?.hasNextPage;
        if (at.keepStart > 0) {
          pageInfo.startCursor = existing.pageInfo?.startCursor;
          pageInfo.hasPreviousPage = existing.pageInfo?.hasPreviousPage;
        }
      }
      const merged: Connection = { ...existing, ...incoming, pageInfo };
      const edges = splice(existing.edges, incoming.edges);
      const nodes = splice(existing.nodes, incoming.nodes);
      if (edges) merged.edges = edges;
      if (nodes) merged.nodes = nodes;
      // Page ends before the splice keep their count; the others moved, and are forgotten (edges still have cursors).
      const kept = Object.fromEntries(Object.entries(existing.pageEnds ?? {}).filter(([, n]) => n <= at.keepStart));
      return appending ? withEnds(merged, kept) : { ...merged, pageEnds: kept };
    },
  };
}

/** One connectionPagination policy per connection field of the schema, keyed by its filter and order arguments. */
export function connectionTypePolicies(fields: Record<string, Record<string, string[]>> = connections): TypePolicies {
  const policies: TypePolicies = {};
  for (const [type, byField] of Object.entries(fields)) {
    policies[type] = {
      fields: Object.fromEntries(Object.entries(byField).map(([field, keyArgs]) => [field, connectionPagination(keyArgs.length ? keyArgs : false)])),
    };
  }
  return policies;
}

export const typePolicies: TypePolicies = connectionTypePolicies();

/** Everything InMemoryCache needs: `new InMemoryCache(cacheConfig)`. */
export const cacheConfig: InMemoryCacheConfig = { possibleTypes, typePolicies };
