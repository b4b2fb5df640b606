import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { EventLinkConnection, FigureConnection, OrganizationLinkConnection, ProjectConnection } from "../models/connections";
import { Figure } from "../models/figure.type";
import { Place } from "../models/place.type";
import { Project } from "../models/project.type";
import type { ListArgs } from "../services/base.service";
import type { Item } from "../services/repository";
import { EventListArgs, FigureListArgs, OrganizationListArgs, ProjectListArgs } from "./inputs/list.args";
import { LookupArgs } from "./inputs/lookup.args";

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { nullable: true, description: "One project by id or slug, e.g. project(slug: \"tianan-sci-tech-city\")." })
  project(@Args() args: LookupArgs, @Ctx() { services }: Context) {
    return services.project.lookup(args);
  }

  @Query(() => ProjectConnection, { description: "All investment projects." })
  projects(@Args(() => ProjectListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.project.list(args);
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

  @FieldResolver(() => FigureConnection, { description: "Numbers the article states about the project (investment, output, tenants)." })
  figures(@Root() project: Item, @Args(() => FigureListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.project.figures(project, args);
  }

  @FieldResolver(() => Figure, { nullable: true, description: "The project's total investment (总投资), if stated: value in yuan, approximate when the text says 约." })
  investment(@Root() project: Item, @Ctx() { services }: Context) {
    return services.project.investment(project);
  }
}
