import { NotFoundError } from "../errors";
import { NodeService, type ServiceDeps } from "./base.service";
import type { Item } from "./repository";

export class ArticleService extends NodeService {
  constructor(deps: ServiceDeps) {
    super(deps, "Article", deps.repos.article);
  }

  /** The article the graph was read from; NOT_FOUND before the database is seeded. */
  async theArticle(): Promise<Item> {
    const { nodes } = await this.list({ first: 1 });
    if (nodes.length === 0) throw new NotFoundError("The article (the database has not been seeded)");
    return nodes[0];
  }

  outlet(article: Item) {
    return this.repos.organization.require(article.outletId);
  }

  /** Reporters in byline order. */
  async reporters(article: Item): Promise<Item[]> {
    const links = await this.repos.articleReporter.manyBy("articleId", article.dbId);
    const ordered = [...links].sort((a, b) => a.ordinal - b.ordinal);
    return Promise.all(ordered.map(async (link) => (await this.repos.person.byId.load(link.personId))!));
  }
}
