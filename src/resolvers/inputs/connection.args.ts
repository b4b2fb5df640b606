import { IsOptional, Max, Min } from "class-validator";
import { ArgsType, Field, Int } from "type-graphql";
import { MAX_PAGE_SIZE } from "../../pagination";

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Page forward: how many items after \`after\` (default 20, at most ${MAX_PAGE_SIZE}).` })
  @IsOptional()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Cursor to start after (an edge's cursor or pageInfo.endCursor)." })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Page backward: how many items before \`before\` (at most ${MAX_PAGE_SIZE}).` })
  @IsOptional()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  last?: number | null;

  @Field(() => String, { nullable: true, description: "Cursor to end before (an edge's cursor or pageInfo.startCursor)." })
  before?: string | null;
}
