import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import {
  EventLinkConnection,
  OrganizationLinkConnection,
  ParticipationConnection,
  PersonConnection,
  PositionConnection,
  QuoteConnection,
} from "../models/connections";
import { Person } from "../models/person.type";
import type { ListArgs } from "../services/base.service";
import type { Item } from "../services/repository";
import { EventListArgs, OrganizationListArgs, ParticipationListArgs, PersonListArgs, PositionListArgs, QuoteListArgs } from "./inputs/list.args";
import { LookupArgs } from "./inputs/lookup.args";

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: "One person by id or slug, e.g. person(slug: \"nie-yuan\")." })
  person(@Args() args: LookupArgs, @Ctx() { services }: Context) {
    return services.person.lookup(args);
  }

  @Query(() => PersonConnection, { description: "All people." })
  people(@Args(() => PersonListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.person.list(args);
  }

  @FieldResolver(() => PositionConnection, { description: "The titles the person holds." })
  positions(@Root() person: Item, @Args(() => PositionListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.person.positions(person, args);
  }

  @FieldResolver(() => OrganizationLinkConnection, { description: "Organizations the person holds a title at; each edge's role is the title." })
  organizations(@Root() person: Item, @Args(() => OrganizationListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.person.organizations(person, args);
  }

  @FieldResolver(() => QuoteConnection, { description: "What the person said, directly or as reported." })
  quotes(@Root() person: Item, @Args(() => QuoteListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.person.quotes(person, args);
  }

  @FieldResolver(() => EventLinkConnection, { description: "Events the person took part in; each edge's role is their part." })
  events(@Root() person: Item, @Args(() => EventListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.person.events(person, args);
  }

  @FieldResolver(() => ParticipationConnection, { description: "The person's participations in events." })
  participations(@Root() person: Item, @Args(() => ParticipationListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.person.participations(person, args);
  }
}
