import type { PageArgs } from "../pagination";
import { NodeService } from "./base.service";
import type { Item, Repositories } from "./repository";

export class PlaceService extends NodeService {
  constructor(repos: Repositories) {
    super(repos, "Place", repos.place);
  }

  parent(place: Item) {
    return this.repo.require(place.parentId);
  }

  /** From the direct parent up to the outermost place. */
  async ancestors(place: Item): Promise<Item[]> {
    const chain: Item[] = [];
    for (let at = await this.parent(place); at; at = await this.parent(at)) chain.push(at);
    return chain;
  }

  children(place: Item, args: PageArgs) {
    return this.related(this.repo, "parentId", place.dbId, args);
  }

  projects(place: Item, args: PageArgs) {
    return this.related(this.repos.project, "placeId", place.dbId, args);
  }

  events(place: Item, args: PageArgs) {
    return this.related(this.repos.event, "placeId", place.dbId, args);
  }

  organizations(place: Item, args: PageArgs) {
    return this.related(this.repos.organization, "placeId", place.dbId, args);
  }

  figures(place: Item, args: PageArgs) {
    return this.related(this.repos.figure, "placeId", place.dbId, args);
  }
}
