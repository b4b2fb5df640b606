/*
 * The rule every sum the API serves follows: each yuan (or counted item)
 * once. Pure functions over amounts and the containment links between
 * figures, so the rule can run over rows loaded for a nested list, over rows
 * grouped in SQL, or later inside SQL itself, and give the same answer.
 *
 * 1. The widest figure counts: an amount inside another amount of the same
 *    set is left out of the sum (约75亿元 inside 182.9亿元). "Inside" follows
 *    FigurePart links, through chains: a figure part is inside its whole; a
 *    project part puts the project's figures of the whole's metric inside it.
 * 2. What remains must not share anything: two remaining amounts overlap when
 *    they contain a common part (182.9亿元 and 582亿元 both count 青岛天安科创城),
 *    when they measure the same thing of the same project, or when one lies
 *    under a part marked mayOverlap and the other under the same whole but
 *    not under that part (14家总部企业 and 19家高新技术企业 of 510家). A set
 *    with an overlap has no sum: it says so and names the amounts.
 */

/** One amount of a set: a figure, or a project's investment column (its INVESTMENT figure). */
export interface Amount {
  /** The figure's id; null for a project's investment column (the project's INVESTMENT figure). */
  figureId: number | null;
  /** The project the amount is about, if any. */
  projectId: number | null;
  metric: string;
  unit: string;
  value: bigint;
  approximate: boolean;
}

/** A FigurePart row with what the rule needs of the figures at both ends. */
export interface PartLink {
  wholeId: number;
  wholeProjectId: number | null;
  wholeMetric: string;
  partFigureId: number | null;
  partFigureProjectId: number | null;
  partFigureMetric: string | null;
  partProjectId: number | null;
  mayOverlap: boolean;
}

/** Which amounts of a set the sum leaves out, and which overlap (then there is no sum). */
export interface Resolution<A extends Amount = Amount> {
  excluded: A[];
  overlaps: A[];
}

const figureNode = (id: number) => `F:${id}`;
const projectNode = (projectId: number, metric: string) => `P:${projectId}:${metric}`;

/** The containment links of a database as a graph the rule walks. */
export class Containment {
  /** Direct wholes of a figure part, by the part's figure id. */
  private readonly wholesOfFigure = new Map<number, number[]>();
  /** Direct wholes counting a project, by "project:metric" of the whole. */
  private readonly wholesOfProject = new Map<string, number[]>();
  /** Direct parts of a whole, as nodes, with their link's mayOverlap. */
  private readonly partsOf = new Map<number, { node: string; figureId: number | null; mayOverlap: boolean }[]>();
  /** What the links say about the figures at their ends. */
  private readonly figures = new Map<number, { projectId: number | null; metric: string }>();
  /** The figure of a project and metric, where the links name it. */
  private readonly figureOfProject = new Map<string, number>();
  readonly empty: boolean;

  constructor(readonly links: PartLink[]) {
    this.empty = links.length === 0;
    const push = <K>(map: Map<K, number[]>, key: K, value: number) => map.set(key, [...(map.get(key) ?? []), value]);
    const know = (id: number, projectId: number | null, metric: string) => {
      this.figures.set(id, { projectId, metric });
      if (projectId !== null && metric === "INVESTMENT") this.figureOfProject.set(`${projectId}:${metric}`, id);
    };
    for (const l of links) {
      know(l.wholeId, l.wholeProjectId, l.wholeMetric);
      const parts = this.partsOf.get(l.wholeId) ?? [];
      if (l.partFigureId !== null) {
        know(l.partFigureId, l.partFigureProjectId, l.partFigureMetric!);
        push(this.wholesOfFigure, l.partFigureId, l.wholeId);
        parts.push({ node: figureNode(l.partFigureId), figureId: l.partFigureId, mayOverlap: l.mayOverlap });
      } else if (l.partProjectId !== null) {
        push(this.wholesOfProject, `${l.partProjectId}:${l.wholeMetric}`, l.wholeId);
        parts.push({ node: projectNode(l.partProjectId, l.wholeMetric), figureId: null, mayOverlap: l.mayOverlap });
      }
      this.partsOf.set(l.wholeId, parts);
    }
  }

  /** The figure an amount is, where known: its own id, or a project's INVESTMENT figure named by the links. */
  figureOf(a: Amount): number | null {
    return a.figureId ?? (a.projectId !== null ? (this.figureOfProject.get(`${a.projectId}:${a.metric}`) ?? null) : null);
  }

  /** Wholes directly above a figure (or a project's amount of a metric). */
  private directWholes(figureId: number | null, projectId: number | null, metric: string): number[] {
    const byFigure = figureId !== null ? (this.wholesOfFigure.get(figureId) ?? []) : [];
    const byProject = projectId !== null ? (this.wholesOfProject.get(`${projectId}:${metric}`) ?? []) : [];
    return [...new Set([...byFigure, ...byProject])];
  }

  /** Every whole an amount is inside, at any depth. */
  wholesAbove(a: Amount): Set<number> {
    const found = new Set<number>();
    const self = this.figureOf(a);
    const queue = this.directWholes(self, a.projectId, a.metric);
    while (queue.length) {
      const w = queue.pop()!;
      if (found.has(w) || w === self) continue;
      found.add(w);
      const info = this.figures.get(w)!;
      queue.push(...this.directWholes(w, info.projectId, info.metric));
    }
    return found;
  }

  /** True when the amount is a whole, or inside one: only such amounts can overlap through the links. */
  touchesLinks(a: Amount): boolean {
    if (this.empty) return false;
    const self = this.figureOf(a);
    return (self !== null && (this.partsOf.has(self) || this.wholesOfFigure.has(self))) || (a.projectId !== null && this.wholesOfProject.has(`${a.projectId}:${a.metric}`));
  }

  /**
   * What an amount covers: itself, the project amount it is (project and
   * metric), and every part below it at any depth.
   */
  covers(a: Amount): Set<string> {
    const self = this.figureOf(a);
    const out = new Set<string>();
    if (self !== null) out.add(figureNode(self));
    if (a.projectId !== null) out.add(projectNode(a.projectId, a.metric));
    const queue = self !== null ? [self] : [];
    const seen = new Set<number>();
    while (queue.length) {
      const w = queue.pop()!;
      if (seen.has(w)) continue;
      seen.add(w);
      for (const part of this.partsOf.get(w) ?? []) {
        out.add(part.node);
        if (part.figureId !== null) {
          const info = this.figures.get(part.figureId)!;
          if (info.projectId !== null) out.add(projectNode(info.projectId, info.metric));
          queue.push(part.figureId);
        } else {
          const [, projectId, metric] = part.node.split(":");
          const figure = this.figureOfProject.get(`${projectId}:${metric}`);
          if (figure !== undefined) {
            out.add(figureNode(figure));
            queue.push(figure);
          }
        }
      }
    }
    return out;
  }

  /**
   * Projects whose amount of a metric can change a sum over projects' amounts
   * of that metric: it is a whole, it lies inside another project's amount,
   * or it lies under a whole one of whose mayOverlap parts holds a project's
   * amount. The others are disjoint from every other project's amount, so a
   * sum grouped in SQL needs no more than the totals for them.
   */
  projectsAffectingSums(metric: string): number[] {
    const candidates = new Set<number>();
    for (const key of this.wholesOfProject.keys()) {
      const [projectId, m] = key.split(":");
      if (m === metric) candidates.add(Number(projectId));
    }
    for (const { projectId, metric: m } of this.figures.values()) if (projectId !== null && m === metric) candidates.add(projectId);
    const amount = (projectId: number): Amount => ({ figureId: null, projectId, metric, unit: "", value: 0n, approximate: false });
    const isProjectAmount = (figureId: number) => {
      const info = this.figures.get(figureId);
      return info !== undefined && info.projectId !== null && info.metric === metric;
    };
    const above = new Map([...candidates].map((p) => [p, this.wholesAbove(amount(p))]));
    const affecting = new Set<number>();
    for (const p of candidates) {
      const self = this.figureOf(amount(p));
      if ((self !== null && this.partsOf.has(self)) || [...above.get(p)!].some(isProjectAmount)) affecting.add(p);
    }
    for (const { part, whole } of this.overlappingParts()) {
      const under = [...candidates].filter((p) => this.figureOf(amount(p)) === part || above.get(p)!.has(part));
      if (under.length) for (const p of candidates) if (above.get(p)!.has(whole)) affecting.add(p);
    }
    return [...affecting];
  }

  /** The links marked mayOverlap whose part is a figure: (part, whole) pairs. */
  overlappingParts(): { part: number; whole: number }[] {
    return this.links.filter((l) => l.mayOverlap && l.partFigureId !== null).map((l) => ({ part: l.partFigureId!, whole: l.wholeId }));
  }
}

/**
 * The rule, for the amounts of one set that share a unit. Amounts that touch
 * no link and no other amount's project and metric never change the result,
 * so callers with pre-aggregated totals may pass only the amounts that do.
 */
export function resolveOverlap<A extends Amount>(amounts: A[], containment: Containment): Resolution<A> {
  const involved = containment.empty ? [] : amounts.filter((a) => containment.touchesLinks(a));
  const above = new Map<A, Set<number>>(involved.map((a) => [a, containment.wholesAbove(a)]));
  const inSet = new Set<number>();
  for (const a of amounts) {
    const id = containment.figureOf(a);
    if (id !== null) inSet.add(id);
  }
  const excluded = new Set<A>();
  for (const a of involved) {
    for (const w of above.get(a)!) {
      if (inSet.has(w)) {
        excluded.add(a);
        break;
      }
    }
  }
  const kept = amounts.filter((a) => !excluded.has(a));
  const overlapping = new Set<A>();
  // (i) two kept amounts that cover a common node: a shared part, or the same project and metric.
  const owner = new Map<string, A>();
  for (const a of kept) {
    const nodes = above.has(a) ? containment.covers(a) : new Set(a.projectId !== null ? [projectNode(a.projectId, a.metric)] : []);
    for (const node of nodes) {
      const other = owner.get(node);
      if (other && other !== a) {
        overlapping.add(a);
        overlapping.add(other);
      } else owner.set(node, a);
    }
  }
  // (ii) a part that may overlap its whole's other parts: what lies under it against what lies elsewhere under the whole.
  for (const { part, whole } of containment.overlappingParts()) {
    const underWhole = kept.filter((a) => above.get(a)?.has(whole));
    const underPart = new Set(underWhole.filter((a) => containment.figureOf(a) === part || above.get(a)!.has(part)));
    if (underPart.size && underWhole.length > underPart.size) underWhole.forEach((a) => overlapping.add(a));
  }
  // Figure order, whatever order the rows came in.
  const order = (x: A, y: A) => (containment.figureOf(x) ?? Infinity) - (containment.figureOf(y) ?? Infinity) || (x.projectId ?? 0) - (y.projectId ?? 0);
  return { excluded: amounts.filter((a) => excluded.has(a)).sort(order), overlaps: kept.filter((a) => overlapping.has(a)).sort(order) };
}

/** Count, sum, min, max and average of a set, each yuan once, with what the sum left out and why there is none. */
export interface AggregateResult<A extends Amount = Amount> {
  count: number;
  unit: string | null;
  sum: number | null;
  min: number | null;
  max: number | null;
  avg: number | null;
  approximate: boolean;
  overlapping: boolean;
  excluded: A[];
  overlaps: A[];
}

/** Sums exactly (BigInt) and refuses to hand out what the SafeInt scalar cannot carry. */
export function toSafe(n: bigint): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) throw new Error(`aggregate ${n} exceeds 2^53`);
  return Number(n);
}

/** Totals of every amount of a set: what SQL's COUNT, SUM, MIN and MAX give, and how many are approximate. */
export interface Totals {
  count: number;
  sum: bigint;
  min: bigint;
  max: bigint;
  approximateCount: number;
  unit: string | null;
  mixedUnits: boolean;
}

export function totalsOf(amounts: Amount[]): Totals {
  let sum = 0n;
  let min = amounts[0]?.value ?? 0n;
  let max = min;
  let approximateCount = 0;
  const units = new Set<string>();
  for (const a of amounts) {
    sum += a.value;
    if (a.value < min) min = a.value;
    if (a.value > max) max = a.value;
    if (a.approximate) approximateCount++;
    units.add(a.unit);
  }
  return { count: amounts.length, sum, min, max, approximateCount, unit: units.size === 1 ? [...units][0] : null, mixedUnits: units.size > 1 };
}

/**
 * The aggregate of a set given its totals and the amounts of it that touch
 * the containment links (the rest cannot be inside or overlap anything).
 */
export function aggregateTotals<A extends Amount>(totals: Totals, involved: A[], containment: Containment): AggregateResult<A> {
  const none = { sum: null, avg: null, overlapping: false, excluded: [] as A[], overlaps: [] as A[] };
  if (totals.count === 0) return { count: 0, unit: null, min: null, max: null, approximate: false, ...none };
  if (totals.mixedUnits) return { count: totals.count, unit: null, min: null, max: null, approximate: totals.approximateCount > 0, ...none };
  const { excluded, overlaps } = resolveOverlap(involved, containment);
  const base = { count: totals.count, unit: totals.unit, min: toSafe(totals.min), max: toSafe(totals.max), excluded, overlaps };
  if (overlaps.length) return { ...base, sum: null, avg: null, approximate: totals.approximateCount > 0, overlapping: true };
  let sum = totals.sum;
  let approximate = totals.approximateCount;
  for (const a of excluded) {
    sum -= a.value;
    if (a.approximate) approximate--;
  }
  const counted = totals.count - excluded.length;
  return { ...base, sum: toSafe(sum), avg: Number(sum) / counted, approximate: approximate > 0, overlapping: false };
}

/** The aggregate of a set of amounts under the rule above. */
export function countOnce<A extends Amount>(amounts: A[], containment: Containment): AggregateResult<A> {
  const totals = totalsOf(amounts);
  if (totals.mixedUnits || totals.count === 0) return aggregateTotals(totals, [], containment);
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const a of amounts) {
    if (a.projectId === null) continue;
    const key = `${a.projectId}:${a.metric}`;
    if (seen.has(key)) repeated.add(key);
    seen.add(key);
  }
  const involved = amounts.filter((a) => containment.touchesLinks(a) || (a.projectId !== null && repeated.has(`${a.projectId}:${a.metric}`)));
  return aggregateTotals(totals, involved, containment);
}
