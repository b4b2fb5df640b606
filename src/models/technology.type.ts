import { Field, ObjectType } from "type-graphql";
import { Node } from "./node.type";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description:
    "A technology or system an organization develops (爱能森赫爱斯系统). Not an investment project: it has no place, status or investment, so it stays out of project lists, counts and sums.",
})
export class Technology extends Node {
  @Field({ description: "The name as the article gives it." })
  name!: string;

  @Field(() => String, { nullable: true, description: "What the article calls it for its organization, e.g. 核心项目." })
  role!: string | null;

  @Field(() => String, { nullable: true, description: "What it is or does, in the article's words." })
  description!: string | null;
}
