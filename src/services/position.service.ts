import { NodeService } from "./base.service";
import type { Item, Repositories } from "./repository";

export class PositionService extends NodeService {
  constructor(repos: Repositories) {
    super(repos, "Position", repos.position);
  }

  async person(position: Item) {
    return (await this.repos.person.require(position.personId))!;
  }

  async organization(position: Item) {
    return (await this.repos.organization.require(position.organizationId))!;
  }
}
