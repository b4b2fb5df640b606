import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { EventLinkConnection, FigureConnection, OrganizationLinkConnection, PersonLinkConnection, PlaceLinkConnection, ProjectConnection } from "../models/connections";
import { FigurePart } from "../models/figure-part.type";
import { Figure } from "../models/figure.type";
import { Place } from "../models/place.type";
import { Project } from "../models/project.type";
import type { ListArgs } from "../services/base.service";
import type { Item } from "../services/repository";
import { EventListArgs, FigureListArgs, OrganizationListArgs, PersonListArgs, PlaceListArgs, ProjectListArgs } from "./inputs/list.args";
import { LookupArgs } from "./inputs/lookup.args";

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { nullable: true, description: "One project by id or slug, e.g. project(slug: \"tianan-sci-tech-city\")." })
  project(@Args() args: LookupArgs, @Ctx() { services }: Context, @Info() info: GraphQLResolveInfo) {
    return services.project.lookup(args, info);
  }

  @Query(() => ProjectConnection, { description: "All investment projects (technologies are not projects: see technologies)." })
  projects(@Args(() => ProjectListArgs) args: ListArgs, @Ctx() { services }: Context, @Info() info: GraphQLResolveInfo) {
    return services.project.list(args, info);
  }

  @FieldResolver(() => Place, { nullable: true, description: "Where the project landed." })
  place(@Root() project: Item, @Ctx() { services }: Context) {
    return services.project.place(project);
  }

  @FieldResolver(() => OrganizationLinkConnection, { description: "Organizations behind the project; each edge's role says how." })
  organizations(@Root() project: Item, @Args(() => OrganizationListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.project.organizations(project, args);
  }

  @FieldResolver(() => EventLinkConnection, { description: "Events where the project was signed or advanced." })
  events(@Root() project: Item, @Args(() => EventListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.project.events(project, args);
  }

  @FieldResolver(() => PersonLinkConnection, { description: "People who helped bring the project about (韩锡宏 and 徐宗禹 for 青岛天安科创城); each edge's role says how." })
  people(@Root() project: Item, @Args(() => PersonListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.project.people(project, args);
  }

  @FieldResolver(() => PlaceLinkConnection, { description: "Places considered for the project (山东、河南、河北、陕西 for 爱能森's headquarters); each edge's role says how." })
  candidatePlaces(@Root() project: Item, @Args(() => PlaceListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.project.candidatePlaces(project, args);
  }

  @FieldResolver(() => [FigurePart], { description: "The figures that count this project among theirs (城阳区's 43 projects and 582亿元以上); its figures of their metric are inside them." })
  countedIn(@Root() project: Item, @Ctx() { services }: Context) {
    return services.project.countedIn(project);
  }

  @FieldResolver(() => FigureConnection, { description: "Numbers the article states about the project (investment, output, tenants)." })
  figures(@Root() project: Item, @Args(() => FigureListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.project.figures(project, args);
  }

  @FieldResolver(() => Figure, { nullable: true, description: "The project's total investment (总投资), if stated: value in yuan, approximate when the text says 约." })
  investment(@Root() project: Item, @Ctx() { services }: Context, @Info() info: GraphQLResolveInfo) {
    return services.project.investment(project, info);
  }
}
