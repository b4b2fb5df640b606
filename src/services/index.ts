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
import { createRepositories } from "./repository";
import { requestDb } from "./request-db";
import { WhereTranslator } from "./where";

/**
 * One set per request, so DataLoader caches never outlive the request. They
 * read through the request's view of the client (request-db.ts), which
 * carries `scope`, the request's statement scope, to every statement. Each
 * service is made when first used: a request uses a few of the fifteen.
 */
export class Services {
  #article?: ArticleService;
  #place?: PlaceService;
  #organization?: OrganizationService;
  #person?: PersonService;
  #position?: PositionService;
  #event?: EventService;
  #project?: ProjectService;
  #participation?: ParticipationService;
  #quote?: QuoteService;
  #figure?: FigureService;
  #technology?: TechnologyService;
  #trainingPlacement?: TrainingPlacementService;
  #node?: NodeLookupService;
  #aggregate?: AggregateService;
  #search?: SearchService;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly db: Db,
  ) {}

  get article(): ArticleService {
    return (this.#article ??= new ArticleService(this.deps));
  }
  get place(): PlaceService {
    return (this.#place ??= new PlaceService(this.deps));
  }
  get organization(): OrganizationService {
    return (this.#organization ??= new OrganizationService(this.deps));
  }
  get person(): PersonService {
    return (this.#person ??= new PersonService(this.deps));
  }
  get position(): PositionService {
    return (this.#position ??= new PositionService(this.deps));
  }
  get event(): EventService {
    return (this.#event ??= new EventService(this.deps));
  }
  get project(): ProjectService {
    return (this.#project ??= new ProjectService(this.deps));
  }
  get participation(): ParticipationService {
    return (this.#participation ??= new ParticipationService(this.deps));
  }
  get quote(): QuoteService {
    return (this.#quote ??= new QuoteService(this.deps));
  }
  get figure(): FigureService {
    return (this.#figure ??= new FigureService(this.deps));
  }
  get technology(): TechnologyService {
    return (this.#technology ??= new TechnologyService(this.deps));
  }
  get trainingPlacement(): TrainingPlacementService {
    return (this.#trainingPlacement ??= new TrainingPlacementService(this.deps));
  }
  get node(): NodeLookupService {
    return (this.#node ??= new NodeLookupService(this.deps));
  }
  get aggregate(): AggregateService {
    return (this.#aggregate ??= new AggregateService(this.deps, this.db));
  }
  get search(): SearchService {
    return (this.#search ??= new SearchService(this.deps, this.db));
  }
}

export function createServices(shared: Db, scope: StatementScopeRef = {}): Services {
  const db = requestDb(shared, scope);
  const repos = createRepositories(db);
  return new Services({ repos, filters: new WhereTranslator(repos), shapes: new Map(), pages: new WeakMap() }, db);
}
