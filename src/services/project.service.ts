import type { PageArgs } from "../pagination";
import { NodeService } from "./base.service";
import type { Item, Repositories } from "./repository";

export class ProjectService extends NodeService {
  constructor(repos: Repositories) {
    super(repos, "Project", repos.project);
  }

  place(project: Item) {
    return this.repos.place.require(project.placeId);
  }

  organizations(project: Item, args: PageArgs) {
    return this.linked(this.repos.projectOrganization, "projectId", project.dbId, this.repos.organization, "organizationId", args);
  }

  events(project: Item, args: PageArgs) {
    return this.linked(this.repos.eventProject, "projectId", project.dbId, this.repos.event, "eventId", args);
  }

  figures(project: Item, args: PageArgs) {
    return this.related(this.repos.figure, "projectId", project.dbId, args);
  }

  /** The project's total investment figure (总投资), if the article states one. */
  async investment(project: Item) {
    const figures = await this.repos.figure.manyBy("projectId", project.dbId);
    return figures.find((f) => f.metric === "INVESTMENT") ?? null;
  }
}
