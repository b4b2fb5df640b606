import { NodeService, type ServiceDeps } from "./base.service";
import type { Item } from "./repository";

export class QuoteService extends NodeService {
  constructor(deps: ServiceDeps) {
    super(deps, "Quote", deps.repos.quote);
  }

  speakerPerson(quote: Item) {
    return this.repos.person.require(quote.speakerPersonId);
  }

  speakerOrganization(quote: Item) {
    return this.repos.organization.require(quote.speakerOrganizationId);
  }

  /** Who said it: a person, an organization, or null when the article does not say. */
  async speaker(quote: Item) {
    return (await this.speakerPerson(quote)) ?? (await this.speakerOrganization(quote));
  }

  event(quote: Item) {
    return this.repos.event.require(quote.eventId);
  }
}
