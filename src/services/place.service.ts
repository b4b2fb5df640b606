import { type ListArgs, NodeService, type ServiceDeps } from "./base.service";
import type { Item } from "./repository";

export class PlaceService extends NodeService {
  constructor(deps: ServiceDeps) {
    super(deps, "Place", deps.repos.place);
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

  children(place: Item, args: ListArgs) {
    return this.related(this.repo, "Place", "parentId", place.dbId, args);
  }

  projects(place: Item, args: ListArgs) {
    return this.related(this.repos.project, "Project", "placeId", place.dbId, args);
  }

  /** Projects this place was considered for. */
  candidateFor(place: Item, args: ListArgs) {
    return this.linked({ repo: this.repos.projectCandidatePlace, field: "placeId", key: place.dbId }, { repo: this.repos.project, type: "Project", relation: "project" }, args);
  }

  events(place: Item, args: ListArgs) {
    return this.related(this.repos.event, "Event", "placeId", place.dbId, args);
  }

  organizations(place: Item, args: ListArgs) {
    return this.related(this.repos.organization, "Organization", "placeId", place.dbId, args);
  }

  figures(place: Item, args: ListArgs) {
    return this.related(this.repos.figure, "Figure", "placeId", place.dbId, args);
  }
}
