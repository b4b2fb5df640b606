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

export function toNode<Row extends { id: number } & SourceColumns>(typeName: NodeTypeName, row: Row): NodeOf<Row> {
  return {
    ...row,
    id: toGlobalId(typeName, String(row.id)),
    dbId: row.id,
    __typename: typeName,
    source: { start: row.sourceStart, end: row.sourceEnd, excerpt: row.sourceExcerpt },
  };
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
