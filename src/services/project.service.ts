import type { FieldNode, GraphQLResolveInfo } from "graphql";
import { parseGlobalId } from "../node";
import type { Connection } from "../pagination";
import { type ListArgs, type LookupArgs, NodeService, type ServiceDeps } from "./base.service";
import type { Item, JoinedOne } from "./repository";
import { connectionNodeFields, selectedFields, selectedUnder } from "./selection";

/** The metric of the figure `Project.investment` answers with (总投资). */
const INVESTMENT = "INVESTMENT";

/**
 * The Figure fields a project's own row answers for its investment figure:
 * the seed keeps that figure's value, and whether it is approximate, on the
 * project (for filters and sorts), so `investment { value approximate }`
 * needs no read of figures. The deep query read 3,302 figures for it, a
 * statement and a loader's promise per project.
 */
const ANSWERED_BY_ROW = new Set(["__typename", "value", "approximate"]);
const answeredByRow = (fields: Set<string>) => fields.size > 0 && [...fields].every((field) => ANSWERED_BY_ROW.has(field));
/** Whether each `investment` field of an operation asks only for what the row holds, by its field nodes (graphql-jit passes the same array for every project). */
const investmentByRow = new WeakMap<readonly FieldNode[], boolean>();

/**
 * The columns each Project field reads from its row (besides id, which
 * every row has): relations through link rows and the investment figure
 * need the id alone. A field missing here makes a list read every column.
 */
const COLUMNS_OF_FIELD: Record<string, readonly string[]> = {
  __typename: [],
  id: [],
  slug: ["slug"],
  name: ["name"],
  kind: ["kind"],
  status: ["status"],
  dateText: ["dateText"],
  date: ["date"],
  datePrecision: ["datePrecision"],
  yearInferred: ["yearInferred"],
  description: ["description"],
  source: ["sourceStart", "sourceEnd", "sourceExcerpt"],
  place: ["placeId"],
  organizations: [],
  events: [],
  people: [],
  candidatePlaces: [],
  countedIn: [],
  figures: [],
  investment: ["investment", "investmentApproximate"],
};

export class ProjectService extends NodeService {
  constructor(deps: ServiceDeps) {
    super(deps, "Project", deps.repos.project);
  }

  /**
   * One project by id or slug. When the selection asks for its place or its
   * investment, they are read in the lookup's own statement (joins) and primed
   * into the loaders their resolvers read: a lookup with both was three
   * statements and round trips, now one. Other selections read as before.
   */
  override async lookup(args: LookupArgs, info?: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">): Promise<Item | null> {
    const selected = info ? selectedFields(info) : undefined;
    const withPlace = selected?.has("place") ?? false;
    const withInvestment = (selected?.has("investment") ?? false) && !answeredByRow(selectedUnder(info!, "investment"));
    // Exactly one of id and slug, else the base lookup's input error.
    if ((!withPlace && !withInvestment) || (args.id == null) === (args.slug == null)) return super.lookup(args);
    let column: "id" | "slug" = "slug";
    let key: unknown = args.slug;
    if (args.id != null) {
      const parsed = parseGlobalId(args.id, "Project");
      if (!parsed) return null;
      column = "id";
      key = parsed.dbId;
    }
    const joined: JoinedOne[] = [];
    if (withPlace) joined.push({ repo: this.repos.place, on: (j) => `"${j}"."id" = "r"."placeId"` });
    if (withInvestment) {
      const investment = this.investmentLoader;
      joined.push({
        repo: this.repos.figure,
        on: (j) => `"${j}"."id" = (SELECT MIN("id") FROM "Figure" WHERE "projectId" = "r"."id" AND "metric" = '${INVESTMENT}')`,
        prime: (project, figure) => investment.prime(project.dbId, figure),
      });
    }
    return this.repo.oneWith(column, key, `${withPlace ? "place" : ""}+${withInvestment ? "investment" : ""}`, joined);
  }

  /**
   * A root list of projects whose page reads only the columns its selected
   * fields need: making a JavaScript object of all sixteen columns for each
   * of a page's 100 rows was about half the page statement's time on SQLite
   * (0.64 ms against 0.38 for id, name and placeId), and every value is
   * garbage for the collector after the response.
   */
  override list(args: ListArgs, info?: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">): Promise<Connection<Item>> {
    if (!info) return this.listReading(args);
    const columns = new Set<string>();
    for (const field of connectionNodeFields(info)) {
      const read = COLUMNS_OF_FIELD[field];
      if (!read) return this.listReading(args);
      for (const column of read) columns.add(column);
    }
    return this.listReading(args, [...columns]);
  }

  private get investmentLoader() {
    return this.repos.figure.firstWhere("projectId", "metric", INVESTMENT);
  }

  place(project: Item) {
    return this.repos.place.require(project.placeId);
  }

  organizations(project: Item, args: ListArgs) {
    return this.linked({ repo: this.repos.projectOrganization, field: "projectId", key: project.dbId }, { repo: this.repos.organization, type: "Organization", relation: "organization" }, args);
  }

  events(project: Item, args: ListArgs) {
    return this.linked({ repo: this.repos.eventProject, field: "projectId", key: project.dbId }, { repo: this.repos.event, type: "Event", relation: "event" }, args);
  }

  figures(project: Item, args: ListArgs) {
    return this.related(this.repos.figure, "Figure", "projectId", project.dbId, args);
  }

  /** People who helped bring the project about; each edge's role says how. */
  people(project: Item, args: ListArgs) {
    return this.linked({ repo: this.repos.projectPerson, field: "projectId", key: project.dbId }, { repo: this.repos.person, type: "Person", relation: "person" }, args);
  }

  /** Places considered for the project. */
  candidatePlaces(project: Item, args: ListArgs) {
    return this.linked({ repo: this.repos.projectCandidatePlace, field: "projectId", key: project.dbId }, { repo: this.repos.place, type: "Place", relation: "place" }, args);
  }

  /** The figures that count this project (城阳区's 43 projects and 582亿元). */
  countedIn(project: Item) {
    return this.repos.figurePart.manyBy("partProjectId", project.dbId);
  }

  /**
   * The project's total investment figure (总投资), if the article states one:
   * its lowest-id INVESTMENT figure, or, when the selection asks only for
   * its value and whether it is approximate, the project row's copy of them.
   */
  investment(project: Item, info?: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">): Promise<Item | null> | { value: number; approximate: boolean } | null {
    if (info && project.investment !== undefined) {
      let byRow = investmentByRow.get(info.fieldNodes);
      if (byRow === undefined) investmentByRow.set(info.fieldNodes, (byRow = answeredByRow(selectedFields(info))));
      if (byRow) return project.investment === null ? null : { value: Number(project.investment), approximate: project.investmentApproximate };
    }
    return this.investmentLoader.load(project.dbId);
  }
}
