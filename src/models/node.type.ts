import { Field, ID, InterfaceType } from "type-graphql";
import { SourcePassage } from "./source.type";

@InterfaceType({
  description: "An object with a global id: fetch any of them with node(id:), and Apollo Client normalizes them by id.",
  resolveType: (value: object) => (value as { __typename?: string }).__typename,
})
export abstract class Node {
  @Field(() => ID, { description: "Opaque global id, unique across all types." })
  id!: string;

  @Field({ description: "Stable human-readable key, unique within the type." })
  slug!: string;

  @Field(() => SourcePassage, { description: "Where in the article this record comes from." })
  source!: SourcePassage;
}
