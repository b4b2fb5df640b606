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
