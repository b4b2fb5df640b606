import { Field, ObjectType } from "type-graphql";
import { Node } from "./node.type";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description:
    "A cadre on a training placement (体悟实训): the person, the programme's team and the organization hosting the placement where the text names one. Hosts are where the cadres trained, not their employers (韩锡宏 and 徐宗禹 worked at 天安数码城集团 以企业员工的身份, as if staff).",
})
export class TrainingPlacement extends Node {
  @Field({ description: "The title the article gives them, e.g. 第三批实训干部 or 实训队员." })
  title!: string;

  @Field({ description: "True when the programme is read from the text around the passage rather than named in it." })
  programmeInferred!: boolean;

  @Field(() => String, { nullable: true, description: "What they did on the placement, in the article's words." })
  description!: string | null;
}
