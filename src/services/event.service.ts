import type { PageArgs } from "../pagination";
import { NodeService } from "./base.service";
import type { Item, Repositories } from "./repository";

export class EventService extends NodeService {
  constructor(repos: Repositories) {
    super(repos, "Event", repos.event);
  }

  place(event: Item) {
    return this.repos.place.require(event.placeId);
  }

  parent(event: Item) {
    return this.repo.require(event.parentId);
  }

  subEvents(event: Item, args: PageArgs) {
    return this.related(this.repo, "parentId", event.dbId, args);
  }

  participants(event: Item, args: PageArgs) {
    return this.related(this.repos.participation, "eventId", event.dbId, args);
  }

  quotes(event: Item, args: PageArgs) {
    return this.related(this.repos.quote, "eventId", event.dbId, args);
  }

  projects(event: Item, args: PageArgs) {
    return this.linked(this.repos.eventProject, "eventId", event.dbId, this.repos.project, "projectId", args);
  }

  figures(event: Item, args: PageArgs) {
    return this.related(this.repos.figure, "eventId", event.dbId, args);
  }
}
