import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { PageInfo } from "./connection.type";
import { Node } from "./node.type";

export enum SearchType {
  PLACE = "Place",
  ORGANIZATION = "Organization",
  PERSON = "Person",
  EVENT = "Event",
  PROJECT = "Project",
  QUOTE = "Quote",
  TECHNOLOGY = "Technology",
}
registerEnumType(SearchType, {
  name: "SearchType",
  description: "Which kinds of record search looks in.",
  valuesConfig: {
    PLACE: { description: "Places: name and description." },
    ORGANIZATION: { description: "Organizations: name, aliases and description." },
    PERSON: { description: "People: name and description." },
    EVENT: { description: "Events: name and description." },
    PROJECT: { description: "Projects: name and description." },
    QUOTE: { description: "Quotes: the words." },
    TECHNOLOGY: { description: "Technologies: name and description." },
  },
});

@ObjectType({ simpleResolvers: true, description: "One search hit: the record, its rank and where the text matched." })
export class SearchEdge {
  @Field({ description: "Opaque position of this hit: pass it as after." })
  cursor!: string;

  @Field(() => Node, { description: "The record that matched; ask for its fields with ... on Project { … } and so on." })
  node!: unknown;

  @Field(() => Int, { description: "Lower is better: names before aliases before quotes before descriptions, earlier and shorter matches first." })
  rank!: number;

  @Field({ description: "Which text matched: name, alias, text (of a quote) or description." })
  field!: string;

  @Field({ description: "The matching text around the match (at most about 60 characters, … where cut)." })
  snippet!: string;

  @Field(() => Int, { description: "Where the match starts in snippet, in Unicode code points." })
  matchStart!: number;
}

@ObjectType({ simpleResolvers: true, description: "A page of search hits, best first." })
export class SearchConnection {
  @Field(() => [SearchEdge], { description: "The hits of this page." })
  edges!: SearchEdge[];

  @Field(() => [Node], { description: "The records of this page, without cursors." })
  nodes!: unknown[];

  @Field(() => PageInfo, { description: "Whether more hits follow." })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: "How many records match in all." })
  totalCount!: number;
}
