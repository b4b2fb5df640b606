import { BadUserInputError } from "../errors";
import { NODE_TYPES, type NodeTypeName, parseGlobalId } from "../node";
import { EventKind, FigureMetric, OrganizationKind, PlaceKind, ProjectKind, ProjectStatus, QuoteKind } from "../generated/sqlite/enums";
import type { OrderTerm } from "../pagination";
import type { PlaceTreeRow, Repositories, Where } from "./repository";

/*
 * Turns the API's typed `where` inputs into Prisma where objects, and
 * `orderBy` inputs into sort terms. Each entity's fields are described once
 * here; resolvers never build Prisma conditions.
 */

type Input = Record<string, unknown>;
type FieldSpec =
  | { column: string; bigint?: boolean }
  | { one: string; to: NodeTypeName }
  | { many: string; to: NodeTypeName; via?: string }
  | { custom: (value: Input, translator: WhereTranslator) => Promise<Where> };

const scalar = (column: string, bigint = false): FieldSpec => ({ column, bigint });
const one = (relation: string, to: NodeTypeName): FieldSpec => ({ one: relation, to });
const many = (relation: string, to: NodeTypeName, via?: string): FieldSpec => ({ many: relation, to, via });

const FIELDS: Partial<Record<NodeTypeName, Record<string, FieldSpec>>> = {
  Place: {
    name: scalar("name"),
    kind: scalar("kind"),
    description: scalar("description"),
    parentInferred: scalar("parentInferred"),
    within: { custom: async (ref, t) => ({ id: { in: await t.placeAndDescendants(ref) } }) },
    parent: one("parent", "Place"),
    children: many("children", "Place"),
    projects: many("projects", "Project"),
    events: many("events", "Event"),
    organizations: many("organizations", "Organization"),
    figures: many("figures", "Figure"),
  },
  Organization: {
    name: scalar("name"),
    alias: { custom: async (filter, t) => ({ aliases: { some: await scalarCondition("alias", filter, false, t.repos.organizationAlias) } }) },
    kind: scalar("kind"),
    description: scalar("description"),
    parent: one("parent", "Organization"),
    children: many("children", "Organization"),
    place: one("place", "Place"),
    positions: many("positions", "Position"),
    people: many("positions", "Person", "person"),
    projects: many("projects", "Project", "project"),
    quotes: many("quotes", "Quote"),
    events: many("participations", "Event", "event"),
    figures: many("figures", "Figure"),
  },
  Person: {
    name: scalar("name"),
    description: scalar("description"),
    positions: many("positions", "Position"),
    organizations: many("positions", "Organization", "organization"),
    quotes: many("quotes", "Quote"),
    events: many("participations", "Event", "event"),
  },
  Position: {
    title: scalar("title"),
    current: scalar("current"),
    person: one("person", "Person"),
    organization: one("organization", "Organization"),
  },
  Event: {
    name: scalar("name"),
    kind: scalar("kind"),
    status: scalar("status"),
    startDate: scalar("startDate"),
    endDate: scalar("endDate"),
    datePrecision: scalar("datePrecision"),
    yearInferred: scalar("yearInferred"),
    description: scalar("description"),
    place: one("place", "Place"),
    parent: one("parent", "Event"),
    subEvents: many("subEvents", "Event"),
    participants: many("participations", "Participation"),
    quotes: many("quotes", "Quote"),
    projects: many("projects", "Project", "project"),
    figures: many("figures", "Figure"),
  },
  Project: {
    name: scalar("name"),
    kind: scalar("kind"),
    status: scalar("status"),
    date: scalar("date"),
    yearInferred: scalar("yearInferred"),
    description: scalar("description"),
    investment: scalar("investment", true),
    investmentApproximate: scalar("investmentApproximate"),
    place: one("place", "Place"),
    organizations: many("organizations", "Organization", "organization"),
    events: many("events", "Event", "event"),
    figures: many("figures", "Figure"),
  },
  Participation: {
    role: scalar("role"),
    event: one("event", "Event"),
    person: one("person", "Person"),
    organization: one("organization", "Organization"),
  },
  Quote: {
    text: scalar("text"),
    kind: scalar("kind"),
    speakerPerson: one("speakerPerson", "Person"),
    speakerOrganization: one("speakerOrganization", "Organization"),
    event: one("event", "Event"),
  },
  Figure: {
    metric: scalar("metric"),
    label: scalar("label"),
    value: scalar("value", true),
    unit: scalar("unit"),
    qualifier: scalar("qualifier"),
    approximate: {
      custom: async (filter) => {
        const conditions: Where[] = [];
        if (filter.equals != null) conditions.push({ qualifier: filter.equals ? { not: "EXACT" } : "EXACT" });
        if (filter.isNull === true) conditions.push({ id: { in: [] } });
        return { AND: conditions };
      },
    },
    originalText: scalar("originalText"),
    project: one("project", "Project"),
    place: one("place", "Place"),
    organization: one("organization", "Organization"),
    event: one("event", "Event"),
  },
  Technology: {
    name: scalar("name"),
    role: scalar("role"),
    description: scalar("description"),
    organization: one("organization", "Organization"),
  },
};

const OPERATORS = ["equals", "in", "contains", "startsWith", "endsWith", "gt", "gte", "lt", "lte"] as const;
const PATTERN_OPERATORS = new Set<string>(["contains", "startsWith", "endsWith"]);
/** Characters that Prisma passes into LIKE unescaped: % and _ are wildcards on both databases, \ PostgreSQL's escape. */
const LIKE_SPECIAL = /[%_\\]/;

/** Where the rows to filter for a text condition live: the model's repository and the id column to return. */
interface TextSource {
  all(select: Record<string, unknown>, where: Where): Promise<Record<string, unknown>[]>;
}

/** ASCII-only case folding, as SQLite's LIKE does (PostgreSQL candidates already matched case-sensitively). */
const foldAscii = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

const MATCHES: Record<string, (value: string, needle: string) => boolean> = {
  contains: (value, needle) => value.includes(needle),
  startsWith: (value, needle) => value.startsWith(needle),
  endsWith: (value, needle) => value.endsWith(needle),
};

/**
 * `contains`, `startsWith` or `endsWith` with %, _ or \ in it, matched
 * literally on both databases. Prisma sends these operators as LIKE without
 * escaping, and SQLite's LIKE has no escape character unless the statement
 * names one, so the database is asked for a superset (each special character
 * as the one-character wildcard _) and the rows are kept whose text really
 * holds the needle; the condition becomes their ids.
 */
async function literalPattern(source: TextSource, column: string, op: string, needle: string): Promise<Where> {
  const rows = await source.all({ id: true, [column]: true }, { [column]: { [op]: needle.replace(/[%_\\]/g, "_") } });
  const folded = foldAscii(needle);
  const ids = rows.filter((row) => typeof row[column] === "string" && MATCHES[op](foldAscii(row[column] as string), folded)).map((row) => row.id as number);
  return { id: { in: ids } };
}

/** `{ equals, in, contains, …, isNull }` on one column, as Prisma conditions (all must hold). */
async function scalarCondition(column: string, filter: Input, bigint = false, source?: TextSource): Promise<Where> {
  const cast = (v: unknown) => (bigint && typeof v === "number" ? BigInt(v) : v);
  const conditions: Where[] = [];
  for (const op of OPERATORS) {
    const value = filter[op];
    if (value === undefined || value === null) continue;
    if (source && PATTERN_OPERATORS.has(op) && typeof value === "string" && LIKE_SPECIAL.test(value)) {
      conditions.push(await literalPattern(source, column, op, value));
      continue;
    }
    const operand = Array.isArray(value) ? value.map(cast) : cast(value);
    conditions.push({ [column]: op === "equals" ? operand : { [op]: operand } });
  }
  if (filter.isNull === true) conditions.push({ [column]: null });
  if (filter.isNull === false) conditions.push({ [column]: { not: null } });
  return conditions.length === 1 ? conditions[0] : { AND: conditions };
}

export class WhereTranslator {
  constructor(readonly repos: Repositories) {}

  /** The Prisma condition for a `where` input on `type`; `{}` when there is none. */
  async translate(type: NodeTypeName, where: Input | null | undefined): Promise<Where> {
    if (!where) return {};
    const fields = FIELDS[type]!;
    const conditions: Where[] = [];
    for (const [key, value] of Object.entries(where)) {
      if (value === undefined || value === null) continue;
      if (key === "AND") conditions.push({ AND: await Promise.all((value as Input[]).map((w) => this.translate(type, w))) });
      else if (key === "OR") conditions.push({ OR: await Promise.all((value as Input[]).map((w) => this.translate(type, w))) });
      else if (key === "NOT") conditions.push({ NOT: await this.translate(type, value as Input) });
      else if (key === "id") conditions.push(this.idCondition(type, value as Input));
      else if (key === "slug") conditions.push(await scalarCondition("slug", value as Input, false, this.repos[NODE_TYPES[type]]));
      else conditions.push(await this.field(type, fields[key], value as Input));
    }
    return conditions.length === 1 ? conditions[0] : { AND: conditions };
  }

  private async field(type: NodeTypeName, spec: FieldSpec, value: Input): Promise<Where> {
    if ("column" in spec) return scalarCondition(spec.column, value, spec.bigint, this.repos[NODE_TYPES[type]]);
    if ("custom" in spec) return spec.custom(value, this);
    if ("one" in spec) {
      const conditions: Where[] = [];
      if (value.is) conditions.push({ [spec.one]: { is: await this.translate(spec.to, value.is as Input) } });
      if (value.isNot) conditions.push({ [spec.one]: { isNot: await this.translate(spec.to, value.isNot as Input) } });
      if (value.isNull === true) conditions.push({ [spec.one]: null });
      if (value.isNull === false) conditions.push({ [spec.one]: { isNot: null } });
      return { AND: conditions };
    }
    const conditions: Where[] = [];
    for (const quantifier of ["some", "none", "every"] as const) {
      if (!value[quantifier]) continue;
      const inner = await this.translate(spec.to, value[quantifier] as Input);
      conditions.push({ [spec.many]: { [quantifier]: spec.via ? { [spec.via]: inner } : inner } });
    }
    return { AND: conditions };
  }

  private idCondition(type: NodeTypeName, filter: Input): Where {
    const ids = (list: string[]) => list.map((id) => parseGlobalId(id, type)?.dbId ?? 0);
    const conditions: Where[] = [];
    if (filter.equals != null) conditions.push({ id: ids([filter.equals as string])[0] });
    if (filter.in != null) conditions.push({ id: { in: ids(filter.in as string[]) } });
    return { AND: conditions };
  }

  /** The ids of a place and every place inside it, at any depth. */
  async placeAndDescendants(ref: Input): Promise<number[]> {
    if ((ref.id == null) === (ref.slug == null)) throw new BadUserInputError("within takes either an id or a slug", { argumentName: "within" });
    const places = await this.repos.placeTree();
    const rootId = ref.slug != null ? places.find((p) => p.slug === ref.slug)?.id : parseGlobalId(ref.id as string, "Place")?.dbId;
    if (rootId === undefined || !places.some((p) => p.id === rootId)) {
      throw new BadUserInputError(`within: no place has ${ref.slug != null ? `slug "${ref.slug}"` : `id "${ref.id}"`}`, { argumentName: "within" });
    }
    const children = childrenOf(places);
    const ids: number[] = [];
    for (const queue = [rootId]; queue.length; ) {
      const id = queue.shift()!;
      ids.push(id);
      queue.push(...(children.get(id) ?? []));
    }
    return ids;
  }
}

/** Each place's children, made once per tree: a tree is kept for a data version (Repositories.placeTree). */
const childLists = new WeakMap<readonly PlaceTreeRow[], Map<number, number[]>>();
function childrenOf(places: readonly PlaceTreeRow[]): ReadonlyMap<number, readonly number[]> {
  let children = childLists.get(places);
  if (!children) {
    children = new Map();
    for (const p of places) if (p.parentId !== null) children.set(p.parentId, [...(children.get(p.parentId) ?? []), p.id]);
    childLists.set(places, children);
  }
  return children;
}

/* Sort keys by entity: the column behind each OrderField value. */
const col = (column: string, options: Partial<Omit<OrderTerm, "column" | "desc">> = {}) => ({ column, nullable: false, bigint: false, ...options });
const ORDER_COLUMNS: Partial<Record<NodeTypeName, Record<string, Omit<OrderTerm, "desc">>>> = {
  Place: { ID: col("id"), SLUG: col("slug"), NAME: col("name"), KIND: col("kind", { enumValues: Object.values(PlaceKind) }) },
  Organization: { ID: col("id"), SLUG: col("slug"), NAME: col("name"), KIND: col("kind", { enumValues: Object.values(OrganizationKind) }) },
  Person: { ID: col("id"), SLUG: col("slug"), NAME: col("name") },
  Position: { ID: col("id"), SLUG: col("slug"), TITLE: col("title") },
  Event: {
    ID: col("id"),
    SLUG: col("slug"),
    NAME: col("name"),
    KIND: col("kind", { enumValues: Object.values(EventKind) }),
    START_DATE: col("startDate", { nullable: true }),
  },
  Project: {
    ID: col("id"),
    SLUG: col("slug"),
    NAME: col("name"),
    KIND: col("kind", { enumValues: Object.values(ProjectKind) }),
    STATUS: col("status", { nullable: true, enumValues: Object.values(ProjectStatus) }),
    DATE: col("date", { nullable: true }),
    INVESTMENT: col("investment", { nullable: true, bigint: true }),
  },
  Participation: { ID: col("id"), SLUG: col("slug"), ROLE: col("role", { nullable: true }) },
  Quote: { ID: col("id"), SLUG: col("slug"), KIND: col("kind", { enumValues: Object.values(QuoteKind) }) },
  Figure: { ID: col("id"), SLUG: col("slug"), METRIC: col("metric", { enumValues: Object.values(FigureMetric) }), VALUE: col("value", { bigint: true }) },
  Technology: { ID: col("id"), SLUG: col("slug"), NAME: col("name") },
};

export const MAX_ORDER_TERMS = 3;

/** Sort terms for an `orderBy` list (id is always the final tie-break, so an ID term ends it). */
export function orderTerms(type: NodeTypeName, orderBy: { field: string; direction: string }[] | null | undefined): OrderTerm[] {
  if (!orderBy) return [];
  if (orderBy.length > MAX_ORDER_TERMS) throw new BadUserInputError(`orderBy takes at most ${MAX_ORDER_TERMS} keys`, { argumentName: "orderBy" });
  const terms: OrderTerm[] = [];
  for (const { field, direction } of orderBy) {
    const term = { ...ORDER_COLUMNS[type]![field], desc: direction === "DESC" };
    if (term.column === "id") {
      if (term.desc) terms.push(term);
      break;
    }
    terms.push(term);
  }
  return terms;
}
