import { type ListArgs, NodeService, type ServiceDeps } from "./base.service";
import type { Item } from "./repository";

export class PersonService extends NodeService {
  constructor(deps: ServiceDeps) {
    super(deps, "Person", deps.repos.person);
  }

  positions(person: Item, args: ListArgs) {
    return this.related(this.repos.position, "Position", "personId", person.dbId, args);
  }

  /** Organizations the person holds a position at; each edge's role is the title. */
  organizations(person: Item, args: ListArgs) {
    return this.linked({ repo: this.repos.position, field: "personId", key: person.dbId }, { repo: this.repos.organization, type: "Organization", relation: "organization" }, args, (p) => p.title);
  }

  quotes(person: Item, args: ListArgs) {
    return this.related(this.repos.quote, "Quote", "speakerPersonId", person.dbId, args);
  }

  events(person: Item, args: ListArgs) {
    return this.linked({ repo: this.repos.participation, field: "personId", key: person.dbId }, { repo: this.repos.event, type: "Event", relation: "event" }, args);
  }

  placements(person: Item) {
    return this.repos.trainingPlacement.manyBy("personId", person.dbId);
  }

  /** Projects the person helped bring about; each edge's role says how. */
  projects(person: Item, args: ListArgs) {
    return this.linked({ repo: this.repos.projectPerson, field: "personId", key: person.dbId }, { repo: this.repos.project, type: "Project", relation: "project" }, args);
  }

  participations(person: Item, args: ListArgs) {
    return this.related(this.repos.participation, "Participation", "personId", person.dbId, args);
  }
}
