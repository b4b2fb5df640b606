import type { GraphQLResolveInfo, SelectionSetNode } from "graphql";

/**
 * The names of the fields selected directly under the field being resolved,
 * through inline fragments and fragment spreads: a lookahead, so a service
 * can read a selected to-one relation in the same statement as its parent.
 * Directives are not evaluated: a field under `@skip` counts as selected,
 * which costs a join, never an answer.
 */
export function selectedFields(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === "Field") names.add(selection.name.value);
      else if (selection.kind === "InlineFragment") walk(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        walk(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet);
  return names;
}

/**
 * The fields selected on a connection's nodes, under `nodes` and under
 * `edges { node }`, through fragments: which columns a root list's page has
 * to read. Like selectedFields, a superset when directives skip fields.
 */
export function connectionNodeFields(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, level: "connection" | "edge" | "node") => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === "Field") {
        const name = selection.name.value;
        if (level === "node") names.add(name);
        else if (level === "connection" && name === "nodes") walk(selection.selectionSet, "node");
        else if (level === "connection" && name === "edges") walk(selection.selectionSet, "edge");
        else if (level === "edge" && name === "node") walk(selection.selectionSet, "node");
      } else if (selection.kind === "InlineFragment") walk(selection.selectionSet, level);
      else {
        // A fragment spread twice at one level adds nothing; one spread at two levels is walked at each.
        const key = `${level}:${selection.name.value}`;
        if (seen.has(key)) continue;
        seen.add(key);
        walk(info.fragments[selection.name.value]?.selectionSet, level);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet, "connection");
  return names;
}
