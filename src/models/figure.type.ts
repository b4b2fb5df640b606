import { Field, ObjectType } from "type-graphql";
import { SafeIntResolver } from "graphql-scalars";
import { FigureMetric, FigureQualifier, FigureUnit } from "./enums";
import { Node } from "./node.type";

@ObjectType({ simpleResolvers: true, implements: Node, description: "A number the article states about a project, place, organization or event." })
export class Figure extends Node {
  @Field(() => FigureMetric, { description: "What is measured." })
  metric!: FigureMetric;

  @Field({ description: "What is measured, in the article's words, e.g. 计划总投资 or 入驻企业." })
  label!: string;

  @Field(() => SafeIntResolver, { description: "The value as a whole number: yuan for CNY (约75亿元 is 7500000000), else a count or rank." })
  value!: number;

  @Field(() => FigureUnit, { description: "The unit of value." })
  unit!: FigureUnit;

  @Field(() => FigureQualifier, { description: "How the text qualifies the number (约, 以上, 余)." })
  qualifier!: FigureQualifier;

  @Field({ description: "True unless the number is stated exactly (qualifier EXACT)." })
  approximate!: boolean;

  @Field({ description: "The number as printed, e.g. 约75亿元." })
  originalText!: string;
}
