import { Field, ObjectType } from "type-graphql";
import { DatePrecision, ProjectKind, ProjectStatus } from "./enums";
import { Node } from "./node.type";

@ObjectType({ simpleResolvers: true, implements: Node, description: "An investment project: a park, a trade hub, a headquarters. Technologies are Technology records, not projects." })
export class Project extends Node {
  @Field({ description: "The project's name as the article gives it." })
  name!: string;

  @Field(() => ProjectKind, { description: "What kind of project this is." })
  kind!: ProjectKind;

  @Field(() => ProjectStatus, { nullable: true, description: "How far it had got, as the text tells it; null where it does not." })
  status!: ProjectStatus | null;

  @Field(() => String, { nullable: true, description: "When it was decided, signed or landed, as the text gives it (2018年8月, 多年前)." })
  dateText!: string | null;

  @Field(() => String, { nullable: true, description: "That date in ISO form (2018-08); null where the text gives no date." })
  date!: string | null;

  @Field(() => DatePrecision, { nullable: true, description: "How precise date is." })
  datePrecision!: DatePrecision | null;

  @Field({ description: "True when the year of date is inferred rather than printed." })
  yearInferred!: boolean;

  @Field(() => String, { nullable: true, description: "What the project is or will be, in the article's words." })
  description!: string | null;
}
