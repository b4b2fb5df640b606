import { Arg, Args, ArgsType, Ctx, Field, Query, Resolver } from "type-graphql";
import { ArrayMaxSize, IsOptional, Max, Min } from "class-validator";
import { Int } from "type-graphql";
import type { Context } from "../context";
import { SearchConnection, SearchType } from "../models/search.type";
import { MAX_PAGE_SIZE } from "../pagination";

@ArgsType()
class SearchPageArgs {
  @Field(() => Int, { nullable: true, description: `How many hits (default 20, at most ${MAX_PAGE_SIZE}).` })
  @IsOptional()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Cursor to continue after (pageInfo.endCursor)." })
  after?: string | null;

  @Field(() => [SearchType], { nullable: true, description: "Only these kinds of record (default: all)." })
  @IsOptional()
  @ArrayMaxSize(10)
  types?: SearchType[] | null;
}

@Resolver()
export class SearchResolver {
  @Query(() => SearchConnection, {
    description:
      "Records whose name, aliases, words or description contain the query, in any script and of any length (青, 青岛, 卡奥斯, 工业互联网), ranked best first.",
  })
  search(
    @Arg("query", () => String, { description: "The text to find (1 to 100 characters); case does not matter for Latin letters." }) query: string,
    @Args(() => SearchPageArgs) args: SearchPageArgs,
    @Ctx() { services }: Context,
  ) {
    return services.search.search({ query, ...args });
  }
}
