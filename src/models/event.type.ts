import { Field, ObjectType } from "type-graphql";
import { DatePrecision, EventKind, EventStatus } from "./enums";
import { Node } from "./node.type";

@ObjectType({ simpleResolvers: true, implements: Node, description: "Something that happened or was to happen: a trip, a conference, a visit, a signing, a forum." })
export class Event extends Node {
  @Field({ description: "The event's name: its own where the article gives one, else a short description." })
  name!: string;

  @Field(() => EventKind, { description: "What kind of event this is." })
  kind!: EventKind;

  @Field(() => EventStatus, { nullable: true, description: "Whether it had happened when the article was written; null where the text does not say." })
  status!: EventStatus | null;

  @Field(() => String, { nullable: true, description: "The date as the text gives it, e.g. 7月16日下午 or 今年4月." })
  dateText!: string | null;

  @Field(() => String, { nullable: true, description: "ISO date (2020-07-16, or 2020-04 when only the month is known); null where the text gives none." })
  startDate!: string | null;

  @Field(() => String, { nullable: true, description: "ISO end date for events that span days; null for one-day events or where unknown." })
  endDate!: string | null;

  @Field(() => DatePrecision, { nullable: true, description: "How precise startDate and endDate are." })
  datePrecision!: DatePrecision | null;

  @Field(() => String, { nullable: true, description: "The part of the day it took place in, e.g. 下午; null where the text gives none." })
  timeOfDay!: string | null;

  @Field({ description: "True when timeOfDay is read from the events around it rather than printed for this one (the four inspection routes all ran in the afternoon after the conference closed at noon; only one is dated 下午)." })
  timeOfDayInferred!: boolean;

  @Field(() => String, { nullable: true, description: "The part of the day it began at, where the text gives that: the 落地考察 began at 中午, as the conference closed." })
  startTimeOfDay!: string | null;

  @Field(() => String, { nullable: true, description: "The part of the day it ended at, where the text gives that: the founding conference 刚刚闭幕 at 中午." })
  endTimeOfDay!: string | null;

  @Field({ description: "True when the year of the dates is inferred (the article never prints 2020)." })
  yearInferred!: boolean;

  @Field(() => String, { nullable: true, description: "What happened, in the article's words." })
  description!: string | null;
}
