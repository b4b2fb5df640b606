import type { Db } from "../db";
import { ArticleService } from "./article.service";
import { EventService } from "./event.service";
import { FigureService } from "./figure.service";
import { NodeLookupService } from "./node.service";
import { OrganizationService } from "./organization.service";
import { ParticipationService } from "./participation.service";
import { PersonService } from "./person.service";
import { PlaceService } from "./place.service";
import { PositionService } from "./position.service";
import { ProjectService } from "./project.service";
import { QuoteService } from "./quote.service";
import { createRepositories } from "./repository";

/** One set per request, so DataLoader caches never outlive the request. */
export function createServices(db: Db) {
  const repos = createRepositories(db);
  return {
    article: new ArticleService(repos),
    place: new PlaceService(repos),
    organization: new OrganizationService(repos),
    person: new PersonService(repos),
    position: new PositionService(repos),
    event: new EventService(repos),
    project: new ProjectService(repos),
    participation: new ParticipationService(repos),
    quote: new QuoteService(repos),
    figure: new FigureService(repos),
    node: new NodeLookupService(repos),
  };
}

export type Services = ReturnType<typeof createServices>;
