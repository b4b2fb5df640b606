import type { StatementScopeRef } from "../adapter";
import type { Db } from "../db";
import { AggregateService } from "./aggregate.service";
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
import { SearchService } from "./search.service";
import { TechnologyService } from "./technology.service";
import { TrainingPlacementService } from "./training-placement.service";
import { createRepositories } from "./repository";
import { requestDb } from "./request-db";
import { WhereTranslator } from "./where";

/**
 * One set per request, so DataLoader caches never outlive the request. They
 * read through the request's view of the client (request-db.ts), which
 * carries `scope`, the request's statement scope, to every statement.
 */
export function createServices(shared: Db, scope: StatementScopeRef = {}) {
  const db = requestDb(shared, scope);
  const repos = createRepositories(db);
  const deps = { repos, filters: new WhereTranslator(repos), shapes: new Map() };
  return {
    article: new ArticleService(deps),
    place: new PlaceService(deps),
    organization: new OrganizationService(deps),
    person: new PersonService(deps),
    position: new PositionService(deps),
    event: new EventService(deps),
    project: new ProjectService(deps),
    participation: new ParticipationService(deps),
    quote: new QuoteService(deps),
    figure: new FigureService(deps),
    technology: new TechnologyService(deps),
    trainingPlacement: new TrainingPlacementService(deps),
    node: new NodeLookupService(deps),
    aggregate: new AggregateService(deps, db),
    search: new SearchService(deps, db),
  };
}

export type Services = ReturnType<typeof createServices>;
