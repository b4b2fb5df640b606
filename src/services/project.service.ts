import { type ListArgs, NodeService, type ServiceDeps } from "./base.service";
import type { Item } from "./repository";

export class ProjectService extends NodeService {
  constructor(deps: ServiceDeps) {
    super(deps, "Project", deps.repos.project);
  }

  place(project: Item) {
    return this.repos.place.require(project.placeId);
  }

  organizations(project: Item, args: ListArgs) {
    return this.linked({ repo: this.repos.projectOrganization, field: "projectId", key: project.dbId }, { repo: this.repos.organization, type: "Organization", relation: "organization" }, args);
  }

  events(project: Item, args: ListArgs) {
    return this.linked({ repo: this.repos.eventProject, field: "projectId", key: project.dbId }, { repo: this.repos.event, type: "Event", relation: "event" }, args);
  }

  figures(project: Item, args: ListArgs) {
    return this.related(this.repos.figure, "Figure", "projectId", project.dbId, args);
  }

  /** People who helped bring the project about; each edge's role says how. */
  people(project: Item, args: ListArgs) {
    return this.linked({ repo: this.repos.projectPerson, field: "projectId", key: project.dbId }, { repo: this.repos.person, type: "Person", relation: "person" }, args);
  }

  /** Places considered for the project. */
  candidatePlaces(project: Item, args: ListArgs) {
    return this.linked({ repo: this.repos.projectCandidatePlace, field: "projectId", key: project.dbId }, { repo: this.repos.place, type: "Place", relation: "place" }, args);
  }

  /** The figures that count this project (城阳区's 43 projects and 582亿元). */
  countedIn(project: Item) {
    return this.repos.figurePart.manyBy("partProjectId", project.dbId);
  }

  /** The project's total investment figure (总投资), if the article states one. */
  async investment(project: Item) {
    const figures = await this.repos.figure.manyBy("projectId", project.dbId);
    return figures.find((f) => f.metric === "INVESTMENT") ?? null;
  }
}
