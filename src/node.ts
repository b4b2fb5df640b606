import { fromGlobalId, toGlobalId } from "graphql-relay";
import { BadUserInputError } from "./errors";

/** The GraphQL object types that implement Node, each backed by one Prisma model. */
export const NODE_TYPES = {
  Article: "article",
  Place: "place",
  Organization: "organization",
  Person: "person",
  Position: "position",
  Event: "event",
  Project: "project",
  Participation: "participation",
  Quote: "quote",
  Figure: "figure",
  Technology: "technology",
  TrainingPlacement: "trainingPlacement",
} as const;

export type NodeTypeName = keyof typeof NODE_TYPES;
export type ModelName = (typeof NODE_TYPES)[NodeTypeName];

export interface SourceColumns {
  sourceStart: number;
  sourceEnd: number;
  sourceExcerpt: string;
}

/** A database row as the API hands it out: a global id, its type and its passage in the article. */
export type NodeOf<Row extends { id: number }> = Omit<Row, "id"> & {
  id: string;
  dbId: number;
  __typename: NodeTypeName;
  source: { start: number; end: number; excerpt: string };
};

/**
 * A row as the API hands it out. The global id and the source passage are
 * made on the prototype when read, not stored: the deep query hands out
 * about 15,000 rows and reads neither of them, and making them for every row
 * (a base64 string through a Buffer, an object) was a few percent of its
 * allocation. The row's columns are copied onto the instance with
 * Object.assign, whose store of the database `id` lands in the setter as
 * dbId, so no column has to be left out of the copy.
 */
abstract class NodeItem {
  declare dbId: number;
  declare __typename: NodeTypeName;
  declare sourceStart: number;
  declare sourceEnd: number;
  declare sourceExcerpt: string;

  get id(): string {
    return toGlobalId(this.__typename, String(this.dbId));
  }

  set id(dbId: number) {
    this.dbId = dbId;
  }

  get source(): { start: number; end: number; excerpt: string } {
    return { start: this.sourceStart, end: this.sourceEnd, excerpt: this.sourceExcerpt };
  }
}

/** One NodeItem class per type, with the type name on its prototype (resolveType reads __typename). */
const itemClasses = Object.fromEntries(
  Object.keys(NODE_TYPES).map((typeName) => {
    const Item = class extends NodeItem {};
    Object.defineProperty(Item.prototype, "__typename", { value: typeName, enumerable: false, writable: false });
    return [typeName, Item];
  }),
) as unknown as Record<NodeTypeName, new () => NodeItem>;

export function toNode<Row extends { id: number } & SourceColumns>(typeName: NodeTypeName, row: Row): NodeOf<Row> {
  return Object.assign(new itemClasses[typeName](), row) as unknown as NodeOf<Row>;
}

/**
 * Reads a global id. Ids that do not decode to a known type and a positive
 * integer are rejected rather than looked up, so typos surface as input errors.
 */
export function parseGlobalId(id: string, expected?: NodeTypeName): { type: NodeTypeName; dbId: number } | null {
  let decoded: { type: string; id: string };
  try {
    decoded = fromGlobalId(id);
  } catch {
    decoded = { type: "", id: "" };
  }
  const dbId = Number(decoded.id);
  // hasOwn, not `in`: "__proto__", "constructor" or "toString" as the type part must not reach Object.prototype.
  if (!Object.prototype.hasOwnProperty.call(NODE_TYPES, decoded.type) || !Number.isSafeInteger(dbId) || dbId <= 0 || String(dbId) !== decoded.id) {
    throw new BadUserInputError(`"${id}" is not a valid id`, { argumentName: "id" });
  }
  if (expected && decoded.type !== expected) return null;
  return { type: decoded.type as NodeTypeName, dbId };
}
