import { NodeService, type ServiceDeps } from "./base.service";
import type { Item } from "./repository";

export class TrainingPlacementService extends NodeService {
  constructor(deps: ServiceDeps) {
    super(deps, "TrainingPlacement", deps.repos.trainingPlacement);
  }

  async person(placement: Item) {
    return (await this.repos.person.require(placement.personId))!;
  }

  async programme(placement: Item) {
    return (await this.repos.organization.require(placement.programmeId))!;
  }

  host(placement: Item) {
    return this.repos.organization.require(placement.hostId);
  }
}
