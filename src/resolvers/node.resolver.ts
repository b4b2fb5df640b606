import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../context";
import { Node } from "../models/node.type";

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Any object by its global id; null when nothing has that id." })
  node(@Arg("id", () => ID, { description: "A global id, as any object's id field gives it." }) id: string, @Ctx() { services }: Context) {
    return services.node.node(id);
  }

  @Query(() => [Node], { nullable: "items", description: "Objects by global id, in the order asked; null for ids that match nothing." })
  nodes(
    @Arg("ids", () => [ID], { description: "Global ids (at most 100)." }) ids: string[],
    @Ctx() { services }: Context,
  ) {
    return services.node.nodes(ids);
  }
}
