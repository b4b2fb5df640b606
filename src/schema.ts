import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { writeClientFacts } from "../client/facts";
import { projectRoot } from "./adapter";
import {
  FigureAggregateResolver,
  FigureConnectionResolver,
  InvestmentResolver,
  ProjectConnectionResolver,
  ProjectLinkConnectionResolver,
} from "./resolvers/aggregate.resolver";
import { ArticleResolver } from "./resolvers/article.resolver";
import { EventResolver } from "./resolvers/event.resolver";
import { FigurePartResolver } from "./resolvers/figure-part.resolver";
import { FigureResolver } from "./resolvers/figure.resolver";
import { NodeResolver } from "./resolvers/node.resolver";
import { OrganizationResolver } from "./resolvers/organization.resolver";
import { ParticipationResolver } from "./resolvers/participation.resolver";
import { PersonResolver } from "./resolvers/person.resolver";
import { PlaceResolver } from "./resolvers/place.resolver";
import { PositionResolver } from "./resolvers/position.resolver";
import { ProjectResolver } from "./resolvers/project.resolver";
import { QuoteResolver } from "./resolvers/quote.resolver";
import { SearchResolver } from "./resolvers/search.resolver";
import { TechnologyResolver } from "./resolvers/technology.resolver";
import { TrainingPlacementResolver } from "./resolvers/training-placement.resolver";
import { callFieldResolversDirectly } from "./resolvers/direct-calls";
import { validateOncePerField } from "./resolvers/inputs/validate";

export const schemaFile = path.join(projectRoot, "schema.graphql");

export const resolvers = [
  ArticleResolver,
  EventResolver,
  FigureAggregateResolver,
  FigureConnectionResolver,
  FigurePartResolver,
  FigureResolver,
  InvestmentResolver,
  NodeResolver,
  OrganizationResolver,
  ParticipationResolver,
  PersonResolver,
  PlaceResolver,
  PositionResolver,
  ProjectConnectionResolver,
  ProjectLinkConnectionResolver,
  ProjectResolver,
  QuoteResolver,
  SearchResolver,
  TechnologyResolver,
  TrainingPlacementResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/**
 * Builds the schema once per process; class-validator checks every argument, once per field of an operation,
 * and later resolutions of a field call its resolver method directly (src/resolvers/direct-calls.ts).
 */
export function createSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers, validateFn: validateOncePerField }).then((schema) => {
    callFieldResolversDirectly(schema);
    schema.getQueryType()!.description =
      "Entry points into the graph of one news article: Shenzhen entrepreneurs visit Qingdao (July 2020). Every list is a Relay connection; every object has a global id and the passage it came from.";
    return schema;
  });
  return built;
}

/** The schema as committed in schema.graphql: types and fields sorted, so diffs stay readable. */
export async function printSortedSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await createSchema()))}\n`;
}

/** `npm run schema`: rewrites schema.graphql from the code, and the Apollo Client kit's facts about it (client/facts.ts). */
if (require.main === module) {
  printSortedSchema().then(async (sdl) => {
    fs.writeFileSync(schemaFile, sdl);
    const written = [schemaFile, ...writeClientFacts(await createSchema())];
    console.log(`Wrote ${written.map((file) => path.relative(process.cwd(), file)).join(", ")}`);
  });
}
