import fs from "node:fs";
import path from "node:path";
import { type GraphQLSchema, getNamedType, isInterfaceType, isObjectType, isUnionType } from "graphql";

/**
 * What Apollo Client's cache must be told about the schema and cannot learn
 * from responses: which types an interface or union may be (possibleTypes,
 * else the fields of `... on Node` are silently dropped), and which fields
 * are connections with which filter arguments (so that pages of one list
 * merge and lists with other filters do not). Both are written next to
 * schema.graphql by `npm run schema` and drift-tested like it.
 */

/** The checkout: this file runs from client/ (tests) or dist/client/ (built). */
const root = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../.." : "..");
export const possibleTypesFile = path.join(root, "possibleTypes.json");
export const connectionsFile = path.join(root, "client", "connections.json");

/** The arguments that move through a list rather than choose it. */
export const PAGING_ARGS = ["first", "last", "after", "before"];

/** Apollo's possibleTypes: each interface and union with its object types, sorted. */
export function possibleTypesOf(schema: GraphQLSchema): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const type of Object.values(schema.getTypeMap()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (type.name.startsWith("__")) continue;
    if (isInterfaceType(type) || isUnionType(type)) {
      result[type.name] = schema.getPossibleTypes(type).map((t) => t.name).sort();
    }
  }
  return result;
}

/**
 * Every field whose type is a Relay connection (it has pageInfo and takes
 * first/after), by parent type, with its non-paging arguments: the cache keys
 * a list by exactly those.
 */
export function connectionsOf(schema: GraphQLSchema): Record<string, Record<string, string[]>> {
  const result: Record<string, Record<string, string[]>> = {};
  for (const type of Object.values(schema.getTypeMap()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (type.name.startsWith("__") || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields()).sort((a, b) => a.name.localeCompare(b.name))) {
      const target = getNamedType(field.type);
      if (!isObjectType(target) || !("pageInfo" in target.getFields()) || !field.args.some((a) => a.name === "after")) continue;
      (result[type.name] ??= {})[field.name] = field.args.map((a) => a.name).filter((name) => !PAGING_ARGS.includes(name)).sort();
    }
  }
  return result;
}

export const clientFacts = (schema: GraphQLSchema) => ({
  [possibleTypesFile]: `${JSON.stringify(possibleTypesOf(schema), null, 2)}\n`,
  [connectionsFile]: `${JSON.stringify(connectionsOf(schema), null, 2)}\n`,
});

export function writeClientFacts(schema: GraphQLSchema): string[] {
  return Object.entries(clientFacts(schema)).map(([file, text]) => (fs.writeFileSync(file, text), file));
}
