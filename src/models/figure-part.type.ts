import { Field, ObjectType } from "type-graphql";
import { SourcePassage } from "./source.type";

@ObjectType({
  simpleResolvers: true,
  description:
    "One thing counted inside a figure: another figure (约75亿元 inside the 182.9亿元 signed on 7月16日), or a project whose figure of the whole's metric is inside it (青岛天安科创城 is one of the 20 projects and of the 182.9亿元). Sums leave out what a wider figure of the same set contains.",
})
export class FigurePart {
  @Field({ description: "True when the text implies the containment rather than stating it (see note)." })
  inferred!: boolean;

  @Field({
    description:
      "True when this part may share yuan or items with the whole's other parts: a category of the whole (14家总部企业 of 510家 入驻企业), or a figure about members the text does not name (完成投资221亿元 of 18 of 城阳区's 43 projects). Two figures on either side of such a part are never added together.",
  })
  mayOverlap!: boolean;

  @Field(() => String, { nullable: true, description: "Why the containment holds, where it is inferred." })
  note!: string | null;

  @Field(() => SourcePassage, { description: "The passage that states (or implies) the containment." })
  source!: SourcePassage;
}
