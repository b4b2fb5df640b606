import { Field, ObjectType } from "type-graphql";
import { QuoteKind } from "./enums";
import { Node } from "./node.type";

@ObjectType({ simpleResolvers: true, implements: Node, description: "Something said: a direct quote (verbatim) or reported speech." })
export class Quote extends Node {
  @Field({ description: "The words: verbatim for DIRECT quotes (without the quotation marks); the article's wording for REPORTED speech." })
  text!: string;

  @Field(() => QuoteKind, { description: "Direct quote or reported speech." })
  kind!: QuoteKind;
}
