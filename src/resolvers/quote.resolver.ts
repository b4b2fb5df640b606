import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { QuoteConnection } from "../models/connections";
import { Event } from "../models/event.type";
import { Organization } from "../models/organization.type";
import { Person } from "../models/person.type";
import { Quote } from "../models/quote.type";
import { Actor } from "../models/unions";
import type { ListArgs } from "../services/base.service";
import type { Item } from "../services/repository";
import { QuoteListArgs } from "./inputs/list.args";
import { LookupArgs } from "./inputs/lookup.args";

@Resolver(() => Quote)
export class QuoteResolver {
  @Query(() => Quote, { nullable: true, description: "One quote by id or slug." })
  quote(@Args() args: LookupArgs, @Ctx() { services }: Context) {
    return services.quote.lookup(args);
  }

  @Query(() => QuoteConnection, { description: "All quotes, direct and reported." })
  quotes(@Args(() => QuoteListArgs) args: ListArgs, @Ctx() { services }: Context) {
    return services.quote.list(args);
  }

  @FieldResolver(() => Actor, { nullable: true, description: "Who said it; null when the article does not say (the opening line)." })
  speaker(@Root() quote: Item, @Ctx() { services }: Context) {
    return services.quote.speaker(quote);
  }

  @FieldResolver(() => Person, { nullable: true, description: "The speaker, when a person." })
  speakerPerson(@Root() quote: Item, @Ctx() { services }: Context) {
    return services.quote.speakerPerson(quote);
  }

  @FieldResolver(() => Organization, { nullable: true, description: "The speaker, when an organization." })
  speakerOrganization(@Root() quote: Item, @Ctx() { services }: Context) {
    return services.quote.speakerOrganization(quote);
  }

  @FieldResolver(() => Event, { nullable: true, description: "The event where it was said, where the text places it." })
  event(@Root() quote: Item, @Ctx() { services }: Context) {
    return services.quote.event(quote);
  }
}
