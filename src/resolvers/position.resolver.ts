import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { PositionConnection } from "../models/connections";
import { Organization } from "../models/organization.type";
import { Person } from "../models/person.type";
import { Position } from "../models/position.type";
import type { ListArgs } from "../services/base.service";
import type { Item } from "../services/repository";
import { PositionListArgs } from "./inputs/list.args";
import { LookupArgs } from "./inputs/lookup.args";

@Resolver(() => Position)
export class PositionResolver {
  @Query(() => Position, { nullable: true, description: "One position by id or slug." })
  position(@Args() args: LookupArgs, @Ctx() { services }: Context) {
    return services.position.lookup(args);
  }

  @Query(() => PositionConnection, { description: "All positions (who holds which title where)." })
  positions(@Args(() => PositionListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.position.list(args);
  }

  @FieldResolver(() => Person, { description: "Who holds the title." })
  person(@Root() position: Item, @Ctx() { services }: Context) {
    return services.position.person(position);
  }

  @FieldResolver(() => Organization, { description: "Where the title is held." })
  organization(@Root() position: Item, @Ctx() { services }: Context) {
    return services.position.organization(position);
  }
}
