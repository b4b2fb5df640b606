import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { FigureConnection, EventConnection, OrganizationConnection, PlaceConnection, ProjectConnection, ProjectLinkConnection } from "../models/connections";
import { Place } from "../models/place.type";
import type { ListArgs } from "../services/base.service";
import type { Item } from "../services/repository";
import { EventListArgs, FigureListArgs, OrganizationListArgs, PlaceListArgs, ProjectListArgs } from "./inputs/list.args";
import { LookupArgs } from "./inputs/lookup.args";

@Resolver(() => Place)
export class PlaceResolver {
  @Query(() => Place, { nullable: true, description: "One place by id or slug, e.g. place(slug: \"chengyang\")." })
  place(@Args() args: LookupArgs, @Ctx() { services }: Context) {
    return services.place.lookup(args);
  }

  @Query(() => PlaceConnection, { description: "All places." })
  places(@Args(() => PlaceListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.place.list(args);
  }

  @FieldResolver(() => Place, { nullable: true, description: "The place this one lies in; null for the outermost places." })
  parent(@Root() place: Item, @Ctx() { services }: Context) {
    return services.place.parent(place);
  }

  @FieldResolver(() => [Place], { description: "Every place this one lies in, nearest first (中德生态园 → 西海岸新区 → 青岛 → 山东)." })
  ancestors(@Root() place: Item, @Ctx() { services }: Context) {
    return services.place.ancestors(place);
  }

  @FieldResolver(() => PlaceConnection, { description: "Places directly inside this one." })
  children(@Root() place: Item, @Args(() => PlaceListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.place.children(place, args);
  }

  @FieldResolver(() => ProjectConnection, { description: "Projects that landed in this place." })
  projects(@Root() place: Item, @Args(() => ProjectListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.place.projects(place, args);
  }

  @FieldResolver(() => ProjectLinkConnection, { description: "Projects this place was considered for (山东 for 爱能森's headquarters); each edge's role says how." })
  candidateFor(@Root() place: Item, @Args(() => ProjectListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.place.candidateFor(place, args);
  }

  @FieldResolver(() => EventConnection, { description: "Events held in this place." })
  events(@Root() place: Item, @Args(() => EventListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.place.events(place, args);
  }

  @FieldResolver(() => OrganizationConnection, { description: "Organizations based in or named for this place." })
  organizations(@Root() place: Item, @Args(() => OrganizationListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.place.organizations(place, args);
  }

  @FieldResolver(() => FigureConnection, { description: "Numbers the article states about this place (e.g. 城阳区's 43 signed projects)." })
  figures(@Root() place: Item, @Args(() => FigureListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.place.figures(place, args);
  }
}
