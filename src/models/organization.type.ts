import { Field, ObjectType } from "type-graphql";
import { OrganizationKind } from "./enums";
import { Node } from "./node.type";
import { SourcePassage } from "./source.type";

@ObjectType({ simpleResolvers: true, description: "Another name the article uses for an organization." })
export class OrganizationAlias {
  @Field({ description: "The alias, e.g. 卡奥斯平台." })
  alias!: string;

  @Field(() => SourcePassage, { description: "A passage that uses the alias." })
  source!: SourcePassage;
}

@ObjectType({ simpleResolvers: true, implements: Node, description: "A company, association, government body, research centre, media outlet or platform." })
export class Organization extends Node {
  @Field({ description: "The full name as the article gives it." })
  name!: string;

  @Field(() => OrganizationKind, { description: "What kind of body this is." })
  kind!: OrganizationKind;

  @Field({ description: "True when the parent is general knowledge rather than stated (海尔 for 海尔卡奥斯物联生态科技有限公司)." })
  parentInferred!: boolean;

  @Field(() => String, { nullable: true, description: "What the article says the organization is or does, in its words." })
  description!: string | null;
}
