import { Field, ObjectType } from "type-graphql";
import { Node } from "./node.type";

@ObjectType({ simpleResolvers: true, implements: Node, description: "A person or organization taking part in an event." })
export class Participation extends Node {
  @Field(() => String, { nullable: true, description: "Their part in the event in the article's words (推介, 参观地点); null where it gives none." })
  role!: string | null;
}
