import type { ClassType } from "type-graphql";
import { Field, Int, ObjectType } from "type-graphql";
import { SourcePassage } from "./source.type";

@ObjectType({ simpleResolvers: true, description: "Where a page sits in the whole list (Relay cursor connections)." })
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

/** The edge fields a link connection adds: the role and passage of the link row. */
@ObjectType("LinkEdgeFields", { simpleResolvers: true, description: "What every link edge carries besides its node." })
abstract class LinkFields {
  @Field(() => String, { nullable: true, description: "The role or title on this link, in the article's words; null where it gives none." })
  role!: string | null;

  @Field(() => SourcePassage, { description: "The passage that states this link." })
  source!: SourcePassage;
}

/**
 * A Relay connection type named `<name>Connection` over `<name>Edge`s; with
 * `link`, a `<name>LinkConnection` whose edges also carry the role and
 * passage of the link that the article qualifies (a role, a title).
 */
function connection<T extends object>(NodeClass: ClassType<T>, name: string, link?: string) {
  const Base = (link ? LinkFields : class {}) as ClassType;
  const prefix = link ? `${name}Link` : name;
  const linked = link ? ` linked ${link}` : "";

  @ObjectType(`${prefix}Edge`, { simpleResolvers: true, description: `One ${name}${linked}, with its cursor${link ? " and the link's role" : ""}.` })
  class Edge extends Base {
    @Field({ description: "Opaque position of this edge: pass it as after or before." })
    cursor!: string;

    @Field(() => NodeClass, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${prefix}Connection`, { simpleResolvers: true, description: `A page of ${name} items${linked}.` })
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

export function ConnectionType<T extends object>(NodeClass: ClassType<T>, name: string) {
  return connection(NodeClass, name);
}

export function LinkConnectionType<T extends object>(NodeClass: ClassType<T>, name: string, linkDescription: string) {
  return connection(NodeClass, name, linkDescription);
}
