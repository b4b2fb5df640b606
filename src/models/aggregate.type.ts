import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { SafeIntResolver } from "graphql-scalars";
import { FigureUnit } from "./enums";
import { Event } from "./event.type";
import { Organization } from "./organization.type";
import { Place } from "./place.type";

export enum FigureGroupBy {
  PLACE = "PLACE",
  ORGANIZATION = "ORGANIZATION",
  EVENT = "EVENT",
}
registerEnumType(FigureGroupBy, {
  name: "FigureGroupBy",
  description: "How to group figures.",
  valuesConfig: {
    PLACE: { description: "By the place a figure is about: its place, or its project's, event's or organization's place." },
    ORGANIZATION: { description: "By organization: its own figures, and its projects' figures (a project's figure counts for each organization behind it)." },
    EVENT: { description: "By event: its own figures, and the figures of projects signed or advanced there." },
  },
});

/** How every sum of the API treats figures that contain or overlap each other; repeated in the README. */
export const OVERLAP_RULE =
  "Each yuan is counted once: a figure inside another figure of the same set (FigurePart: 约75亿元 inside the 182.9亿元 signed on 7月16日) is left out of the sum, and when the figures that remain may share yuan (they count a common part, measure the same thing of one project, or are categories of one total) there is no sum: overlapping is true and overlaps names them.";

@ObjectType({ simpleResolvers: true, description: `Count, sum, minimum, maximum and average of a set of figures. ${OVERLAP_RULE}` })
export class FigureAggregate {
  @Field(() => Int, { description: "How many figures the set holds, the ones the sum leaves out included." })
  count!: number;

  @Field(() => FigureUnit, { nullable: true, description: "The unit they share; null when the set mixes units (then sum, min, max and avg are null too)." })
  unit!: FigureUnit | null;

  @Field(() => SafeIntResolver, {
    nullable: true,
    description:
      "Exact sum (yuan for CNY) of the figures that no other figure of the set contains (see excluded): each yuan once. Null for an empty or mixed set, and when those figures overlap (see overlapping).",
  })
  sum!: number | null;

  @Field(() => SafeIntResolver, { nullable: true, description: "Smallest value in the set." })
  min!: number | null;

  @Field(() => SafeIntResolver, { nullable: true, description: "Largest value in the set." })
  max!: number | null;

  @Field(() => Float, { nullable: true, description: "Mean of the figures the sum adds (sum divided by count minus the excluded ones); null when there is no sum." })
  avg!: number | null;

  @Field({
    description:
      "True when the sum is approximate: a figure it adds is approximate (约, 以上, 余). Without a sum, true when any figure of the set is approximate.",
  })
  approximate!: boolean;

  @Field({
    description:
      "True when figures of the set that do not contain one another may share yuan: 182.9亿元 (signed on 7月16日 across 青岛) and 城阳区's cumulative 582亿元以上 both count 青岛天安科创城, by an amount the text does not give. Then sum and avg are null rather than a total that counts a yuan twice; narrow the set (by place, event or metric) to get one.",
  })
  overlapping!: boolean;
}

@ObjectType({ simpleResolvers: true, description: "The figures of one place, organization or event." })
export class FigureGroup {
  @Field(() => Place, { nullable: true, description: "The place, when grouping by PLACE." })
  place!: unknown;

  @Field(() => Organization, { nullable: true, description: "The organization, when grouping by ORGANIZATION." })
  organization!: unknown;

  @Field(() => Event, { nullable: true, description: "The event, when grouping by EVENT." })
  event!: unknown;

  @Field(() => FigureAggregate, { description: "The figures of this group (with rollup, of the places inside it too)." })
  aggregate!: FigureAggregate;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "The planned investment (总投资) the article states for projects in one place, each yuan once. Not the place's own total: 城阳区's cumulative 582亿元以上 is a figure about the place (Place.figures).",
})
export class PlaceInvestment {
  @Field(() => Place, { description: "The place." })
  place!: unknown;

  @Field(() => Int, { description: "How many projects there (with rollup, inside it too) state an investment." })
  projectCount!: number;

  @Field(() => FigureAggregate, { description: "Their investment in yuan." })
  investment!: FigureAggregate;
}
