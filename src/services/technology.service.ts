import { NodeService, type ServiceDeps } from "./base.service";
import type { Item } from "./repository";

export class TechnologyService extends NodeService {
  constructor(deps: ServiceDeps) {
    super(deps, "Technology", deps.repos.technology);
  }

  organization(technology: Item) {
    return this.repos.organization.require(technology.organizationId);
  }
}
