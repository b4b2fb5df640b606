import type { ClassType } from "type-graphql";
import { Field, Int, ObjectType } from "type-graphql";
import { SourcePassage } from "./source.type";

@ObjectType({ description: "Where a page sits in the whole list (Relay cursor connections)." })
export class PageInfo {
  @Field({ description: "True when more items follow this page." })
  hasNextPage!: boolean;

  @Field({ description: "True when items come before this page." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first edge; null on an empty page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "Cursor of the last edge; null on an empty page." })
  endCursor!: string | null;
}

/** A Relay connection type named `<name>Connection` over `<name>Edge`s. */
export function ConnectionType<T extends object>(NodeClass: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a list, with its cursor.` })
  class Edge {
    @Field({ description: "Opaque position of this edge: pass it as after or before." })
    cursor!: string;

    @Field(() => NodeClass, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class Connection {
    @Field(() => [Edge], { description: "The items of this page with their cursors." })
    edges!: Edge[];

    @Field(() => [NodeClass], { description: "The items of this page, without cursors." })
    nodes!: T[];

    @Field(() => PageInfo, { description: "Whether there are more pages and where this one starts and ends." })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: "How many items the whole list holds, across all pages." })
    totalCount!: number;
  }
  return Connection;
}

/**
 * A connection through a link that the article qualifies (a role, a title):
 * its edges carry the link's role and passage besides the node.
 */
export function LinkConnectionType<T extends object>(NodeClass: ClassType<T>, name: string, linkDescription: string) {
  @ObjectType(`${name}LinkEdge`, { description: `One ${name} linked ${linkDescription}, with the link's role.` })
  class Edge {
    @Field({ description: "Opaque position of this edge: pass it as after or before." })
    cursor!: string;

    @Field(() => NodeClass, { description: `The linked ${name}.` })
    node!: T;

    @Field(() => String, { nullable: true, description: "The role or title on this link, in the article's words; null where it gives none." })
    role!: string | null;

    @Field(() => SourcePassage, { description: "The passage that states this link." })
    source!: SourcePassage;
  }

  @ObjectType(`${name}LinkConnection`, { description: `A page of ${name} items linked ${linkDescription}.` })
  class Connection {
    @Field(() => [Edge], { description: "The items of this page with their cursors and link roles." })
    edges!: Edge[];

    @Field(() => [NodeClass], { description: "The items of this page, without cursors." })
    nodes!: T[];

    @Field(() => PageInfo, { description: "Whether there are more pages and where this one starts and ends." })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: "How many items the whole list holds, across all pages." })
    totalCount!: number;
  }
  return Connection;
}
