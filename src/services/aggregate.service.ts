import DataLoader from "dataloader";
import type { Db } from "../db";
import { FigureGroupBy } from "../models/aggregate.type";
import type { ListScope } from "../pagination";
import type { ServiceDeps } from "./base.service";
import { type AggregateResult, type Amount, Containment, type PartLink, type Totals, aggregateTotals, countOnce } from "./overlap";
import type { Where } from "./repository";
import type { Item, Repositories } from "./repository";
import { type SqlReader, inList, sqlReader } from "./sql";
import { type CompiledWhere, compileWhere } from "./sql-where";
import type { WhereTranslator } from "./where";

export type { AggregateResult } from "./overlap";

/** Largest sum first (sets without a sum last), then by id, so the biggest districts lead. */
function bySumDesc<G extends { key: number; result: AggregateResult }>(a: G, b: G) {
  return (b.result.sum ?? -Infinity) - (a.result.sum ?? -Infinity) || a.key - b.key;
}

/** Every containment link with what the rule needs of the figures at its ends: one statement. */
const LINKS_SQL = `SELECT fp."wholeId", w."projectId" AS "wholeProjectId", w."metric" AS "wholeMetric",
    fp."partFigureId", pf."projectId" AS "partFigureProjectId", pf."metric" AS "partFigureMetric",
    fp."partProjectId", fp."mayOverlap"
  FROM "FigurePart" fp
  JOIN "Figure" w ON w."id" = fp."wholeId"
  LEFT JOIN "Figure" pf ON pf."id" = fp."partFigureId"
  ORDER BY fp."id"`;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export class AggregateService {
  private readonly repos: Repositories;
  private readonly filters: WhereTranslator;
  private containment?: Promise<Containment>;

  constructor(
    deps: ServiceDeps,
    private readonly db: Db,
  ) {
    this.repos = deps.repos;
    this.filters = deps.filters;
  }

  /** Which figures are inside which: read once per request, whatever the number of sums asked for. */
  links(): Promise<Containment> {
    this.containment ??= sqlReader(this.db).all(LINKS_SQL, [], true).then(
      (rows) =>
        new Containment(
          rows.map(
            (r): PartLink => ({
              wholeId: Number(r.wholeId),
              wholeProjectId: num(r.wholeProjectId),
              wholeMetric: String(r.wholeMetric),
              partFigureId: num(r.partFigureId),
              partFigureProjectId: num(r.partFigureProjectId),
              partFigureMetric: r.partFigureMetric == null ? null : String(r.partFigureMetric),
              partProjectId: num(r.partProjectId),
              mayOverlap: Boolean(Number(r.mayOverlap)),
            }),
          ),
        ),
    );
    return this.containment;
  }

  /** The figures of a list: already loaded for nested lists, one query for root lists. */
  private async figureRows(scope: ListScope): Promise<Item[]> {
    const loaded = await rowsOf(scope);
    if (loaded) return loaded;
    if (!("where" in scope)) return [];
    const select = { id: true, value: true, unit: true, qualifier: true, metric: true, placeId: true, organizationId: true, eventId: true, projectId: true };
    return (await this.repos.figure.all(select, scope.where)).map((r) => ({ ...r, dbId: r.id }) as unknown as Item);
  }

  /** Count, sum, min, max and average over every figure of a list (not just the page), each yuan once. */
  async figures(scope: ListScope): Promise<AggregateResult> {
    const [rows, containment] = await Promise.all([this.figureRows(scope), this.links()]);
    return countOnce(rows.map(amountOfFigure), containment);
  }

  /**
   * The figures of a list grouped by place, organization or event; with
   * rollup, places include the places inside them. Subjects are resolved
   * through the request's loaders, so many lists cost no more statements
   * than one. Each group is summed under the overlap rule on its own.
   */
  async figureGroups(scope: ListScope, by: FigureGroupBy, rollup: boolean) {
    const [rows, containment] = await Promise.all([this.figureRows(scope), this.links()]);
    const { project, event, organization, projectOrganization, eventProject } = this.repos;
    const keysOf: Record<FigureGroupBy, (f: Item) => Promise<(number | null)[]>> = {
      [FigureGroupBy.PLACE]: async (f) => {
        if (f.placeId) return [f.placeId];
        const [p, e, o] = await Promise.all([project.require(f.projectId), event.require(f.eventId), organization.require(f.organizationId)]);
        return [p?.placeId ?? e?.placeId ?? o?.placeId ?? null];
      },
      [FigureGroupBy.ORGANIZATION]: async (f) => [
        f.organizationId,
        ...(f.projectId ? await projectOrganization.manyBy("projectId", f.projectId) : []).map((l) => l.organizationId),
      ],
      [FigureGroupBy.EVENT]: async (f) => [f.eventId, ...(f.projectId ? await eventProject.manyBy("projectId", f.projectId) : []).map((l) => l.eventId)],
    };
    const expand = by === FigureGroupBy.PLACE && rollup ? await this.placeAndAncestors() : (id: number) => [id];
    const keyed = await Promise.all(rows.map(async (f) => ({ f, keys: await keysOf[by](f) })));
    const groups = new Map<number, Map<number, Amount>>();
    for (const { f, keys } of keyed) {
      for (const key of keys) {
        if (key === null || key === undefined) continue;
        for (const groupKey of expand(key)) {
          if (!groups.has(groupKey)) groups.set(groupKey, new Map());
          groups.get(groupKey)!.set(f.dbId, amountOfFigure(f));
        }
      }
    }
    const repo = { PLACE: this.repos.place, ORGANIZATION: organization, EVENT: event }[by];
    const results = [...groups].map(([key, figures]) => ({ key, result: countOnce([...figures.values()], containment) })).sort(bySumDesc);
    const field = by.toLowerCase() as "place" | "organization" | "event";
    return Promise.all(
      results.map(async ({ key, result }) => ({ place: null, organization: null, event: null, [field]: await repo.byId.load(key), aggregate: result })),
    );
  }

  private readonly investmentLoaders = new Map<string, DataLoader<number, { totals: Totals; involved: Amount[] }>>();

  /**
   * Investment totals of nested project lists, for every parent a request
   * asks about together: SUM/MIN/MAX/COUNT … GROUP BY parent in the
   * database, plus the few projects whose investment can hold or share
   * another's, to which the count-once rule is applied (as investmentByPlace does).
   * Prepared SQL when the list's filter compiles (sql-where.ts), else Prisma's groupBy.
   */
  private investmentByParent(field: string, where: Where): DataLoader<number, { totals: Totals; involved: Amount[] }> {
    const cacheKey = JSON.stringify([field, where], (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
    let loader = this.investmentLoaders.get(cacheKey);
    if (!loader) {
      const condition = compileWhere(this.db.provider, "Project", where);
      loader = new DataLoader(async (keys) => {
        const linked = (await this.links()).projectsAffectingSums("INVESTMENT");
        const [groups, involvedRows] = condition
          ? await investmentInSql(sqlReader(this.db), field, keys, condition, linked)
          : await this.investmentByPrisma(field, keys, where, linked);
        const totals = new Map<number, Totals>();
        for (const g of groups) addTotals(totals, g.parent, g);
        const involved = new Map<number, Amount[]>();
        for (const r of involvedRows) {
          const key = Number(r[field]);
          let list = involved.get(key);
          if (!list) involved.set(key, (list = []));
          list.push(amountOfProject({ ...r, dbId: r.id } as unknown as Item));
        }
        return keys.map((k) => ({ totals: totals.get(k) ?? NO_TOTALS, involved: involved.get(k) ?? [] }));
      });
      this.investmentLoaders.set(cacheKey, loader);
    }
    return loader;
  }

  /** investmentByParent for the filters sql-where.ts leaves to Prisma (text patterns, to-many relations). */
  private async investmentByPrisma(field: string, keys: readonly number[], where: Where, linked: number[]): Promise<[InvestmentGroup[], Record<string, unknown>[]]> {
    const inList = { AND: [where, { [field]: { in: [...keys] } }, { investment: { not: null } }] };
    const [rows, involvedRows] = await Promise.all([
      this.repos.project.groupBy({
        by: [field, "investmentApproximate"],
        where: inList,
        _sum: { investment: true },
        _min: { investment: true },
        _max: { investment: true },
        _count: { _all: true },
      }),
      linked.length
        ? this.repos.project.all({ id: true, [field]: true, investment: true, investmentApproximate: true }, { AND: [inList, { id: { in: linked } }] })
        : Promise.resolve([]),
    ]);
    const groups = (rows as Record<string, any>[]).map(
      (row): InvestmentGroup => ({
        parent: Number(row[field]),
        approximate: Boolean(row.investmentApproximate),
        count: row._count._all as number,
        sum: BigInt(row._sum.investment),
        min: BigInt(row._min.investment),
        max: BigInt(row._max.investment),
      }),
    );
    return [groups, involvedRows];
  }

  /** The investment (总投资) of every project in a list, each yuan once: summed in SQL per parent for nested lists, from loaded rows for linked lists, in one query for root lists. */
  async projectInvestment(scope: ListScope): Promise<AggregateResult> {
    if ("parent" in scope && scope.parent) {
      const { field, key, where } = scope.parent;
      const [{ totals, involved }, containment] = await Promise.all([this.investmentByParent(field, where).load(key), this.links()]);
      return aggregateTotals(totals, involved, containment);
    }
    const [loaded, containment] = await Promise.all([rowsOf(scope), this.links()]);
    const rows =
      loaded ??
      (await this.repos.project.all({ id: true, investment: true, investmentApproximate: true }, (scope as { where: Record<string, unknown> }).where)).map(
        (r) => ({ ...r, dbId: r.id }) as unknown as Item,
      );
    return countOnce(rows.filter((r) => r.investment !== null && r.investment !== undefined).map(amountOfProject), containment);
  }

  /**
   * Total planned investment of projects by the place they landed in, summed
   * in the database; with rollup each place also counts the places inside it
   * (城阳区 and 平度 add up into 青岛). The few projects whose investment can
   * hold or share another project's are read on their own and the rule
   * applied to each place's totals.
   */
  async investmentByPlace(args: { kind?: string[] | null; within?: Record<string, unknown> | null; rollup?: boolean | null }) {
    const containment = await this.links();
    const linked = containment.projectsAffectingSums("INVESTMENT");
    const [groups, involvedRows] = await investmentInSql(sqlReader(this.db), "placeId", null, { sql: `"Project"."placeId" IS NOT NULL`, params: [], joins: "" }, linked);
    const expand = args.rollup ? await this.placeAndAncestors() : (id: number) => [id];
    const totals = new Map<number, Totals>();
    for (const g of groups) for (const placeId of expand(g.parent)) addTotals(totals, placeId, g);
    const involved = new Map<number, Amount[]>();
    for (const r of involvedRows) {
      const amount = amountOfProject({ ...r, dbId: r.id } as unknown as Item);
      for (const placeId of expand(r.placeId as number)) {
        let list = involved.get(placeId);
        if (!list) involved.set(placeId, (list = []));
        list.push(amount);
      }
    }
    const allowed = args.within ? new Set(await this.filters.placeAndDescendants(args.within)) : null;
    const places = await Promise.all([...totals.keys()].map((id) => this.repos.place.byId.load(id)));
    return [...totals]
      .map(([key, t], i) => ({ key, place: places[i]!, projectCount: t.count, result: aggregateTotals(t, involved.get(key) ?? [], containment) }))
      .filter((g) => (!args.kind?.length || args.kind.includes(g.place.kind)) && (!allowed || allowed.has(g.key)))
      .sort(bySumDesc)
      .map(({ place, projectCount, result }) => ({ place, projectCount, investment: result }));
  }

  /** The figures behind amounts a sum left out or found overlapping: by id, or a project's investment figure. */
  async figuresOf(amounts: Amount[]): Promise<Item[]> {
    const containment = await this.links();
    const found = await Promise.all(
      amounts.map(async (a) => {
        const id = containment.figureOf(a);
        if (id !== null) return this.repos.figure.byId.load(id);
        const figures = a.projectId !== null ? await this.repos.figure.manyBy("projectId", a.projectId) : [];
        return figures.find((f) => f.metric === a.metric) ?? null;
      }),
    );
    return found.filter((f): f is Item => f !== null);
  }

  /** A function from a place id to it and all its ancestors. */
  private async placeAndAncestors(): Promise<(id: number) => number[]> {
    const rows = await this.repos.placeTree();
    const parent = new Map(rows.map((r) => [r.id, r.parentId]));
    return (id) => {
      const chain: number[] = [];
      for (let at: number | null | undefined = id; at != null && !chain.includes(at); at = parent.get(at)) chain.push(at);
      return chain;
    };
  }
}

/** One (parent, approximate) group of a list's projects with an investment. */
interface InvestmentGroup {
  parent: number;
  approximate: boolean;
  count: number;
  sum: bigint;
  min: bigint;
  max: bigint;
}

const NO_TOTALS: Totals = { count: 0, sum: 0n, min: 0n, max: 0n, approximateCount: 0, unit: null, mixedUnits: false };

/** Adds one group to the totals of `key` (several groups, approximate or not, or places rolled up, make one total). */
function addTotals(totals: Map<number, Totals>, key: number, g: InvestmentGroup) {
  const approximateCount = g.approximate ? g.count : 0;
  const t = totals.get(key);
  totals.set(
    key,
    t
      ? { ...t, count: t.count + g.count, sum: t.sum + g.sum, min: g.min < t.min ? g.min : t.min, max: g.max > t.max ? g.max : t.max, approximateCount: t.approximateCount + approximateCount }
      : { count: g.count, sum: g.sum, min: g.min, max: g.max, approximateCount, unit: "CNY", mixedUnits: false },
  );
}

/**
 * SUM/MIN/MAX/COUNT of projects' investment GROUP BY `field` (and whether
 * it is approximate), for the projects whose `field` is one of `parents` (all
 * when null) and that match `condition`; and the rows of the `linked`
 * projects among them, to which the count-once rule applies. Sums, minima
 * and maxima come back as text: SUM over BIGINT can pass 2^53, which a
 * SQLite number would round and PostgreSQL returns as NUMERIC.
 */
async function investmentInSql(
  sql: SqlReader,
  field: string,
  parents: readonly number[] | null,
  condition: CompiledWhere,
  linked: number[],
): Promise<[InvestmentGroup[], Record<string, unknown>[]]> {
  const column = `"Project"."${field}"`;
  const within = parents ? inList(sql.provider, column, parents) : { sql: "1=1", params: [] };
  const where = `${within.sql} AND ${condition.sql} AND "Project"."investment" IS NOT NULL`;
  const params = [...within.params, ...condition.params];
  const linkedIn = inList(sql.provider, `"Project"."id"`, linked);
  const [rows, involved] = await Promise.all([
    sql.all<{ parent: number | bigint; approximate: unknown; n: number | bigint; sum: string; min: string; max: string }>(
      `SELECT ${column} AS "parent", "Project"."investmentApproximate" AS "approximate", COUNT(*) AS "n",
        CAST(SUM("Project"."investment") AS TEXT) AS "sum", CAST(MIN("Project"."investment") AS TEXT) AS "min", CAST(MAX("Project"."investment") AS TEXT) AS "max"
        FROM "Project" ${condition.joins} WHERE ${where} GROUP BY ${column}, "Project"."investmentApproximate"`,
      params,
      condition.joins === "" && condition.params.length === 0,
    ),
    linked.length
      ? sql.all(
          `SELECT "Project"."id", ${column}, "Project"."investment", "Project"."investmentApproximate" FROM "Project" ${condition.joins} WHERE ${where} AND ${linkedIn.sql}`,
          [...params, ...linkedIn.params],
        )
      : Promise.resolve([]),
  ]);
  const groups = rows.map(
    (r): InvestmentGroup => ({
      parent: Number(r.parent),
      approximate: r.approximate === true || r.approximate === 1,
      count: Number(r.n),
      sum: BigInt(r.sum),
      min: BigInt(r.min),
      max: BigInt(r.max),
    }),
  );
  return [groups, involved];
}

/** The rows of a nested or linked list; null for a root list, which is read by its condition. */
async function rowsOf(scope: ListScope): Promise<Item[] | null> {
  if ("rows" in scope) return scope.rows as Item[];
  if ("load" in scope) return (await scope.load()) as Item[];
  return null;
}

function amountOfFigure(row: Item): Amount {
  return {
    figureId: row.dbId,
    projectId: (row.projectId as number | null) ?? null,
    metric: row.metric as string,
    unit: row.unit as string,
    value: BigInt(row.value as bigint | number),
    approximate: row.qualifier !== "EXACT",
  };
}

/** A project's investment column stands for its INVESTMENT figure. */
function amountOfProject(row: Item): Amount {
  return { figureId: null, projectId: row.dbId, metric: "INVESTMENT", unit: "CNY", value: BigInt(row.investment as bigint), approximate: Boolean(row.investmentApproximate) };
}

