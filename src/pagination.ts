import crypto from "node:crypto";
import type { Db } from "./db";
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
  /** A number, or a promise of it when the count is made only if a client selects it. */
  totalCount: number | Promise<number>;
  /** The whole list the page was cut from, for aggregates: its condition, or its rows when already loaded. */
  scope?: ListScope;
}

/**
 * A whole list: the condition that selects it (root lists), its loaded rows
 * (nested lists), or a batched loader of its rows (lists reached through links).
 */
export type ListScope =
  | { where: Record<string, unknown> }
  | { rows: { dbId: number }[] }
  | {
      load: () => Promise<{ dbId: number }[]>;
      /** For a nested list: its parent key column, the parent, and the list's condition, so sums can run in SQL per parent. */
      parent?: { field: string; key: number; where: Record<string, unknown> };
    };

/** One sort key of a list: a column, its direction, and whether it can be null (nulls always sort last). */
export interface OrderTerm {
  column: string;
  desc: boolean;
  nullable: boolean;
  bigint: boolean;
  /**
   * An enum column's values as declared. Prisma's enum filters have no gt/lt,
   * so the keyset condition lists the values beyond the cursor's instead.
   */
  enumValues?: readonly string[];
}

/** How a list is cut and sorted; cursors are only valid for the same list. */
export interface ListShape {
  readonly order: OrderTerm[];
  /** Identifies the filter and ordering a cursor was made for. */
  readonly signature: string;
}

/**
 * A list's shape whose signature is digested only when a cursor is made or
 * checked: most lists are read for their nodes alone, and canonicalising and
 * hashing their arguments was 3% of a filtered list's request.
 */
class LazySignatureShape implements ListShape {
  private digest?: string = undefined;

  constructor(
    readonly order: OrderTerm[],
    private readonly identity: unknown,
  ) {}

  get signature(): string {
    return (this.digest ??= signatureOf(this.identity));
  }
}

/** The shape of a list sorted by `order`, whose cursors are bound to `identity` (its filter and ordering as the client gave them). */
export function listShape(order: OrderTerm[], identity: unknown): ListShape {
  return new LazySignatureShape(order, identity);
}

/** A short, stable digest of a list's filter and ordering. */
export function signatureOf(value: unknown): string {
  const canonical = JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
  return crypto.createHash("sha256").update(canonical ?? "").digest("base64url").slice(0, 12);
}

/** A position in a list: the sort-key values and id of a row, and the list it belongs to. */
export interface CursorPosition {
  values: unknown[];
  id: number;
}

/**
 * The key cursors are signed with. createApp sets the service's (CURSOR_SECRET
 * or the one kept in the database); until then, a key of this process only.
 */
let cursorKey: Buffer = crypto.randomBytes(32);

export function setCursorSecret(secret: string): void {
  cursorKey = Buffer.from(secret, "utf8");
}

const CURSOR_SECRET_KEY = "cursorSecret";

/**
 * The cursor secret every replica on this database shares: read from
 * ServiceState, or generated and stored by the first replica to start.
 * Replicas starting together race on the row's primary key; a loser reads
 * the winner's secret.
 */
export async function persistedCursorSecret(db: Db): Promise<string> {
  const read = async () => (await db.serviceState.findUnique({ where: { key: CURSOR_SECRET_KEY } }))?.value;
  const existing = await read();
  if (existing) return existing;
  try {
    await db.serviceState.create({ data: { key: CURSOR_SECRET_KEY, value: crypto.randomBytes(32).toString("base64url") } });
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
  const stored = await read();
  if (!stored) throw new Error("the cursor secret could not be stored in ServiceState");
  return stored;
}

/** 128 bits of HMAC-SHA256: a client cannot make or alter a cursor the server will accept. */
function mac(payload: string): string {
  return crypto.createHmac("sha256", cursorKey).update(payload).digest().subarray(0, 16).toString("base64url");
}

/**
 * Cursors are opaque to clients: base64url of the row's position and the
 * list's signature, then a dot and a MAC of that, so the only cursors a list
 * accepts are ones the server made.
 */
export function encodeCursor(shape: ListShape, row: { dbId: number } & Record<string, unknown>): string {
  const values = shape.order.map((t) => {
    const v = row[t.column];
    return typeof v === "bigint" ? v.toString() : (v ?? null);
  });
  const payload = Buffer.from(JSON.stringify({ v: values, id: row.dbId, s: shape.signature })).toString("base64url");
  return `${payload}.${mac(payload)}`;
}

function verifiedPayload(cursor: string): string | undefined {
  const dot = cursor.lastIndexOf(".");
  if (dot <= 0) return undefined;
  const payload = cursor.slice(0, dot);
  const given = Buffer.from(cursor.slice(dot + 1), "utf8");
  const expected = Buffer.from(mac(payload), "utf8");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? payload : undefined;
}

export function decodeCursor(cursor: string, argumentName: string, shape: ListShape): CursorPosition {
  let payload: { v?: unknown; id?: unknown; s?: unknown } | undefined;
  try {
    const verified = verifiedPayload(cursor);
    payload = verified === undefined ? undefined : JSON.parse(Buffer.from(verified, "base64url").toString("utf8"));
  } catch {
    payload = undefined;
  }
  const { v, id, s } = payload ?? {};
  if (!Array.isArray(v) || typeof id !== "number" || !Number.isSafeInteger(id) || id <= 0 || typeof s !== "string") {
    throw new BadUserInputError(`"${cursor.length > 200 ? `${cursor.slice(0, 200)}…` : cursor}" is not a valid cursor for ${argumentName}: use a cursor this API returned`, { argumentName });
  }
  if (s !== shape.signature || v.length !== shape.order.length) {
    throw new BadUserInputError(
      `The ${argumentName} cursor belongs to a list with a different where or orderBy: page with the arguments it was made with`,
      { argumentName },
    );
  }
  const values = v.map((value, i) => (shape.order[i].bigint && typeof value === "string" ? BigInt(value) : value));
  return { values, id };
}

export interface PageWindow {
  forward: boolean;
  size: number;
  after: CursorPosition | null;
  before: CursorPosition | null;
}

/** Reads and checks the connection arguments: first defaults to 20, and a page holds at most 100. */
export function pageWindow(args: PageArgs, shape: ListShape): PageWindow {
  const { first, last } = args;
  if (first != null && last != null) {
    throw new BadUserInputError("Pass either first or last, not both", { argumentName: "last" });
  }
  checkPageSize("first", first);
  checkPageSize("last", last);
  return {
    forward: last == null,
    size: last ?? first ?? DEFAULT_PAGE_SIZE,
    after: args.after != null ? decodeCursor(args.after, "after", shape) : null,
    before: args.before != null ? decodeCursor(args.before, "before", shape) : null,
  };
}

function checkPageSize(name: "first" | "last", value: number | null | undefined): void {
  if (value != null && (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE)) {
    throw new BadUserInputError(`${name} must be between 0 and ${MAX_PAGE_SIZE}, got ${value}`, { argumentName: name });
  }
}

/**
 * An edge whose cursor is made (an HMAC) only when a client reads it: the
 * deep query's edges are mostly read for their nodes, and signing every row
 * of every nested page was a visible share of its profile.
 */
export class LazyEdge<T> implements Edge<T> {
  private made?: string;

  constructor(
    private readonly shape: ListShape,
    private readonly row: { dbId: number } & Record<string, unknown>,
    public readonly node: T,
  ) {}

  get cursor(): string {
    return (this.made ??= encodeCursor(this.shape, this.row));
  }

  /** The same position, carrying another node (a link row's target, say). */
  withNode<U>(node: U): LazyEdge<U> {
    const edge = new LazyEdge(this.shape, this.row, node);
    edge.made = this.made;
    return edge;
  }
}

/**
 * The cursors of a page's first and last edges, made when read; its edges
 * are asked for only then.
 */
class PageCursors implements PageInfo {
  constructor(
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
    private readonly page: { readonly edges: Edge<unknown>[] },
  ) {}

  get startCursor(): string | null {
    const { edges } = this.page;
    return edges.length ? edges[0].cursor : null;
  }

  get endCursor(): string | null {
    const { edges } = this.page;
    return edges.length ? edges[edges.length - 1].cursor : null;
  }
}

/**
 * A page of a list. A class whose edges, page info and count are made when
 * read, rather than an object literal with them made up front: the deep
 * query builds about 16,000 pages and reads the edges of few of them, and
 * every literal carried its own getter closures besides. The fields are
 * read by graphql-js's default resolver, which finds the getters on the
 * prototype; a page is never spread (that would copy only own fields).
 */
class Page<T extends { dbId: number }> implements Connection<T> {
  scope?: ListScope = undefined;
  private madeEdges?: LazyEdge<T>[] = undefined;
  private madeInfo?: PageCursors = undefined;
  private counted?: Promise<number> = undefined;

  constructor(
    readonly nodes: T[],
    private readonly info: { hasNextPage: boolean; hasPreviousPage: boolean },
    private readonly count: number | (() => Promise<number>),
    private readonly shape: ListShape,
  ) {}

  get edges(): LazyEdge<T>[] {
    if (this.madeEdges === undefined) {
      const { nodes, shape } = this;
      const edges = new Array<LazyEdge<T>>(nodes.length);
      for (let i = 0; i < nodes.length; i++) edges[i] = new LazyEdge(shape, nodes[i] as T & Record<string, unknown>, nodes[i]);
      this.madeEdges = edges;
    }
    return this.madeEdges;
  }

  get pageInfo(): PageInfo {
    return (this.madeInfo ??= new PageCursors(this.info.hasNextPage, this.info.hasPreviousPage, this));
  }

  /**
   * Edges at this page's positions carrying other nodes (mapConnection's):
   * made straight from the rows, without making this page's own edges first.
   */
  edgesCarrying<U>(nodes: U[]): LazyEdge<U>[] {
    const own = this.madeEdges;
    const rows = this.nodes as unknown as ({ dbId: number } & Record<string, unknown>)[];
    const edges = new Array<LazyEdge<U>>(rows.length);
    for (let i = 0; i < rows.length; i++) edges[i] = own ? own[i].withNode(nodes[i]) : new LazyEdge(this.shape, rows[i], nodes[i]);
    return edges;
  }

  /** A count function runs (one COUNT statement, batched across parents) only when totalCount is read. */
  get totalCount(): number | Promise<number> {
    const { count } = this;
    return typeof count === "number" ? count : (this.counted ??= count());
  }

  /** The count when it is known without a statement. */
  get knownCount(): number | undefined {
    return typeof this.count === "number" ? this.count : undefined;
  }
}

export function toConnection<T extends { dbId: number }>(
  page: T[],
  info: { hasNextPage: boolean; hasPreviousPage: boolean },
  totalCount: number | (() => Promise<number>),
  shape: ListShape,
): Connection<T> {
  return new Page(page, info, totalCount, shape);
}

/**
 * Relay's rules: the side paged towards is known from the extra row fetched;
 * the side a cursor came from has rows when anything matches at or beyond it.
 */
export function pageInfoFor(w: PageWindow, rowsInWindow: number, rowsBeforeAfter: boolean, rowsFromBefore: boolean) {
  const more = rowsInWindow > w.size;
  return w.forward
    ? { hasNextPage: more, hasPreviousPage: w.after !== null && rowsBeforeAfter }
    : { hasPreviousPage: more, hasNextPage: w.before !== null && rowsFromBefore };
}

/**
 * A connection over rows already loaded in list order, as batched relation
 * loaders return them: the same cursors and page rules as a root list.
 */
export function connectionFromRows<T extends { dbId: number }>(rows: T[], args: PageArgs, shape: ListShape): Connection<T> {
  const w = pageWindow(args, shape);
  const from = w.after === null ? 0 : indexOfCursor(rows, w.after, "after") + 1;
  const to = Math.max(from, w.before === null ? rows.length : indexOfCursor(rows, w.before, "before"));
  const start = w.forward ? from : Math.max(from, to - w.size);
  const end = w.forward ? Math.min(to, from + w.size) : to;
  const page = new Page(start === 0 && end === rows.length ? rows : rows.slice(start, end), pageInfoFor(w, to - from, from > 0, to < rows.length), rows.length, shape);
  page.scope = { rows };
  return page;
}

function indexOfCursor(rows: { dbId: number }[], position: CursorPosition, argumentName: string): number {
  const i = rows.findIndex((r) => r.dbId === position.id);
  if (i === -1) throw new BadUserInputError(`The ${argumentName} cursor points at an item that is no longer in this list`, { argumentName });
  return i;
}

/**
 * Applies an async mapping to the nodes of a connection, keeping cursors and
 * page info. A count that is not known yet stays behind a getter: reading it
 * would run its count.
 */
export async function mapConnection<T, U>(
  connection: Connection<T>,
  map: (node: T) => Promise<U>,
): Promise<Connection<U, Edge<U>>> {
  return withNodes(connection, await Promise.all(connection.nodes.map(map)));
}

/** The connection with `nodes` (one for each of its own, in order) in place of its nodes, as mapConnection makes it. */
export function withNodes<T, U>(connection: Connection<T>, nodes: U[]): Connection<U, Edge<U>> {
  let edges: Edge<U>[];
  if (connection instanceof Page) {
    edges = connection.edgesCarrying(nodes);
  } else {
    const from = connection.edges;
    edges = new Array<Edge<U>>(from.length);
    for (let i = 0; i < from.length; i++) {
      const edge = from[i];
      edges[i] = edge instanceof LazyEdge ? edge.withNode(nodes[i]) : { ...edge, node: nodes[i] };
    }
  }
  const known = connection instanceof Page ? connection.knownCount : undefined;
  if (known !== undefined) return { nodes, edges, pageInfo: connection.pageInfo, totalCount: known, scope: connection.scope };
  return new CountedLater(nodes, edges, connection);
}

/**
 * A connection whose count is the one of the connection it was mapped from,
 * made only when read. The getter is the class's: an object literal with a
 * getter gets an accessor pair that V8 allocates in the old generation, and
 * everything its closure reached (the connection, its rows, the request)
 * then outlived every young-generation collection until the next full one.
 */
class CountedLater<U> implements Connection<U, Edge<U>> {
  readonly pageInfo: PageInfo;
  scope?: ListScope;
  readonly #from: Connection<unknown>;
  constructor(
    readonly nodes: U[],
    readonly edges: Edge<U>[],
    from: Connection<unknown>,
  ) {
    this.pageInfo = from.pageInfo;
    this.scope = from.scope;
    this.#from = from;
  }
  get totalCount(): number | Promise<number> {
    return this.#from.totalCount;
  }
}
