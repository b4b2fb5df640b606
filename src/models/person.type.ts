import { Field, ObjectType } from "type-graphql";
import { Node } from "./node.type";

@ObjectType({ simpleResolvers: true, implements: Node, description: "A person the article names." })
export class Person extends Node {
  @Field({ description: "The name as printed." })
  name!: string;

  @Field(() => String, { nullable: true, description: "A note on how the person appears in the article, where one is needed." })
  description!: string | null;
}
