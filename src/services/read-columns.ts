import { type DocumentNode, type GraphQLSchema, TypeInfo, getNamedType, isAbstractType, isObjectType, visit, visitWithTypeInfo } from "graphql";
import type { NodeTypeName } from "../node";
import { scalarsOf } from "./sql-where";

/** What an operation's document asks of a type. */
interface Asks {
  /** Whether `field` is selected on `type`, or on an interface or union that includes it. */
  selects(type: string, field: string): boolean;
  /** Whether a list of `type` is ordered by `value` of its OrderField (a variable there may order it by any). */
  orders(type: string, value: string): boolean;
}

/** A group of columns a read leaves out unless `needed` says the operation reads them. */
interface Optional {
  columns: readonly string[];
  needed: (asks: Asks) => boolean;
}

const SOURCE_COLUMNS = ["sourceStart", "sourceEnd", "sourceExcerpt"];
/** Stands for every link edge type (OrganizationLinkEdge, …). */
const LINK_EDGE = "LinkEdge";

/** Columns that only the fields of the same name on `type` read, or a sort by one of `orderValues` (its cursors hold the columns). */
const own = (type: NodeTypeName, fields: string[], orderValues: string[] = []): Optional => ({
  columns: fields,
  needed: (asks) => fields.some((f) => asks.selects(type, f)) || orderValues.some((v) => asks.orders(type, v)),
});
/** A node's passage: its `source` field. */
const source = (type: NodeTypeName): Optional => ({ columns: SOURCE_COLUMNS, needed: (asks) => asks.selects(type, "source") });
/** The passage of a link row, which link edges carry; positions and participations are nodes with a passage of their own too. */
const linkSource = (type?: NodeTypeName): Optional => ({
  columns: SOURCE_COLUMNS,
  needed: (asks) => asks.selects(LINK_EDGE, "source") || (type !== undefined && asks.selects(type, "source")),
});
const description = (type: NodeTypeName) => own(type, ["description"]);
const slug = (type: NodeTypeName) => own(type, ["slug"], ["SLUG"]);

/**
 * Columns a read may leave out, by table, in groups (a table's groups make
 * at most sixteen column sets, so its statement texts stay few). Only
 * columns that nothing but the fields named here reads are in them: keys,
 * foreign keys, names, and every column a service reads for itself (a
 * figure's metric, unit, value and qualifier, which sums read; a project's
 * investment; a place's kind; a position's title and a participation's role,
 * which link edges carry) are always read.
 */
const OPTIONAL_COLUMNS: Record<string, readonly Optional[]> = {
  Project: [
    source("Project"),
    description("Project"),
    slug("Project"),
    own("Project", ["kind", "status", "date", "dateText", "datePrecision", "yearInferred"], ["KIND", "STATUS", "DATE"]),
  ],
  Figure: [source("Figure"), slug("Figure"), own("Figure", ["label"]), own("Figure", ["originalText"])],
  Organization: [source("Organization"), description("Organization"), slug("Organization"), own("Organization", ["kind"], ["KIND"])],
  Event: [
    source("Event"),
    description("Event"),
    slug("Event"),
    own(
      "Event",
      ["kind", "status", "dateText", "startDate", "endDate", "datePrecision", "timeOfDay", "timeOfDayInferred", "startTimeOfDay", "endTimeOfDay", "yearInferred"],
      ["KIND", "START_DATE"],
    ),
  ],
  Person: [source("Person"), description("Person"), slug("Person")],
  Place: [source("Place"), description("Place"), slug("Place")],
  Quote: [source("Quote"), slug("Quote")],
  Position: [linkSource("Position")],
  Participation: [linkSource("Participation")],
  ProjectOrganization: [linkSource()],
  EventProject: [linkSource()],
  ProjectPerson: [linkSource()],
  ProjectCandidatePlace: [linkSource()],
};

/** The columns one read of a table takes, and a key naming that set (statement caches tell sets apart by it). */
export interface ColumnSet {
  readonly columns: readonly string[];
  readonly key: string;
}

/**
 * One ColumnSet per distinct set, made once: a table has at most sixteen
 * (four groups), so the statement texts, prepared once each, stay few.
 */
const columnSets = new Map<string, ColumnSet>();

function columnSet(table: string, left: ReadonlySet<string>): ColumnSet {
  const columns = [...(scalarsOf(table) ?? [])].filter((c) => !left.has(c));
  const key = `${table}:${columns.join(",")}`;
  let set = columnSets.get(key);
  if (!set) columnSets.set(key, (set = { columns, key }));
  return set;
}

/**
 * `set` with `columns` too (a read by slug needs the slug to match its rows
 * to the keys asked for); undefined, every column, stays undefined.
 */
export function including(table: string, set: ColumnSet | undefined, columns: readonly string[]): ColumnSet | undefined {
  if (!set || columns.every((c) => set.columns.includes(c))) return set;
  // Asked once per read (a lookup's every request): the widened set is found, not made again.
  const key = `${set.key}+${columns.join(",")}`;
  let widened = widenedSets.get(key);
  if (!widened) {
    const left = new Set([...(scalarsOf(table) ?? [])].filter((c) => !set.columns.includes(c) && !columns.includes(c)));
    widenedSets.set(key, (widened = columnSet(table, left)));
  }
  return widened;
}

/** Each column set widened by the key columns of a read (including), by both; as few as the sets and the reads' keys. */
const widenedSets = new Map<string, ColumnSet>();

/** The columns an operation's reads take, by table; a table it does not name is read whole. */
export type ReadColumns = ReadonlyMap<string, ColumnSet>;

/** Reads that leave nothing out. */
export const EVERY_COLUMN: ReadColumns = new Map();

/** A request's read columns, set once its operation is known (src/execution.ts); before that, reads take every column. */
export interface ReadColumnsRef {
  current?: ReadColumns;
}

const plans = new WeakMap<DocumentNode, WeakMap<GraphQLSchema, ReadColumns>>();

/**
 * The columns the reads of `document` take: a group is left out when no
 * field that reads it is selected anywhere in the document (on its type or
 * on an interface or union that includes it) and no list is sorted by it. Every
 * operation and fragment of the document counts and directives are not
 * evaluated, so the set can be larger than one run needs, never smaller.
 * Every read of a table within one request takes the same set, so an item
 * one loader primed serves any other field of the request.
 */
export function readColumnsOf(schema: GraphQLSchema, document: DocumentNode): ReadColumns {
  let bySchema = plans.get(document);
  if (!bySchema) plans.set(document, (bySchema = new WeakMap()));
  let plan = bySchema.get(schema);
  if (plan) return plan;
  const asked = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  /** The type a sort enum or input belongs to (ProjectOrderField, ProjectOrder: Project), where the input type at hand is one. */
  const orderedType = (pattern: RegExp) => {
    const input = typeInfo.getInputType();
    return input ? pattern.exec(getNamedType(input).name)?.[1] : undefined;
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent) return;
        const types = isAbstractType(parent) ? schema.getPossibleTypes(parent) : isObjectType(parent) ? [parent] : [];
        for (const type of types) {
          asked.add(`${type.name}.${node.name.value}`);
          if (type.name.endsWith(LINK_EDGE)) asked.add(`${LINK_EDGE}.${node.name.value}`);
        }
      },
      EnumValue(node) {
        const type = orderedType(/^(\w+)OrderField$/);
        if (type) asked.add(`${type}:${node.value}`);
      },
      Variable() {
        const type = orderedType(/^(\w+)Order(?:Field)?$/);
        if (type) asked.add(`${type}:*`);
      },
    }),
  );
  const asks: Asks = {
    selects: (type, field) => asked.has(`${type}.${field}`),
    orders: (type, value) => asked.has(`${type}:${value}`) || asked.has(`${type}:*`),
  };
  const made = new Map<string, ColumnSet>();
  for (const [table, groups] of Object.entries(OPTIONAL_COLUMNS)) {
    const left = new Set<string>();
    for (const group of groups) if (!group.needed(asks)) for (const c of group.columns) left.add(c);
    if (left.size) made.set(table, columnSet(table, left));
  }
  plan = made;
  bySchema.set(schema, plan);
  return plan;
}
