import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { EventConnection, FigureConnection, ParticipationConnection, ProjectLinkConnection, QuoteConnection } from "../models/connections";
import { Event } from "../models/event.type";
import { Place } from "../models/place.type";
import type { ListArgs } from "../services/base.service";
import type { Item } from "../services/repository";
import { EventListArgs, FigureListArgs, ParticipationListArgs, ProjectListArgs, QuoteListArgs } from "./inputs/list.args";
import { LookupArgs } from "./inputs/lookup.args";

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, { nullable: true, description: "One event by id or slug, e.g. event(slug: \"founding-conference\")." })
  event(@Args() args: LookupArgs, @Ctx() { services }: Context) {
    return services.event.lookup(args);
  }

  @Query(() => EventConnection, { description: "All events, parts of events included." })
  events(@Args(() => EventListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.event.list(args);
  }

  @FieldResolver(() => Place, { nullable: true, description: "Where it took place, where the text says." })
  place(@Root() event: Item, @Ctx() { services }: Context) {
    return services.event.place(event);
  }

  @FieldResolver(() => Event, { nullable: true, description: "The event this one is part of (a visit within a trip)." })
  parent(@Root() event: Item, @Ctx() { services }: Context) {
    return services.event.parent(event);
  }

  @FieldResolver(() => EventConnection, { description: "The parts of this event." })
  subEvents(@Root() event: Item, @Args(() => EventListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.event.subEvents(event, args);
  }

  @FieldResolver(() => ParticipationConnection, { description: "Who took part, with their role where stated." })
  participants(@Root() event: Item, @Args(() => ParticipationListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.event.participants(event, args);
  }

  @FieldResolver(() => QuoteConnection, { description: "What was said at this event." })
  quotes(@Root() event: Item, @Args(() => QuoteListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.event.quotes(event, args);
  }

  @FieldResolver(() => ProjectLinkConnection, { description: "Projects signed or advanced at this event; each edge's role says how." })
  projects(@Root() event: Item, @Args(() => ProjectListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.event.projects(event, args);
  }

  @FieldResolver(() => FigureConnection, { description: "Numbers the article states about this event (projects signed, participants)." })
  figures(@Root() event: Item, @Args(() => FigureListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.event.figures(event, args);
  }
}
