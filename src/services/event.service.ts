import { type ListArgs, NodeService, type ServiceDeps } from "./base.service";
import type { Item } from "./repository";

export class EventService extends NodeService {
  constructor(deps: ServiceDeps) {
    super(deps, "Event", deps.repos.event);
  }

  place(event: Item) {
    return this.repos.place.require(event.placeId);
  }

  parent(event: Item) {
    return this.repo.require(event.parentId);
  }

  subEvents(event: Item, args: ListArgs) {
    return this.related(this.repo, "Event", "parentId", event.dbId, args);
  }

  participants(event: Item, args: ListArgs) {
    return this.related(this.repos.participation, "Participation", "eventId", event.dbId, args);
  }

  quotes(event: Item, args: ListArgs) {
    return this.related(this.repos.quote, "Quote", "eventId", event.dbId, args);
  }

  projects(event: Item, args: ListArgs) {
    return this.linked({ repo: this.repos.eventProject, field: "eventId", key: event.dbId }, { repo: this.repos.project, type: "Project", relation: "project" }, args);
  }

  figures(event: Item, args: ListArgs) {
    return this.related(this.repos.figure, "Figure", "eventId", event.dbId, args);
  }
}
