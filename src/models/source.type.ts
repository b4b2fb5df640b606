import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "The passage of the article a record was taken from." })
export class SourcePassage {
  @Field(() => Int, { description: "Offset of the passage's first character in Article.text, in Unicode code points." })
  start!: number;

  @Field(() => Int, { description: "Offset just past the passage's last character (exclusive), in Unicode code points." })
  end!: number;

  @Field({ description: "The passage itself: Article.text from start to end." })
  excerpt!: string;
}
