import { BadUserInputError } from "./errors";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Relay connection arguments. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T, E extends Edge<T> = Edge<T>> {
  edges: E[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Cursors are opaque to clients: base64url of the row's position in the ordering. */
export function encodeCursor(dbId: number): string {
  return Buffer.from(JSON.stringify({ id: dbId })).toString("base64url");
}

export function decodeCursor(cursor: string, argumentName: string): number {
  try {
    const { id } = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { id?: unknown };
    if (typeof id === "number" && Number.isSafeInteger(id) && id > 0) return id;
  } catch {
    // fall through to the input error below
  }
  throw new BadUserInputError(`"${cursor}" is not a valid cursor for ${argumentName}`, { argumentName });
}

export interface PageWindow {
  forward: boolean;
  size: number;
  afterId: number | null;
  beforeId: number | null;
}

/** Reads and checks the connection arguments: first defaults to 20, and a page holds at most 100. */
export function pageWindow(args: PageArgs): PageWindow {
  const { first, last } = args;
  if (first != null && last != null) {
    throw new BadUserInputError("Pass either first or last, not both", { argumentName: "last" });
  }
  for (const [name, value] of [["first", first], ["last", last]] as const) {
    if (value != null && (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE)) {
      throw new BadUserInputError(`${name} must be between 0 and ${MAX_PAGE_SIZE}, got ${value}`, { argumentName: name });
    }
  }
  return {
    forward: last == null,
    size: last ?? first ?? DEFAULT_PAGE_SIZE,
    afterId: args.after != null ? decodeCursor(args.after, "after") : null,
    beforeId: args.before != null ? decodeCursor(args.before, "before") : null,
  };
}

export function toConnection<T extends { dbId: number }>(
  page: T[],
  info: { hasNextPage: boolean; hasPreviousPage: boolean },
  totalCount: number,
): Connection<T> {
  const edges = page.map((node) => ({ cursor: encodeCursor(node.dbId), node }));
  return {
    edges,
    nodes: page,
    totalCount,
    pageInfo: {
      ...info,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/**
 * A connection over rows already loaded and sorted by id, as batched
 * relation loaders return them: the same cursors and page rules as a root list.
 */
export function connectionFromRows<T extends { dbId: number }>(rows: T[], args: PageArgs): Connection<T> {
  const w = pageWindow(args);
  const indexFrom = (pred: (r: T) => boolean) => {
    const i = rows.findIndex(pred);
    return i === -1 ? rows.length : i;
  };
  const from = w.afterId === null ? 0 : indexFrom((r) => r.dbId > w.afterId!);
  const to = Math.max(from, w.beforeId === null ? rows.length : indexFrom((r) => r.dbId >= w.beforeId!));
  const start = w.forward ? from : Math.max(from, to - w.size);
  const end = w.forward ? Math.min(to, from + w.size) : to;
  return toConnection(rows.slice(start, end), pageInfoFor(w, to - from, from > 0, to < rows.length), rows.length);
}

/**
 * Relay's rules: the side paged towards is known from the extra row fetched;
 * the side a cursor came from has rows when anything matches at or beyond it.
 */
export function pageInfoFor(w: PageWindow, rowsInWindow: number, rowsBeforeAfter: boolean, rowsFromBefore: boolean) {
  const more = rowsInWindow > w.size;
  return w.forward
    ? { hasNextPage: more, hasPreviousPage: w.afterId !== null && rowsBeforeAfter }
    : { hasPreviousPage: more, hasNextPage: w.beforeId !== null && rowsFromBefore };
}

/** Applies an async mapping to the nodes of a connection, keeping cursors and page info. */
export async function mapConnection<T, U>(
  connection: Connection<T>,
  map: (node: T) => Promise<U>,
): Promise<Connection<U, Edge<U>>> {
  const nodes = await Promise.all(connection.nodes.map(map));
  return {
    ...connection,
    nodes,
    edges: connection.edges.map((edge, i) => ({ ...edge, node: nodes[i] })),
  };
}
