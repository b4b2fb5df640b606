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
import type { ServiceDeps } from "./base.service";
import { lazyMembers } from "./lazy-members";
import { createRepositories } from "./repository";
import type { ReadColumnsRef } from "./read-columns";
import { requestDb } from "./request-db";
import { WhereTranslator } from "./where";

type Made = { deps: ServiceDeps; db: Db };
const withDeps = <S>(Service: new (deps: ServiceDeps) => S) => ({ deps }: Made) => new Service(deps);

/**
 * One set per request, so DataLoader caches never outlive the request. They
 * read through the request's view of the client (request-db.ts), which
 * carries `scope`, the request's statement scope, to every statement. Each
 * service is made when first used (lazyMembers): a request uses a few of the fifteen.
 */
export class Services extends lazyMembers({
  article: withDeps(ArticleService),
  place: withDeps(PlaceService),
  organization: withDeps(OrganizationService),
  person: withDeps(PersonService),
  position: withDeps(PositionService),
  event: withDeps(EventService),
  project: withDeps(ProjectService),
  participation: withDeps(ParticipationService),
  quote: withDeps(QuoteService),
  figure: withDeps(FigureService),
  technology: withDeps(TechnologyService),
  trainingPlacement: withDeps(TrainingPlacementService),
  node: withDeps(NodeLookupService),
  aggregate: ({ deps, db }: Made) => new AggregateService(deps, db),
  search: ({ deps, db }: Made) => new SearchService(deps, db),
}) {}

/**
 * `dataVersion` is the request's (Context.dataVersion): what its services may keep between requests is keyed by it.
 * `reads` holds the columns its reads take once its operation is known.
 */
export function createServices(shared: Db, scope: StatementScopeRef = {}, dataVersion?: () => Promise<string>, reads: ReadColumnsRef = {}): Services {
  const db = requestDb(shared, scope, reads);
  const repos = createRepositories(db, dataVersion);
  return new Services({ deps: { repos, filters: new WhereTranslator(repos), shapes: new Map(), pages: new WeakMap(), linkedPages: new WeakMap() }, db });
}
