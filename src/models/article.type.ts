import { Field, Int, ObjectType } from "type-graphql";
import { Node } from "./node.type";

@ObjectType({ simpleResolvers: true, implements: Node, description: "The news article the whole graph was read from." })
export class Article extends Node {
  @Field({ description: "The headline." })
  title!: string;

  @Field({ description: "The outlet as the byline names it (半岛)." })
  outletName!: string;

  @Field({ description: "The byline as printed, e.g. 文图半岛记者李红梅李兵景毅." })
  byline!: string;

  @Field(() => String, { nullable: true, description: "The date the article reports on, as the text gives it (7月16日); no publication date is printed." })
  dateText!: string | null;

  @Field(() => Int, { nullable: true, description: "The year of the reported events; see yearInferred." })
  year!: number | null;

  @Field({ description: "True when the year is not printed but inferred from context (今年, 疫情期间: 2020)." })
  yearInferred!: boolean;

  @Field({ description: "The full article text, without the page furniture that followed it. Source offsets index into this." })
  text!: string;
}
