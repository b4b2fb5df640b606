import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Organization } from "../models/organization.type";
import { Person } from "../models/person.type";
import { TrainingPlacement } from "../models/training-placement.type";
import type { Item } from "../services/repository";
import { LookupArgs } from "./inputs/lookup.args";

@Resolver(() => TrainingPlacement)
export class TrainingPlacementResolver {
  @Query(() => TrainingPlacement, { nullable: true, description: "One training placement by id or slug." })
  trainingPlacement(@Args() args: LookupArgs, @Ctx() { services }: Context) {
    return services.trainingPlacement.lookup(args);
  }

  @FieldResolver(() => Person, { description: "The cadre on the placement." })
  person(@Root() placement: Item, @Ctx() { services }: Context) {
    return services.trainingPlacement.person(placement);
  }

  @FieldResolver(() => Organization, { description: "The training programme's team, e.g. 第三批赴深圳体悟实训队." })
  programme(@Root() placement: Item, @Ctx() { services }: Context) {
    return services.trainingPlacement.programme(placement);
  }

  @FieldResolver(() => Organization, { nullable: true, description: "The organization hosting the placement, where the text names one (天安数码城集团); not the cadre's employer." })
  host(@Root() placement: Item, @Ctx() { services }: Context) {
    return services.trainingPlacement.host(placement);
  }
}
