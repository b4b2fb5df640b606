import { ApolloServer } from "@apollo/server";
import { type Context, createContext } from "../src/context";
import { createPrismaClient, type Db } from "../src/db";
import { CompiledQueries, compiledExecution } from "../src/execution";
import { setCursorSecret } from "../src/pagination";
import { createSchema } from "../src/schema";
import { loadConfig } from "../src/config";
import { budgetLimits, useQueryBudget } from "../src/plugins/use-query-budget";
import { createServer, errorFormatter } from "../src/server";
import { DEEP_QUERY } from "./support/deep-query";
import { EXPORT_TYPES, pageQuery } from "../src/export/types";
import { type TestDatabase, copyTemplate } from "./support/databases";
import { TEST_CURSOR_SECRET } from "./support/api";

/**
 * Heavy operations run compiled by graphql-jit (src/execution.ts), once per
 * operation, with graphql-js's answer; the rest run on graphql-js.
 */
let database: TestDatabase;
let db: Db;
let reference: ApolloServer<Context>;

beforeAll(async () => {
  setCursorSecret(TEST_CURSOR_SECRET);
  database = await copyTemplate("seeded");
  db = createPrismaClient(database.url);
  const schema = await createSchema();
  const formatError = errorFormatter({ error: () => undefined });
  // graphql-js's execute, as the service ran before: Apollo Server with the schema itself.
  reference = new ApolloServer<Context>({ schema, formatError, includeStacktraceInErrorResponses: false });
  await reference.start();
}, 120_000);
afterAll(async () => {
  await reference?.stop();
  await db?.$disconnect();
  await database?.drop();
});

async function answer(server: ApolloServer<Context>, query: string, variables?: Record<string, unknown>) {
  const response = await server.executeOperation(variables ? { query, variables } : { query }, { contextValue: createContext(db) });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return { status: response.http.status, body: JSON.stringify(response.body.singleResult) };
}

const SLUG = "tianan-sci-tech-city";

test("an operation is compiled once and the compiled query is reused, per operation name", async () => {
  const schema = await createSchema();
  const queries = new CompiledQueries(schema);
  const server = new ApolloServer<Context>({ gateway: compiledExecution(schema, { queries }), formatError: errorFormatter() });
  await server.start();
  try {
    const document = `query A { project(slug: "${SLUG}") { name } } query B { places(first: 1) { totalCount } }`;
    for (const operationName of ["A", "A", "B", "A", "B"]) {
      const response = await server.executeOperation({ query: document, operationName }, { contextValue: createContext(db) });
      expect(response.body.kind === "single" && response.body.singleResult.errors).toBeUndefined();
    }
    expect(queries.compiles).toBe(2);
  } finally {
    await server.stop();
  }
});

test("an operation too large to compile runs on graphql-js with the same answer", async () => {
  const schema = await createSchema();
  const queries = new CompiledQueries(schema, { entries: 10, sourceChars: 100_000, maxExpandedFields: 5 });
  const server = new ApolloServer<Context>({ gateway: compiledExecution(schema, { queries }), formatError: errorFormatter() });
  await server.start();
  try {
    const query = `{ places(first: 3) { nodes { ...F } } } fragment F on Place { name slug projects(first: 2) { totalCount nodes { name slug } } }`;
    const response = await server.executeOperation({ query }, { contextValue: createContext(db) });
    expect(response.body.kind === "single" && JSON.stringify(response.body.singleResult)).toBe((await answer(reference, query)).body);
    expect(queries.compiles).toBe(0);
  } finally {
    await server.stop();
  }
});

test("the service's server answers the deep query (heavy, so compiled) exactly as graphql-js does", async () => {
  const server = await createServer({ config: loadConfig({}) });
  await server.start();
  try {
    const compiled = await answer(server, DEEP_QUERY);
    const expected = await answer(reference, DEEP_QUERY);
    expect(JSON.parse(compiled.body).errors).toBeUndefined();
    expect(compiled.body).toBe(expected.body);
  } finally {
    await server.stop();
  }
}, 60_000);

test("only operations the budget counts as heavy are compiled; a lookup runs on graphql-js", async () => {
  const schema = await createSchema();
  const queries = new CompiledQueries(schema);
  const config = loadConfig({});
  const server = new ApolloServer<Context>({
    gateway: compiledExecution(schema, { heavyNodes: config.HEAVY_QUERY_NODES, queries }),
    formatError: errorFormatter(),
    plugins: [useQueryBudget(budgetLimits(config)).plugin],
  });
  await server.start();
  try {
    const lookup = `{ project(slug: "${SLUG}") { name place { name } } }`;
    expect((await answer(server, lookup)).body).toBe((await answer(reference, lookup)).body);
    expect(queries.compiles).toBe(0);
    expect(JSON.parse((await answer(server, DEEP_QUERY)).body).errors).toBeUndefined();
    expect(queries.compiles).toBe(1);
  } finally {
    await server.stop();
  }
}, 60_000);

test("an operation with variables runs on graphql-js, however heavy: compiling the export's filter variable blocked the event loop for seconds", async () => {
  const schema = await createSchema();
  const queries = new CompiledQueries(schema);
  const server = new ApolloServer<Context>({ gateway: compiledExecution(schema, { queries }), formatError: errorFormatter() });
  await server.start();
  try {
    const query = pageQuery(EXPORT_TYPES.projects);
    const variables = { where: { investment: { gte: 1e9 } }, first: 100, after: null };
    const response = await server.executeOperation({ query, variables }, { contextValue: createContext(db) });
    expect(response.body.kind === "single" && JSON.stringify(response.body.singleResult)).toBe((await answer(reference, query, variables)).body);
    expect(queries.compiles).toBe(0);
  } finally {
    await server.stop();
  }
});
