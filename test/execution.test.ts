import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { type Context, createContext } from "../src/context";
import { createPrismaClient, type Db } from "../src/db";
import { type CompiledExecutionOptions, CompiledQueries, compiledExecution, useLeanGatewayContext } from "../src/execution";
import { type DocumentNode, execute } from "graphql";
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

/** Servers a test started; stopped after it, whatever it asserted. */
const started: ApolloServer<Context>[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.stop()));
});

/** An Apollo Server that runs operations through compiledExecution, with the compiled-query cache the test inspects. */
async function compiledServer({ limits, heavyNodes, plugins }: { limits?: CompiledExecutionOptions; heavyNodes?: number; plugins?: ApolloServerPlugin<Context>[] } = {}) {
  const schema = await createSchema();
  const queries = new CompiledQueries(schema, limits);
  const server = new ApolloServer<Context>({ gateway: compiledExecution(schema, { heavyNodes, queries }), formatError: errorFormatter(), plugins });
  await server.start();
  started.push(server);
  return { server, queries };
}

test("an operation is compiled once and the compiled query is reused, per operation name", async () => {
  const { server, queries } = await compiledServer();
  const document = `query A { project(slug: "${SLUG}") { name } } query B { places(first: 1) { totalCount } }`;
  for (const operationName of ["A", "A", "B", "A", "B"]) {
    const response = await server.executeOperation({ query: document, operationName }, { contextValue: createContext(db) });
    expect(response.body.kind === "single" && response.body.singleResult.errors).toBeUndefined();
  }
  expect(queries.compiles).toBe(2);
});

test("an operation too large to compile runs on graphql-js with the same answer", async () => {
  const { server, queries } = await compiledServer({ limits: { entries: 10, sourceChars: 100_000, maxExpandedFields: 5 } });
  const query = `{ places(first: 3) { nodes { ...F } } } fragment F on Place { name slug projects(first: 2) { totalCount nodes { name slug } } }`;
  expect((await answer(server, query)).body).toBe((await answer(reference, query)).body);
  expect(queries.compiles).toBe(0);
});

test("the service's server answers the deep query (heavy, so compiled) exactly as graphql-js does", async () => {
  const server = await createServer({ config: loadConfig({}) });
  await server.start();
  started.push(server);
  const compiled = await answer(server, DEEP_QUERY);
  const expected = await answer(reference, DEEP_QUERY);
  expect(JSON.parse(compiled.body).errors).toBeUndefined();
  expect(compiled.body).toBe(expected.body);
}, 60_000);

test("only operations the budget counts as heavy are compiled; a lookup runs on graphql-js", async () => {
  const config = loadConfig({});
  const { server, queries } = await compiledServer({ heavyNodes: config.HEAVY_QUERY_NODES, plugins: [useQueryBudget(budgetLimits(config)).plugin] });
  const lookup = `{ project(slug: "${SLUG}") { name place { name } } }`;
  expect((await answer(server, lookup)).body).toBe((await answer(reference, lookup)).body);
  expect(queries.compiles).toBe(0);
  expect(JSON.parse((await answer(server, DEEP_QUERY)).body).errors).toBeUndefined();
  expect(queries.compiles).toBe(1);
}, 60_000);

test("an operation with variables runs on graphql-js, however heavy: compiling the export's filter variable blocked the event loop for seconds", async () => {
  const { server, queries } = await compiledServer();
  const query = pageQuery(EXPORT_TYPES.projects);
  const variables = { where: { investment: { gte: 1e9 } }, first: 100, after: null };
  expect((await answer(server, query, variables)).body).toBe((await answer(reference, query, variables)).body);
  expect(queries.compiles).toBe(0);
});

test("a compiled operation resolves unions and the Node interface as graphql-js does: speakers, participants, figure subjects, search hits", async () => {
  const { server, queries } = await compiledServer();
  const query = `{
    quotes(first: 20) { nodes { text speaker { __typename ... on Person { name } ... on Organization { name } } } }
    events(first: 20) { nodes { name participants { nodes { role participant { __typename ... on Person { name } ... on Organization { name } } } } } }
    figures(first: 50) { nodes { label subject { __typename ... on Project { name } ... on Place { name } ... on Organization { name } ... on Event { name } } } }
    search(query: "青岛", first: 20) { nodes { __typename ... on Node { id } } }
  }`;
  const compiled = JSON.parse((await answer(server, query)).body);
  expect(compiled.errors).toBeUndefined();
  expect(queries.compiles).toBe(1);
  expect(compiled.data.quotes.nodes.filter((q: any) => q.speaker?.__typename === "Person").length).toBeGreaterThan(0);
  expect(compiled.data.figures.nodes.map((f: any) => f.subject.__typename)).toEqual(expect.arrayContaining(["Project", "Place"]));
  expect(JSON.stringify(compiled)).toBe((await answer(reference, query)).body);
});

test("a gateway's executor gets the request's response status and headers, with the status accessor on a prototype, not a per-request literal", async () => {
  const schema = await createSchema();
  // The service's gateway puts its own request context in Apollo Server's place, for every gateway of the process.
  compiledExecution(schema);
  let seen: any;
  const server = new ApolloServer<Context>({
    gateway: {
      async load() {
        return {
          executor: async (requestContext: any) => {
            seen = requestContext;
            requestContext.response.http.status = 203;
            requestContext.response.http.headers.set("x-gateway", "set");
            requestContext.response.http.headers.append("x-gateway", "appended");
            return execute({ schema, document: requestContext.document as DocumentNode, contextValue: requestContext.context }) as any;
          },
        };
      },
      onSchemaLoadOrUpdate(callback) {
        callback({ apiSchema: schema, coreSupergraphSdl: "" });
        return () => {};
      },
      async stop() {},
    },
  });
  await server.start();
  started.push(server);
  const query = `query One { project(slug: "${SLUG}") { name } }`;
  const response = await server.executeOperation({ query, operationName: "One" }, { contextValue: createContext(db) });
  expect(response.body.kind === "single" && response.body.singleResult.data).toEqual({ project: { name: expect.any(String) } });
  expect(response.http.status).toBe(203);
  expect(response.http.headers.get("x-gateway")).toBe("set, appended");
  expect(seen.response.http.status).toBe(203);
  // Apollo Server's own context made `status` an own getter of an object literal, which kept each request in V8's old generation.
  expect(Object.getOwnPropertyDescriptor(seen.response.http, "status")).toBeUndefined();
  expect(seen.request).toEqual({ query, operationName: "One" });
  expect(seen).toMatchObject({ source: query, operationName: "One", queryHash: expect.stringMatching(/^[0-9a-f]{64}$/), requestIsBatched: false, debug: false });
  expect(seen.operation.operation).toBe("query");
  expect(seen.context.services).toBeDefined();
  // Found and replaced again, idempotently; false when an Apollo Server upgrade moved the function.
  expect(useLeanGatewayContext()).toBe(true);
});
