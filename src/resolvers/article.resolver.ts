import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Article } from "../models/article.type";
import { Organization } from "../models/organization.type";
import { Person } from "../models/person.type";
import type { Item } from "../services/repository";

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => Article, { description: "The article the graph was read from." })
  article(@Ctx() { services }: Context) {
    return services.article.theArticle();
  }

  @FieldResolver(() => Organization, { nullable: true, description: "The outlet as an organization." })
  outlet(@Root() article: Item, @Ctx() { services }: Context) {
    return services.article.outlet(article);
  }

  @FieldResolver(() => [Person], { description: "The reporters, in byline order." })
  reporters(@Root() article: Item, @Ctx() { services }: Context) {
    return services.article.reporters(article);
  }
}
