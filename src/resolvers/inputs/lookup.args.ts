import { IsOptional, MaxLength } from "class-validator";
import { ArgsType, Field, ID } from "type-graphql";

@ArgsType()
export class LookupArgs {
  @Field(() => ID, { nullable: true, description: "The global id. Give either id or slug." })
  @IsOptional()
  @MaxLength(200)
  id?: string | null;

  @Field(() => String, { nullable: true, description: "The slug. Give either id or slug." })
  @IsOptional()
  @MaxLength(200)
  slug?: string | null;
}
