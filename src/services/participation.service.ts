import { NodeService, type ServiceDeps } from "./base.service";
import type { Item } from "./repository";

export class ParticipationService extends NodeService {
  constructor(deps: ServiceDeps) {
    super(deps, "Participation", deps.repos.participation);
  }

  async event(participation: Item) {
    return (await this.repos.event.require(participation.eventId))!;
  }

  person(participation: Item) {
    return this.repos.person.require(participation.personId);
  }

  organization(participation: Item) {
    return this.repos.organization.require(participation.organizationId);
  }

  /** The person or the organization that took part; every participation has exactly one. */
  async participant(participation: Item) {
    return (await this.person(participation)) ?? (await this.organization(participation))!;
  }
}
