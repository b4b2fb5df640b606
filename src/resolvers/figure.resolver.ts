import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { FigureConnection } from "../models/connections";
import { Event } from "../models/event.type";
import { Figure } from "../models/figure.type";
import { FigurePart } from "../models/figure-part.type";
import { Organization } from "../models/organization.type";
import { Place } from "../models/place.type";
import { Project } from "../models/project.type";
import { FigureSubject } from "../models/unions";
import type { ListArgs } from "../services/base.service";
import type { Item } from "../services/repository";
import { FigureListArgs } from "./inputs/list.args";
import { LookupArgs } from "./inputs/lookup.args";

@Resolver(() => Figure)
export class FigureResolver {
  @Query(() => Figure, { nullable: true, description: "One figure by id or slug." })
  figure(@Args() args: LookupArgs, @Ctx() { services }: Context) {
    return services.figure.lookup(args);
  }

  @Query(() => FigureConnection, { description: "All numbers the article states." })
  figures(@Args(() => FigureListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.figure.list(args);
  }

  @FieldResolver(() => FigureSubject, { description: "What the number is about." })
  subject(@Root() figure: Item, @Ctx() { services }: Context) {
    return services.figure.subject(figure);
  }

  @FieldResolver(() => [FigurePart], {
    description:
      "What this figure counts inside it: figures, and projects whose figure of this metric it includes (城阳区's 582亿元以上 counts 正威供应链 and the others it lists). Sums leave the parts out when this figure is in the same set.",
  })
  parts(@Root() figure: Item, @Ctx() { services }: Context) {
    return services.figure.parts(figure);
  }

  @FieldResolver(() => [FigurePart], {
    description:
      "The figures this one is counted inside: as a part itself, or because its project is a part of a figure of the same metric (青岛天安科创城's 约75亿元 is inside the 182.9亿元 signed on 7月16日). A sum over a set holding such a wider figure leaves this one out.",
  })
  partOf(@Root() figure: Item, @Ctx() { services }: Context) {
    return services.figure.partOf(figure);
  }

  @FieldResolver(() => Project, { nullable: true, description: "The project, when the figure is about one." })
  project(@Root() figure: Item, @Ctx() { services }: Context) {
    return services.figure.project(figure);
  }

  @FieldResolver(() => Place, { nullable: true, description: "The place, when the figure is about one." })
  place(@Root() figure: Item, @Ctx() { services }: Context) {
    return services.figure.place(figure);
  }

  @FieldResolver(() => Organization, { nullable: true, description: "The organization, when the figure is about one." })
  organization(@Root() figure: Item, @Ctx() { services }: Context) {
    return services.figure.organization(figure);
  }

  @FieldResolver(() => Event, { nullable: true, description: "The event, when the figure is about one." })
  event(@Root() figure: Item, @Ctx() { services }: Context) {
    return services.figure.event(figure);
  }
}
