import { BadUserInputError } from "../errors";
import { type NodeTypeName, parseGlobalId } from "../node";
import { type Connection, type ListShape, type PageArgs, connectionFromRows, listShape, mapConnection, pageWindow, toConnection, withNodes } from "../pagination";
import { prismaOrderBy } from "./keyset";
import { type Item, type Repositories, type Repository, type Where, linkTarget } from "./repository";
import { type WhereTranslator, orderTerms } from "./where";

export interface LookupArgs {
  id?: string | null;
  slug?: string | null;
}

/** Connection arguments with the list's filter and ordering, as the API receives them. */
export interface ListArgs extends PageArgs {
  where?: object | null;
  orderBy?: { field: string; direction: string }[] | null;
}

/** An edge through a link row: the linked node plus the link's role and passage. */
export interface LinkEdge<T> {
  cursor: string;
  node: T;
  role: string | null;
  source: Item["source"];
}

/*
 * Made once per list shape. Shapes belong to one request (ServiceDeps.shapes),
 * so these module-wide weak maps hold nothing past it, and a request does not
 * allocate a pair of maps for each of its fifteen services.
 */
const orders = new WeakMap<ListShape, object[]>();
const linkShapes = new WeakMap<ListShape, Map<string, { linkWhere: Where; orderBy: object[] }>>();

const defaultRole = (l: Item): string | null => l.role ?? null;

/** A list's Prisma condition and its shape (sort terms and the signature its cursors carry). */
export interface Shaped {
  where: Where;
  shape: ListShape;
}

type PageCache = WeakMap<object, Map<Repository, Map<string, Map<number, Promise<unknown>>>>>;

/** What every service of a request shares. */
export interface ServiceDeps {
  repos: Repositories;
  filters: WhereTranslator;
  /** Translated list shapes of the request, by type, where and orderBy: a promise until translated, then the shape itself. */
  shapes: Map<string, Shaped | Promise<Shaped>>;
  /** The request's nested pages already asked for, by arguments, repository, field and parent key (NodeService.once). */
  pages: PageCache;
  /**
   * The same for pages of linked nodes (NodeService.linked): a link table and
   * field also give related() a page of the link rows themselves (a person's
   * positions beside the organizations reached through them).
   */
  linkedPages: PageCache;
}

/** Lookups, lists and relation helpers shared by every entity service. */
export abstract class NodeService<T extends Item = Item> {
  protected readonly repos: Repositories;
  protected readonly filters: WhereTranslator;
  private readonly shapes: ServiceDeps["shapes"];
  private readonly pages: PageCache;
  private readonly linkedPages: PageCache;

  constructor(
    deps: ServiceDeps,
    protected readonly typeName: NodeTypeName,
    protected readonly repo: Repository<T>,
  ) {
    this.repos = deps.repos;
    this.filters = deps.filters;
    this.shapes = deps.shapes;
    this.pages = deps.pages;
    this.linkedPages = deps.linkedPages;
  }

  /**
   * A nested page made once per request for its arguments, repository and
   * parent: an organization reached under many projects is asked for its
   * people under each of them (the deep query made 4,305 such pages for 202
   * organizations), and each asks the same. A page is the same answer for
   * every parent that asks: its rows, cursors, counts and aggregates depend
   * on nothing else, and nothing changes a page once it is made.
   */
  private once<C>(pages: PageCache, args: object, repo: Repository, field: string, key: number, make: () => Promise<C>): Promise<C> {
    let byRepo = pages.get(args);
    if (!byRepo) pages.set(args, (byRepo = new Map()));
    let byField = byRepo.get(repo);
    if (!byField) byRepo.set(repo, (byField = new Map()));
    // By field, then the parent's number: no string made and hashed for each of the deep query's 10,000 pages.
    let byKey = byField.get(field);
    if (!byKey) byField.set(field, (byKey = new Map()));
    let page = byKey.get(key) as Promise<C> | undefined;
    if (!page) byKey.set(key, (page = make()));
    return page;
  }

  /** One record by global id or slug (exactly one of them); null when there is none. */
  async lookup({ id, slug }: LookupArgs): Promise<T | null> {
    if ((id == null) === (slug == null)) {
      throw new BadUserInputError(`Give ${this.typeName.toLowerCase()} either an id or a slug`, { argumentName: id == null ? "id" : "slug" });
    }
    if (slug != null) return this.repo.bySlug.load(slug);
    const parsed = parseGlobalId(id!, this.typeName);
    return parsed ? this.repo.byId.load(parsed.dbId) : null;
  }

  list(args: ListArgs): Promise<Connection<T>> {
    return this.listReading(args);
  }

  /** A root list whose page reads only `columns` (with id and the ordering's, which its cursors hold); every column when not given. */
  protected async listReading(args: ListArgs, columns?: readonly string[]): Promise<Connection<T>> {
    const { where, shape } = await this.shape(this.typeName, args);
    return this.repo.connection(args, where, shape, columns);
  }

  /**
   * The Prisma condition and sort terms for a list of `type`, and the signature its cursors carry;
   * worked out once per request for each distinct where/orderBy, since a nested list repeats them for every parent.
   * Once worked out it is returned as it is, not as a promise, so a nested page under the request's other parents
   * does not wait a turn for it (see relatedPage).
   */
  protected shape(type: NodeTypeName, args: ListArgs): Shaped | Promise<Shaped> {
    // Most nested lists have neither: the type alone is their key (no JSON key is a bare name), and serialising is skipped.
    const key =
      args.where == null && args.orderBy == null ? type : JSON.stringify([type, args.where ?? null, args.orderBy ?? null], (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
    let shape = this.shapes.get(key);
    if (!shape) {
      const translated = this.translate(type, args);
      this.shapes.set(key, translated);
      // A translation that fails stays the rejected promise, for every parent that asks.
      translated.then((done) => void this.shapes.set(key, done), () => undefined);
      shape = translated;
    }
    return shape;
  }

  private async translate(type: NodeTypeName, args: ListArgs): Promise<Shaped> {
    const where = await this.filters.translate(type, args.where as Record<string, unknown> | null);
    const order = orderTerms(type, args.orderBy);
    return { where, shape: listShape(order, { where: args.where ?? null, orderBy: args.orderBy ?? null }) };
  }

  /**
   * Rows of `repo` (of `type`) whose `field` points at `key`, filtered, ordered and paged.
   * A first page without a filter is cut in SQL, per parent (Repository.firstBy), and
   * totalCount and aggregates read the whole list only when they are selected; pages
   * after a cursor, from the end, or of a filtered list are cut from the parent's rows.
   */
  protected related<R extends Item>(repo: Repository<R>, type: NodeTypeName, field: string, key: number, args: ListArgs): Promise<Connection<R>> {
    return this.once(this.pages, args, repo, field, key, () => this.relatedPage(repo, type, field, key, args));
  }

  /*
   * relatedPage and linkedPage chain on their loader's promise rather than
   * being async functions: an async function's frame (its registers, its
   * closures for each await) lives while the statement runs, which is long
   * enough for young-generation collections to copy it and then promote it.
   * The deep query makes some 10,000 of these pages, and their frames were
   * the largest share of what each request promoted.
   */
  private relatedPage<R extends Item>(repo: Repository<R>, type: NodeTypeName, field: string, key: number, args: ListArgs): Promise<Connection<R>> {
    try {
      const shaped = this.shape(type, args);
      return isPending(shaped) ? shaped.then((done) => this.relatedRows(repo, field, key, args, done)) : this.relatedRows(repo, field, key, args, shaped);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private relatedRows<R extends Item>(repo: Repository<R>, field: string, key: number, args: ListArgs, { where, shape }: Shaped): Promise<Connection<R>> {
    if (args.after == null && args.before == null && args.last == null && Object.keys(where).length === 0) {
      const size = pageWindow(args, shape).size;
      return repo.firstBy(field, key, shape.order, size).then((rows) => {
        const connection = toConnection(rows.slice(0, size), { hasNextPage: rows.length > size, hasPreviousPage: false }, () => repo.countBy(field, key, where), shape);
        return Object.assign(connection, { scope: { load: () => repo.manyBy(field, key, where, this.orderOf(shape)), parent: { field, key, where } } });
      });
    }
    return repo.manyBy(field, key, where, this.orderOf(shape)).then((rows) => connectionFromRows(rows, args, shape));
  }

  /** Prisma's orderBy for a list shape, made once per shape, so manyBy finds its loader by identity. */
  private orderOf(shape: ListShape): object[] {
    let order = orders.get(shape);
    if (!order) orders.set(shape, (order = prismaOrderBy(shape.order)));
    return order;
  }

  /** The link rows' condition and order for a list of linked nodes, made once per shape and relation. */
  private linkShape(where: Where, shape: ListShape, relation: string): { linkWhere: Where; orderBy: object[] } {
    let byRelation = linkShapes.get(shape);
    if (!byRelation) linkShapes.set(shape, (byRelation = new Map()));
    let made = byRelation.get(relation);
    if (!made) {
      made = {
        linkWhere: Object.keys(where).length ? { [relation]: { is: where } } : {},
        orderBy: prismaOrderBy(shape.order).map((term) => ("id" in term ? term : { [relation]: term })),
      };
      byRelation.set(relation, made);
    }
    return made;
  }

  /**
   * Nodes reached through link rows (a project's organizations through
   * ProjectOrganization, say), filtered and ordered by the linked node's
   * fields; edges keep the link's role and passage.
   */
  protected linked<R extends Item>(
    link: { repo: Repository; field: string; key: number },
    target: { repo: Repository<R>; type: NodeTypeName; relation: string },
    args: ListArgs,
    role: (link: Item) => string | null = defaultRole,
  ): Promise<Connection<R, LinkEdge<R>>> {
    // Among linked pages a link table and its field lead to one target relation, read with one role: the key needs no more.
    return this.once(this.linkedPages, args, link.repo, link.field, link.key, () => this.linkedPage(link, target, args, role));
  }

  private linkedPage<R extends Item>(
    link: { repo: Repository; field: string; key: number },
    target: { repo: Repository<R>; type: NodeTypeName; relation: string },
    args: ListArgs,
    role: (link: Item) => string | null,
  ): Promise<Connection<R, LinkEdge<R>>> {
    try {
      const shaped = this.shape(target.type, args);
      return isPending(shaped) ? shaped.then((done) => this.linkedRows(link, target, args, role, done)) : this.linkedRows(link, target, args, role, shaped);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private linkedRows<R extends Item>(
    link: { repo: Repository; field: string; key: number },
    target: { repo: Repository<R>; type: NodeTypeName; relation: string },
    args: ListArgs,
    role: (link: Item) => string | null,
    { where, shape }: Shaped,
  ): Promise<Connection<R, LinkEdge<R>>> {
    const { linkWhere, orderBy } = this.linkShape(where, shape, target.relation);
    const idKey = `${target.relation}Id`;
    // Without a filter on the linked nodes, and in an order of the link's own columns, the links are read with their targets.
    const withTargets = Object.keys(linkWhere).length === 0 ? link.repo.manyWithTarget(link.field, link.key, orderBy, { repo: target.repo, column: idKey }) : undefined;
    if (withTargets) {
      return withTargets.then((rows) => {
        const links = connectionFromRows(rows, args, shape);
        const mapped = withNodes(links, links.nodes.map((l) => linkTarget<R>(l) as R));
        return linkEdges(mapped, links.nodes, role, async () => rows.map((l) => linkTarget(l)).filter((n) => n != null) as Item[]);
      });
    }
    return link.repo.manyBy(link.field, link.key, linkWhere, orderBy).then(async (rows) => {
      const links = connectionFromRows(rows, args, shape);
      const byId = target.repo.byId;
      // The loader's own promise, not an async wrapper: one promise fewer per edge (the link's target exists: foreign key).
      const mapped = await mapConnection(links, (l) => byId.load(l[idKey]) as Promise<R>);
      // Aggregates read every linked node through the request's loader: one statement for all parents.
      return linkEdges(mapped, links.nodes, role, async () => (await Promise.all(rows.map((l) => byId.load(l[idKey])))).filter((n) => n !== null) as Item[]);
    });
  }
}

function isPending(shaped: Shaped | Promise<Shaped>): shaped is Promise<Shaped> {
  return typeof (shaped as Promise<Shaped>).then === "function";
}

/** A mapped page of links completed in place: each edge gets its link's role and passage, the page its scope. */
function linkEdges<R>(mapped: Connection<R>, links: Item[], role: (link: Item) => string | null, load: () => Promise<Item[]>): Connection<R, LinkEdge<R>> {
  // withNodes' and mapConnection's connection and edges are new and this page's own: completed in place rather than copied.
  const edges = mapped.edges as LinkEdge<R>[];
  for (let i = 0; i < edges.length; i++) {
    // Assigned, not spread: spreading would read (and so sign) every edge's lazy cursor.
    edges[i].role = role(links[i]);
    edges[i].source = links[i].source;
  }
  mapped.scope = { load };
  return mapped as Connection<R, LinkEdge<R>>;
}
