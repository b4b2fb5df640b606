import { Field, ObjectType } from "type-graphql";
import { PlaceKind } from "./enums";
import { Node } from "./node.type";

@ObjectType({ simpleResolvers: true, implements: Node, description: "A place the article names: a region, province, city, district, town or zone." })
export class Place extends Node {
  @Field({ description: "The name as the article writes it, e.g. 城阳区." })
  name!: string;

  @Field(() => PlaceKind, { description: "What kind of place this is." })
  kind!: PlaceKind;

  @Field({ description: "True when the parent is general knowledge rather than stated (青岛 lies in 山东)." })
  parentInferred!: boolean;

  @Field(() => String, { nullable: true, description: "What the article says about the place, in its words." })
  description!: string | null;
}
