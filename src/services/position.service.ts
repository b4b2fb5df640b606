import { NodeService, type ServiceDeps } from "./base.service";
import type { Item } from "./repository";

export class PositionService extends NodeService {
  constructor(deps: ServiceDeps) {
    super(deps, "Position", deps.repos.position);
  }

  async person(position: Item) {
    return (await this.repos.person.require(position.personId))!;
  }

  async organization(position: Item) {
    return (await this.repos.organization.require(position.organizationId))!;
  }
}
