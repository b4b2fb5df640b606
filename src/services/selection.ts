import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from "graphql";

/**
 * The field nodes selected directly in `sets`, through inline fragments and
 * fragment spreads (a fragment spread twice among them is walked once).
 */
function fieldsIn(sets: readonly (SelectionSetNode | undefined)[], fragments: GraphQLResolveInfo["fragments"]): FieldNode[] {
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === "Field") fields.push(selection);
      else if (selection.kind === "InlineFragment") walk(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        walk(fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const set of sets) walk(set);
  return fields;
}

const namesOf = (fields: FieldNode[]): Set<string> => new Set(fields.map((field) => field.name.value));
const setsOf = (fields: FieldNode[], name: string) => fields.filter((field) => field.name.value === name).map((field) => field.selectionSet);

/**
 * The names of the fields selected directly under the field being resolved,
 * through inline fragments and fragment spreads: a lookahead, so a service
 * can read a selected to-one relation in the same statement as its parent.
 * Directives are not evaluated: a field under `@skip` counts as selected,
 * which costs a join, never an answer.
 */
export function selectedFields(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">): Set<string> {
  return namesOf(fieldsIn(info.fieldNodes.map((node) => node.selectionSet), info.fragments));
}

/**
 * The fields selected on a connection's nodes, under `nodes` and under
 * `edges { node }`, through fragments: which columns a root list's page has
 * to read. Like selectedFields, a superset when directives skip fields.
 */
export function connectionNodeFields(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">): Set<string> {
  const connection = fieldsIn(info.fieldNodes.map((node) => node.selectionSet), info.fragments);
  const edge = fieldsIn(setsOf(connection, "edges"), info.fragments);
  return namesOf(fieldsIn([...setsOf(connection, "nodes"), ...setsOf(edge, "node")], info.fragments));
}

/**
 * The names of the fields selected under `field`, itself selected directly
 * under the field being resolved (a lookup's `investment { value }`), through
 * fragments; empty when `field` is not selected.
 */
export function selectedUnder(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">, field: string): Set<string> {
  return namesOf(fieldsIn(setsOf(fieldsIn(info.fieldNodes.map((node) => node.selectionSet), info.fragments), field), info.fragments));
}
