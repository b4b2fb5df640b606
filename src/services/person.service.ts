import type { PageArgs } from "../pagination";
import { NodeService } from "./base.service";
import type { Item, Repositories } from "./repository";

export class PersonService extends NodeService {
  constructor(repos: Repositories) {
    super(repos, "Person", repos.person);
  }

  positions(person: Item, args: PageArgs) {
    return this.related(this.repos.position, "personId", person.dbId, args);
  }

  /** Organizations the person holds a position at; each edge's role is the title. */
  organizations(person: Item, args: PageArgs) {
    return this.linked(this.repos.position, "personId", person.dbId, this.repos.organization, "organizationId", args, (p) => p.title);
  }

  quotes(person: Item, args: PageArgs) {
    return this.related(this.repos.quote, "speakerPersonId", person.dbId, args);
  }

  events(person: Item, args: PageArgs) {
    return this.linked(this.repos.participation, "personId", person.dbId, this.repos.event, "eventId", args);
  }

  participations(person: Item, args: PageArgs) {
    return this.related(this.repos.participation, "personId", person.dbId, args);
  }
}
