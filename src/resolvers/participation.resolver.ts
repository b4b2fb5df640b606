import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { ParticipationConnection } from "../models/connections";
import { Event } from "../models/event.type";
import { Organization } from "../models/organization.type";
import { Participation } from "../models/participation.type";
import { Person } from "../models/person.type";
import { Actor } from "../models/unions";
import type { ListArgs } from "../services/base.service";
import type { Item } from "../services/repository";
import { ParticipationListArgs } from "./inputs/list.args";
import { LookupArgs } from "./inputs/lookup.args";

@Resolver(() => Participation)
export class ParticipationResolver {
  @Query(() => Participation, { nullable: true, description: "One participation by id or slug." })
  participation(@Args() args: LookupArgs, @Ctx() { services }: Context) {
    return services.participation.lookup(args);
  }

  @Query(() => ParticipationConnection, { description: "All participations of people and organizations in events." })
  participations(@Args(() => ParticipationListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.participation.list(args);
  }

  @FieldResolver(() => Event, { description: "The event." })
  event(@Root() participation: Item, @Ctx() { services }: Context) {
    return services.participation.event(participation);
  }

  @FieldResolver(() => Actor, { description: "Who took part: a person or an organization." })
  participant(@Root() participation: Item, @Ctx() { services }: Context) {
    return services.participation.participant(participation);
  }

  @FieldResolver(() => Person, { nullable: true, description: "The person who took part, when it was a person." })
  person(@Root() participation: Item, @Ctx() { services }: Context) {
    return services.participation.person(participation);
  }

  @FieldResolver(() => Organization, { nullable: true, description: "The organization that took part, when it was an organization." })
  organization(@Root() participation: Item, @Ctx() { services }: Context) {
    return services.participation.organization(participation);
  }
}
