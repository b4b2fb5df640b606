import { BadUserInputError } from "../errors";
import { type NodeTypeName, parseGlobalId } from "../node";
import { type Connection, type PageArgs, connectionFromRows, mapConnection } from "../pagination";
import type { Item, Repositories, Repository, Where } from "./repository";

export interface LookupArgs {
  id?: string | null;
  slug?: string | null;
}

/** An edge through a link row: the linked node plus the link's role and passage. */
export interface LinkEdge<T> {
  cursor: string;
  node: T;
  role: string | null;
  source: Item["source"];
}

/** Lookups, lists and relation helpers shared by every entity service. */
export abstract class NodeService<T extends Item = Item> {
  constructor(
    protected readonly repos: Repositories,
    protected readonly typeName: NodeTypeName,
    protected readonly repo: Repository<T>,
  ) {}

  /** One record by global id or slug (exactly one of them); null when there is none. */
  async lookup({ id, slug }: LookupArgs): Promise<T | null> {
    if ((id == null) === (slug == null)) {
      throw new BadUserInputError(`Give ${this.typeName.toLowerCase()} either an id or a slug`, { argumentName: id == null ? "id" : "slug" });
    }
    if (slug != null) return this.repo.bySlug.load(slug);
    const parsed = parseGlobalId(id!, this.typeName);
    return parsed ? this.repo.byId.load(parsed.dbId) : null;
  }

  list(args: PageArgs, where: Where = {}): Promise<Connection<T>> {
    return this.repo.connection(args, where);
  }

  /** Rows of `repo` whose `field` points at `key`, as a connection. */
  protected async related<R extends Item>(repo: Repository<R>, field: string, key: number, args: PageArgs): Promise<Connection<R>> {
    return connectionFromRows(await repo.manyBy(field, key), args);
  }

  /**
   * Nodes reached through link rows (a project's organizations through
   * ProjectOrganization, say); edges keep the link's role and passage.
   */
  protected async linked<R extends Item>(
    linkRepo: Repository,
    field: string,
    key: number,
    target: Repository<R>,
    targetField: string,
    args: PageArgs,
    role: (link: Item) => string | null = (link) => link.role ?? null,
  ): Promise<Connection<R, LinkEdge<R>>> {
    const links = connectionFromRows(await linkRepo.manyBy(field, key), args);
    const mapped = await mapConnection(links, async (link) => (await target.byId.load(link[targetField]))!);
    return {
      ...mapped,
      edges: mapped.edges.map((edge, i) => ({ ...edge, role: role(links.nodes[i]), source: links.nodes[i].source })),
    };
  }
}
