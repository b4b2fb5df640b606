import { Field, ObjectType } from "type-graphql";
import { Node } from "./node.type";

@ObjectType({ simpleResolvers: true, implements: Node, description: "A title a person holds at an organization, e.g. 首席运营官." })
export class Position extends Node {
  @Field({ description: "The title as the article gives it." })
  title!: string;

  @Field({ description: "True for a title held at the time of the article, false for a former one." })
  current!: boolean;
}
