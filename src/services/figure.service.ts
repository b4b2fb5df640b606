import { NodeService, type ServiceDeps } from "./base.service";
import type { Item } from "./repository";

export class FigureService extends NodeService {
  constructor(deps: ServiceDeps) {
    super(deps, "Figure", deps.repos.figure);
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

  /** What the number is about; every figure has exactly one subject. */
  async subject(figure: Item) {
    return (await this.project(figure)) ?? (await this.place(figure)) ?? (await this.organization(figure)) ?? (await this.event(figure))!;
  }
}
