import type { PageArgs } from "../pagination";
import { NodeService } from "./base.service";
import type { Item, Repositories } from "./repository";

export class OrganizationService extends NodeService {
  constructor(repos: Repositories) {
    super(repos, "Organization", repos.organization);
  }

  aliases(org: Item) {
    return this.repos.organizationAlias.manyBy("organizationId", org.dbId);
  }

  parent(org: Item) {
    return this.repo.require(org.parentId);
  }

  children(org: Item, args: PageArgs) {
    return this.related(this.repo, "parentId", org.dbId, args);
  }

  place(org: Item) {
    return this.repos.place.require(org.placeId);
  }

  positions(org: Item, args: PageArgs) {
    return this.related(this.repos.position, "organizationId", org.dbId, args);
  }

  /** People holding a position here; each edge's role is the title. */
  people(org: Item, args: PageArgs) {
    return this.linked(this.repos.position, "organizationId", org.dbId, this.repos.person, "personId", args, (p) => p.title);
  }

  projects(org: Item, args: PageArgs) {
    return this.linked(this.repos.projectOrganization, "organizationId", org.dbId, this.repos.project, "projectId", args);
  }

  quotes(org: Item, args: PageArgs) {
    return this.related(this.repos.quote, "speakerOrganizationId", org.dbId, args);
  }

  events(org: Item, args: PageArgs) {
    return this.linked(this.repos.participation, "organizationId", org.dbId, this.repos.event, "eventId", args);
  }

  participations(org: Item, args: PageArgs) {
    return this.related(this.repos.participation, "organizationId", org.dbId, args);
  }

  figures(org: Item, args: PageArgs) {
    return this.related(this.repos.figure, "organizationId", org.dbId, args);
  }
}
