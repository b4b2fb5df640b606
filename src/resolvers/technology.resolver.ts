import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { TechnologyConnection } from "../models/connections";
import { Organization } from "../models/organization.type";
import { Technology } from "../models/technology.type";
import type { ListArgs } from "../services/base.service";
import type { Item } from "../services/repository";
import { TechnologyListArgs } from "./inputs/list.args";
import { LookupArgs } from "./inputs/lookup.args";

@Resolver(() => Technology)
export class TechnologyResolver {
  @Query(() => Technology, { nullable: true, description: "One technology by id or slug, e.g. technology(slug: \"enesoon-heais-system\")." })
  technology(@Args() args: LookupArgs, @Ctx() { services }: Context) {
    return services.technology.lookup(args);
  }

  @Query(() => TechnologyConnection, { description: "All technologies and systems the article names (not investment projects)." })
  technologies(@Args(() => TechnologyListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.technology.list(args);
  }

  @FieldResolver(() => Organization, { nullable: true, description: "The organization whose technology it is." })
  organization(@Root() technology: Item, @Ctx() { services }: Context) {
    return services.technology.organization(technology);
  }
}
