import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import {
  EventLinkConnection,
  FigureConnection,
  OrganizationConnection,
  ParticipationConnection,
  PersonLinkConnection,
  PositionConnection,
  ProjectLinkConnection,
  QuoteConnection,
  TechnologyConnection,
} from "../models/connections";
import { TrainingPlacement } from "../models/training-placement.type";
import { Organization, OrganizationAlias } from "../models/organization.type";
import { Place } from "../models/place.type";
import type { ListArgs } from "../services/base.service";
import type { Item } from "../services/repository";
import {
  EventListArgs,
  FigureListArgs,
  OrganizationListArgs,
  ParticipationListArgs,
  PersonListArgs,
  PositionListArgs,
  ProjectListArgs,
  QuoteListArgs,
  TechnologyListArgs,
} from "./inputs/list.args";
import { LookupArgs } from "./inputs/lookup.args";

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: "One organization by id or slug, e.g. organization(slug: \"tianan\")." })
  organization(@Args() args: LookupArgs, @Ctx() { services }: Context) {
    return services.organization.lookup(args);
  }

  @Query(() => OrganizationConnection, { description: "All organizations." })
  organizations(@Args(() => OrganizationListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.organization.list(args);
  }

  @FieldResolver(() => [OrganizationAlias], { description: "Other names the article uses for it (简称)." })
  aliases(@Root() org: Item, @Ctx() { services }: Context) {
    return services.organization.aliases(org);
  }

  @FieldResolver(() => Organization, { nullable: true, description: "The organization it belongs to (海尔 for 海尔工业智能研究院); parentInferred says whether the text states it." })
  parent(@Root() org: Item, @Ctx() { services }: Context) {
    return services.organization.parent(org);
  }

  @FieldResolver(() => OrganizationConnection, { description: "Organizations that belong to this one." })
  children(@Root() org: Item, @Args(() => OrganizationListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.organization.children(org, args);
  }

  @FieldResolver(() => Place, { nullable: true, description: "Where it is based, where the text says." })
  place(@Root() org: Item, @Ctx() { services }: Context) {
    return services.organization.place(org);
  }

  @FieldResolver(() => PositionConnection, { description: "Titles people hold here." })
  positions(@Root() org: Item, @Args(() => PositionListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.organization.positions(org, args);
  }

  @FieldResolver(() => PersonLinkConnection, { description: "People holding a title here; each edge's role is the title." })
  people(@Root() org: Item, @Args(() => PersonListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.organization.people(org, args);
  }

  @FieldResolver(() => ProjectLinkConnection, { description: "Projects it invests in, develops or runs; each edge's role says how." })
  projects(@Root() org: Item, @Args(() => ProjectListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.organization.projects(org, args);
  }

  @FieldResolver(() => TechnologyConnection, { description: "Technologies and systems it develops (爱能森赫爱斯系统)." })
  technologies(@Root() org: Item, @Args(() => TechnologyListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.organization.technologies(org, args);
  }

  @FieldResolver(() => [TrainingPlacement], { description: "Training placements it hosts (天安数码城集团) or whose programme's team it is (第三批赴深圳体悟实训队)." })
  placements(@Root() org: Item, @Ctx() { services }: Context) {
    return services.organization.placements(org);
  }

  @FieldResolver(() => QuoteConnection, { description: "Quotes attributed to the organization itself (not to its people)." })
  quotes(@Root() org: Item, @Args(() => QuoteListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.organization.quotes(org, args);
  }

  @FieldResolver(() => EventLinkConnection, { description: "Events it took part in; each edge's role is its part." })
  events(@Root() org: Item, @Args(() => EventListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.organization.events(org, args);
  }

  @FieldResolver(() => ParticipationConnection, { description: "Its participations in events." })
  participations(@Root() org: Item, @Args(() => ParticipationListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.organization.participations(org, args);
  }

  @FieldResolver(() => FigureConnection, { description: "Numbers the article states about it." })
  figures(@Root() org: Item, @Args(() => FigureListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.organization.figures(org, args);
  }
}
