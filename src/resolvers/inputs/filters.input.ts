import { ArrayMaxSize, IsOptional, Matches, MaxLength } from "class-validator";
import { SafeIntResolver } from "graphql-scalars";
import type { ClassType } from "type-graphql";
import { Field, ID, InputType, registerEnumType } from "type-graphql";

/** The longest `in` list a filter takes. */
export const MAX_IN = 100;

@InputType({ description: "Conditions on a text field; all given conditions must hold." })
export class StringFilter {
  @Field(() => String, { nullable: true, description: "Exactly this text." })
  @IsOptional()
  @MaxLength(500)
  equals?: string;

  @Field(() => [String], { nullable: true, description: `Any of these texts (at most ${MAX_IN}).` })
  @IsOptional()
  @ArrayMaxSize(MAX_IN)
  in?: string[];

  @Field(() => String, { nullable: true, description: "Contains this text (substring, any length: 青 matches 青岛; %, _ and \\ are plain characters)." })
  @IsOptional()
  @MaxLength(500)
  contains?: string;

  @Field(() => String, { nullable: true, description: "Starts with this text." })
  @IsOptional()
  @MaxLength(500)
  startsWith?: string;

  @Field(() => String, { nullable: true, description: "Ends with this text." })
  @IsOptional()
  @MaxLength(500)
  endsWith?: string;

  @Field(() => Boolean, { nullable: true, description: "true: the field is empty (null); false: it has a value." })
  isNull?: boolean;
}

@InputType({ description: "Conditions on a whole-number field (yuan, counts); all given conditions must hold." })
export class IntFilter {
  @Field(() => SafeIntResolver, { nullable: true, description: "Exactly this number." })
  equals?: number;

  @Field(() => [SafeIntResolver], { nullable: true, description: `Any of these numbers (at most ${MAX_IN}).` })
  @IsOptional()
  @ArrayMaxSize(MAX_IN)
  in?: number[];

  @Field(() => SafeIntResolver, { nullable: true, description: "Greater than." })
  gt?: number;

  @Field(() => SafeIntResolver, { nullable: true, description: "Greater than or equal to: gte: 5000000000 is 50亿元 or more." })
  gte?: number;

  @Field(() => SafeIntResolver, { nullable: true, description: "Less than." })
  lt?: number;

  @Field(() => SafeIntResolver, { nullable: true, description: "Less than or equal to." })
  lte?: number;

  @Field(() => Boolean, { nullable: true, description: "true: the field is empty (null); false: it has a value." })
  isNull?: boolean;
}

const ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const ISO_MESSAGE = "dates are ISO: 2020, 2020-07 or 2020-07-16";

@InputType({
  description:
    "Conditions on a partial ISO date (2020, 2020-07, 2020-07-16). Dates compare as text, so gte: \"2020-07\" includes 2020-07 and every day in it.",
})
export class DateFilter {
  @Field(() => String, { nullable: true, description: "Exactly this date, at the stored precision." })
  @IsOptional()
  @Matches(ISO_DATE, { message: ISO_MESSAGE })
  equals?: string;

  @Field(() => String, { nullable: true, description: "Within this year or month: startsWith: \"2020-07\"." })
  @IsOptional()
  @Matches(ISO_DATE, { message: ISO_MESSAGE })
  startsWith?: string;

  @Field(() => String, { nullable: true, description: "After." })
  @IsOptional()
  @Matches(ISO_DATE, { message: ISO_MESSAGE })
  gt?: string;

  @Field(() => String, { nullable: true, description: "On or after." })
  @IsOptional()
  @Matches(ISO_DATE, { message: ISO_MESSAGE })
  gte?: string;

  @Field(() => String, { nullable: true, description: "Before." })
  @IsOptional()
  @Matches(ISO_DATE, { message: ISO_MESSAGE })
  lt?: string;

  @Field(() => String, { nullable: true, description: "On or before." })
  @IsOptional()
  @Matches(ISO_DATE, { message: ISO_MESSAGE })
  lte?: string;

  @Field(() => Boolean, { nullable: true, description: "true: no date is known; false: a date is known." })
  isNull?: boolean;
}

@InputType({ description: "Conditions on a true/false field." })
export class BooleanFilter {
  @Field(() => Boolean, { nullable: true, description: "Exactly this value." })
  equals?: boolean;

  @Field(() => Boolean, { nullable: true, description: "true: the field is empty (null); false: it has a value." })
  isNull?: boolean;
}

@InputType({ description: "Conditions on a global id." })
export class IDFilter {
  @Field(() => ID, { nullable: true, description: "Exactly this id." })
  equals?: string;

  @Field(() => [ID], { nullable: true, description: `Any of these ids (at most ${MAX_IN}).` })
  @IsOptional()
  @ArrayMaxSize(MAX_IN)
  in?: string[];
}

@InputType({ description: "A place named by id or slug (give one)." })
export class PlaceRef {
  @Field(() => ID, { nullable: true, description: "The place's global id." })
  id?: string;

  @Field(() => String, { nullable: true, description: "The place's slug, e.g. qingdao." })
  @IsOptional()
  @MaxLength(200)
  slug?: string;
}

/** An input `{ equals, in, isNull }` over one enum. */
export function EnumFilter<E extends Record<string, string>>(enumObject: E, name: string) {
  @InputType(`${name}Filter`, { description: `Conditions on a ${name} field.` })
  class Filter {
    @Field(() => enumObject, { nullable: true, description: "Exactly this value." })
    equals?: E[keyof E];

    @Field(() => [enumObject], { nullable: true, description: "Any of these values." })
    in?: E[keyof E][];

    @Field(() => Boolean, { nullable: true, description: "true: the field is empty (null); false: it has a value." })
    isNull?: boolean;
  }
  return Filter;
}

export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(OrderDirection, {
  name: "OrderDirection",
  description: "Sort direction. Empty (null) values always sort last.",
  valuesConfig: { ASC: { description: "Smallest or earliest first." }, DESC: { description: "Largest or latest first." } },
});

/** An input `{ field, direction }`: one term of an orderBy list. */
export function OrderInput<F extends Record<string, string>>(fieldEnum: F, name: string): ClassType<{ field: F[keyof F]; direction: OrderDirection }> {
  @InputType(`${name}Order`, { description: `One sort key for ${name} lists; ties are broken by id.` })
  class Order {
    @Field(() => fieldEnum, { description: "What to sort by." })
    field!: F[keyof F];

    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: "Which way." })
    direction!: OrderDirection;
  }
  return Order;
}
