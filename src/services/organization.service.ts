import { type ListArgs, NodeService, type ServiceDeps } from "./base.service";
import type { Item } from "./repository";

export class OrganizationService extends NodeService {
  constructor(deps: ServiceDeps) {
    super(deps, "Organization", deps.repos.organization);
  }

  aliases(org: Item) {
    return this.repos.organizationAlias.manyBy("organizationId", org.dbId);
  }

  parent(org: Item) {
    return this.repo.require(org.parentId);
  }

  children(org: Item, args: ListArgs) {
    return this.related(this.repo, "Organization", "parentId", org.dbId, args);
  }

  place(org: Item) {
    return this.repos.place.require(org.placeId);
  }

  positions(org: Item, args: ListArgs) {
    return this.related(this.repos.position, "Position", "organizationId", org.dbId, args);
  }

  /** People holding a position here; each edge's role is the title. */
  people(org: Item, args: ListArgs) {
    return this.linked({ repo: this.repos.position, field: "organizationId", key: org.dbId }, { repo: this.repos.person, type: "Person", relation: "person" }, args, (p) => p.title);
  }

  projects(org: Item, args: ListArgs) {
    return this.linked({ repo: this.repos.projectOrganization, field: "organizationId", key: org.dbId }, { repo: this.repos.project, type: "Project", relation: "project" }, args);
  }

  quotes(org: Item, args: ListArgs) {
    return this.related(this.repos.quote, "Quote", "speakerOrganizationId", org.dbId, args);
  }

  events(org: Item, args: ListArgs) {
    return this.linked({ repo: this.repos.participation, field: "organizationId", key: org.dbId }, { repo: this.repos.event, type: "Event", relation: "event" }, args);
  }

  participations(org: Item, args: ListArgs) {
    return this.related(this.repos.participation, "Participation", "organizationId", org.dbId, args);
  }

  technologies(org: Item, args: ListArgs) {
    return this.related(this.repos.technology, "Technology", "organizationId", org.dbId, args);
  }

  /** Training placements it hosts or whose programme's team it is, in id order. */
  async placements(org: Item) {
    const [asProgramme, asHost] = await Promise.all([
      this.repos.trainingPlacement.manyBy("programmeId", org.dbId),
      this.repos.trainingPlacement.manyBy("hostId", org.dbId),
    ]);
    const all = new Map([...asProgramme, ...asHost].map((p) => [p.dbId, p]));
    return [...all.values()].sort((a, b) => a.dbId - b.dbId);
  }

  figures(org: Item, args: ListArgs) {
    return this.related(this.repos.figure, "Figure", "organizationId", org.dbId, args);
  }
}
