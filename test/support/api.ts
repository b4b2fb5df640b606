import "reflect-metadata";
import type { ApolloServer } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import { createContext, type Context } from "../../src/context";
import { type Db, createPrismaClient } from "../../src/db";
import { setCursorSecret } from "../../src/pagination";
import { createServer } from "../../src/server";
import { type Template, type TestDatabase, copyTemplate } from "./databases";

export interface Result<T = any> {
  data?: T | null;
  errors?: readonly GraphQLFormattedError[];
}

export interface TestApi {
  db: Db;
  database: TestDatabase;
  server: ApolloServer<Context>;
  /** Runs an operation in-process through Apollo Server, as a client's request would run. */
  run<T = any>(query: string, variables?: Record<string, unknown>): Promise<Result<T>>;
  /** Like run, but fails the test on any GraphQL error. */
  data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

/** The secret the README's example cursors were signed with (a service uses CURSOR_SECRET or its own). */
export const TEST_CURSOR_SECRET = "qingdao-graph README example cursor secret";

export async function startTestApi(template: Template = "seeded"): Promise<TestApi> {
  setCursorSecret(TEST_CURSOR_SECRET);
  const database = await copyTemplate(template);
  const db = createPrismaClient(database.url);
  const server = await createServer();
  await server.start();
  const run = async (query: string, variables?: Record<string, unknown>) => {
    const response = await server.executeOperation({ query, variables }, { contextValue: createContext(db) });
    if (response.body.kind !== "single") throw new Error("expected a single result");
    return response.body.singleResult as Result;
  };
  return {
    db,
    database,
    server,
    run,
    async data(query, variables) {
      const result = await run(query, variables);
      if (result.errors) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data;
    },
    async close() {
      await server.stop();
      await db.$disconnect();
      await database.drop();
    },
  };
}
