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

@ObjectType({ description: "Count, sum, minimum, maximum and average of a set of figures." })
export class FigureAggregate {
  @Field(() => Int, { description: "How many figures." })
  count!: number;

  @Field(() => FigureUnit, { nullable: true, description: "The unit they share; null when the set mixes units (then sum, min, max and avg are null too)." })
  unit!: FigureUnit | null;

  @Field(() => SafeIntResolver, { nullable: true, description: "Exact sum (yuan for CNY); null for an empty or mixed set." })
  sum!: number | null;

  @Field(() => SafeIntResolver, { nullable: true, description: "Smallest value." })
  min!: number | null;

  @Field(() => SafeIntResolver, { nullable: true, description: "Largest value." })
  max!: number | null;

  @Field(() => Float, { nullable: true, description: "Mean value." })
  avg!: number | null;

  @Field({ description: "True when any figure in the set is approximate (约, 以上, 余): the sum is then approximate too." })
  approximate!: boolean;
}

@ObjectType({ description: "The figures of one place, organization or event." })
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

@ObjectType({ description: "The total planned investment (总投资) of the projects in one place." })
export class PlaceInvestment {
  @Field(() => Place, { description: "The place." })
  place!: unknown;

  @Field(() => Int, { description: "How many projects there (with rollup, inside it too) state an investment." })
  projectCount!: number;

  @Field(() => FigureAggregate, { description: "Their investment in yuan." })
  investment!: FigureAggregate;
}
