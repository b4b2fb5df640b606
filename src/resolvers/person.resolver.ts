import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import {
  EventLinkConnection,
  OrganizationLinkConnection,
  ParticipationConnection,
  PersonConnection,
  PositionConnection,
  ProjectLinkConnection,
  QuoteConnection,
} from "../models/connections";
import { TrainingPlacement } from "../models/training-placement.type";
import { Person } from "../models/person.type";
import type { ListArgs } from "../services/base.service";
import type { Item } from "../services/repository";
import { EventListArgs, OrganizationListArgs, ParticipationListArgs, PersonListArgs, PositionListArgs, ProjectListArgs, QuoteListArgs } from "./inputs/list.args";
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

  @FieldResolver(() => [TrainingPlacement], { description: "Training placements the person is on (体悟实训), with the programme and the host." })
  placements(@Root() person: Item, @Ctx() { services }: Context) {
    return services.person.placements(person);
  }

  @FieldResolver(() => ProjectLinkConnection, { description: "Projects the person helped bring about; each edge's role says how." })
  projects(@Root() person: Item, @Args(() => ProjectListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.person.projects(person, args);
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
