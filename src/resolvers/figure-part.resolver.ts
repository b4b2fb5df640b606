import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Figure } from "../models/figure.type";
import { FigurePart } from "../models/figure-part.type";
import { Project } from "../models/project.type";
import type { Item } from "../services/repository";

@Resolver(() => FigurePart)
export class FigurePartResolver {
  @FieldResolver(() => Figure, { description: "The figure that contains the part." })
  async whole(@Root() part: Item, @Ctx() { services }: Context) {
    return (await services.figure.lookupById(part.wholeId))!;
  }

  @FieldResolver(() => Figure, { nullable: true, description: "The figure inside the whole, when the part is a figure." })
  figure(@Root() part: Item, @Ctx() { services }: Context) {
    return part.partFigureId === null ? null : services.figure.lookupById(part.partFigureId);
  }

  @FieldResolver(() => Project, { nullable: true, description: "The project the whole counts, when the part is a project: its figures of the whole's metric are inside the whole." })
  project(@Root() part: Item, @Ctx() { services }: Context) {
    return services.figure.projectById(part.partProjectId);
  }
}
