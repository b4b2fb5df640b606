import { NodeService, type ServiceDeps } from "./base.service";
import type { Item } from "./repository";

export class FigureService extends NodeService {
  constructor(deps: ServiceDeps) {
    super(deps, "Figure", deps.repos.figure);
  }

  lookupById(id: number) {
    return this.repo.byId.load(id);
  }

  projectById(id: number | null) {
    return this.repos.project.require(id);
  }

  project(figure: Item) {
    return this.repos.project.require(figure.projectId);
  }

  place(figure: Item) {
    return this.repos.place.require(figure.placeId);
  }

  organization(figure: Item) {
    return this.repos.organization.require(figure.organizationId);
  }

  event(figure: Item) {
    return this.repos.event.require(figure.eventId);
  }

  /** The figures (or projects) counted inside this one. */
  parts(figure: Item) {
    return this.repos.figurePart.manyBy("wholeId", figure.dbId);
  }

  /**
   * The links that put this figure inside another: as a part itself, or
   * through its project being counted in a whole of the same metric.
   */
  async partOf(figure: Item) {
    const [direct, viaProject] = await Promise.all([
      this.repos.figurePart.manyBy("partFigureId", figure.dbId),
      figure.projectId ? this.repos.figurePart.manyBy("partProjectId", figure.projectId) : Promise.resolve([]),
    ]);
    const wholes = await Promise.all(viaProject.map((l) => this.repos.figure.byId.load(l.wholeId)));
    return [...direct, ...viaProject.filter((_, i) => wholes[i]?.metric === figure.metric)].sort((a, b) => a.dbId - b.dbId);
  }

  /** What the number is about; every figure has exactly one subject. */
  async subject(figure: Item) {
    return (await this.project(figure)) ?? (await this.place(figure)) ?? (await this.organization(figure)) ?? (await this.event(figure))!;
  }
}
