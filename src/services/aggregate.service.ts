import { FigureGroupBy } from "../models/aggregate.type";
import type { ListScope } from "../pagination";
import type { ServiceDeps } from "./base.service";
import type { Item, Repositories } from "./repository";
import type { WhereTranslator } from "./where";

export interface AggregateResult {
  count: number;
  unit: string | null;
  sum: number | null;
  min: number | null;
  max: number | null;
  avg: number | null;
  approximate: boolean;
}

interface Measured {
  id: number;
  value: bigint;
  unit: string;
  approximate: boolean;
}

/** Sums exactly (BigInt) and refuses to hand out what the SafeInt scalar cannot carry. */
function toSafe(n: bigint): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) throw new Error(`aggregate ${n} exceeds 2^53`);
  return Number(n);
}

export function aggregate(figures: Measured[]): AggregateResult {
  const units = new Set(figures.map((f) => f.unit));
  const approximate = figures.some((f) => f.approximate);
  if (figures.length === 0 || units.size !== 1) {
    return { count: figures.length, unit: null, sum: null, min: null, max: null, avg: null, approximate };
  }
  let sum = 0n;
  let min = figures[0].value;
  let max = figures[0].value;
  for (const { value } of figures) {
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return {
    count: figures.length,
    unit: [...units][0],
    sum: toSafe(sum),
    min: toSafe(min),
    max: toSafe(max),
    avg: Number(sum) / figures.length,
    approximate,
  };
}

/** Largest sum first, then by id, so the biggest districts lead. */
function bySumDesc<G extends { key: number; result: AggregateResult }>(a: G, b: G) {
  return (b.result.sum ?? -Infinity) - (a.result.sum ?? -Infinity) || a.key - b.key;
}

export class AggregateService {
  private readonly repos: Repositories;
  private readonly filters: WhereTranslator;

  constructor(deps: ServiceDeps) {
    this.repos = deps.repos;
    this.filters = deps.filters;
  }

  /** The figures of a list: already loaded for nested lists, one query for root lists. */
  private async figureRows(scope: ListScope): Promise<Item[]> {
    const loaded = await rowsOf(scope);
    if (loaded) return loaded;
    if (!("where" in scope)) return [];
    return (await this.repos.figure.all({ id: true, value: true, unit: true, qualifier: true, placeId: true, organizationId: true, eventId: true, projectId: true }, scope.where)).map(
      (r) => ({ ...r, dbId: r.id }) as unknown as Item,
    );
  }

  /** Count, sum, min, max and average over every figure of a list (not just the page). */
  async figures(scope: ListScope): Promise<AggregateResult> {
    return aggregate((await this.figureRows(scope)).map(measured));
  }

  /**
   * The figures of a list grouped by place, organization or event; with
   * rollup, places include the places inside them. Subjects are resolved
   * through the request's loaders, so many lists cost no more statements
   * than one.
   */
  async figureGroups(scope: ListScope, by: FigureGroupBy, rollup: boolean) {
    const rows = await this.figureRows(scope);
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
    const groups = new Map<number, Map<number, Measured>>();
    for (const { f, keys } of keyed) {
      for (const key of keys) {
        if (key === null || key === undefined) continue;
        for (const groupKey of expand(key)) {
          if (!groups.has(groupKey)) groups.set(groupKey, new Map());
          groups.get(groupKey)!.set(f.dbId, measured(f));
        }
      }
    }
    const repo = { PLACE: this.repos.place, ORGANIZATION: organization, EVENT: event }[by];
    const results = [...groups].map(([key, figures]) => ({ key, result: aggregate([...figures.values()]) })).sort(bySumDesc);
    const field = by.toLowerCase() as "place" | "organization" | "event";
    return Promise.all(
      results.map(async ({ key, result }) => ({ place: null, organization: null, event: null, [field]: await repo.byId.load(key), aggregate: result })),
    );
  }

  /** The investment (总投资) of every project in a list: from the loaded rows of nested lists, in SQL for root lists. */
  async projectInvestment(scope: ListScope): Promise<AggregateResult> {
    const rows =
      (await rowsOf(scope)) ??
      (await this.repos.project.all({ id: true, investment: true, investmentApproximate: true }, (scope as { where: Record<string, unknown> }).where)).map(
        (r) => ({ ...r, dbId: r.id }) as unknown as Item,
      );
    const invested = rows.filter((r) => r.investment !== null && r.investment !== undefined);
    return aggregate(invested.map((r) => ({ id: r.dbId, value: BigInt(r.investment as bigint), unit: "CNY", approximate: Boolean(r.investmentApproximate) })));
  }

  /**
   * Total planned investment of projects by the place they landed in, summed
   * in the database; with rollup each place also counts the places inside it
   * (城阳区 and 平度 add up into 青岛).
   */
  async investmentByPlace(args: { kind?: string[] | null; within?: Record<string, unknown> | null; rollup?: boolean | null }) {
    const rows = await this.repos.project.groupBy({
      by: ["placeId", "investmentApproximate"],
      where: { investment: { not: null }, placeId: { not: null } },
      _sum: { investment: true },
      _min: { investment: true },
      _max: { investment: true },
      _count: { _all: true },
    });
    const expand = args.rollup ? await this.placeAndAncestors() : (id: number) => [id];
    const totals = new Map<number, { count: number; sum: bigint; min: bigint; max: bigint; approximate: boolean }>();
    for (const row of rows as Record<string, any>[]) {
      for (const placeId of expand(row.placeId)) {
        const t = totals.get(placeId);
        const part = { count: row._count._all as number, sum: row._sum.investment as bigint, min: row._min.investment as bigint, max: row._max.investment as bigint, approximate: Boolean(row.investmentApproximate) };
        totals.set(
          placeId,
          t
            ? { count: t.count + part.count, sum: t.sum + part.sum, min: part.min < t.min ? part.min : t.min, max: part.max > t.max ? part.max : t.max, approximate: t.approximate || part.approximate }
            : part,
        );
      }
    }
    const allowed = args.within ? new Set(await this.filters.placeAndDescendants(args.within)) : null;
    const places = await Promise.all([...totals.keys()].map((id) => this.repos.place.byId.load(id)));
    return [...totals]
      .map(([key, t], i) => ({
        key,
        place: places[i]!,
        projectCount: t.count,
        result: { count: t.count, unit: "CNY", sum: toSafe(t.sum), min: toSafe(t.min), max: toSafe(t.max), avg: Number(t.sum) / t.count, approximate: t.approximate },
      }))
      .filter((g) => (!args.kind?.length || args.kind.includes(g.place.kind)) && (!allowed || allowed.has(g.key)))
      .sort(bySumDesc)
      .map(({ place, projectCount, result }) => ({ place, projectCount, investment: result }));
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

/** The rows of a nested or linked list; null for a root list, which is read by its condition. */
async function rowsOf(scope: ListScope): Promise<Item[] | null> {
  if ("rows" in scope) return scope.rows as Item[];
  if ("load" in scope) return (await scope.load()) as Item[];
  return null;
}

function measured(row: Record<string, unknown>): Measured {
  return { id: row.id as number, value: BigInt(row.value as bigint | number), unit: row.unit as string, approximate: row.qualifier !== "EXACT" };
}


