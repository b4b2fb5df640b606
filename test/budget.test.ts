import fs from "node:fs";
import path from "node:path";
import type { ApolloServerPlugin } from "@apollo/server";
import { parse, getOperationAST } from "graphql";
import { projectRoot } from "../src/adapter";
import { loadConfig } from "../src/config";
import { createContext, type Context } from "../src/context";
import { type Db, createPrismaClient } from "../src/db";
import { budgetLimits, checkBudget, measureOperation } from "../src/plugins/use-query-budget";
import { createSchema } from "../src/schema";
import { createServer } from "../src/server";
import {
  aliasedLevels,
  doublingSpreads,
  duplicatedFields,
  literal,
  manyAliases,
  manyDirectives,
  nestedLists,
  notChain,
  orOfChains,
  spreadChain,
} from "./support/attacks";
import { type TestDatabase, copyTemplate } from "./support/databases";
import { DEEP_QUERY } from "./support/deep-query";
import { type Listening, listen } from "./support/listen";

let database: TestDatabase;
let db: Db;
let statements = 0;
const costs: Context["cost"][] = [];
const recordCost: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue }) {
        costs.push(contextValue.cost);
      },
    };
  },
};

beforeAll(async () => {
  database = await copyTemplate("seeded");
  db = createPrismaClient(database.url, { log: true });
  (db as unknown as { $on(e: "query", cb: () => void): void }).$on("query", () => statements++);
});
afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

async function run(query: string, variables?: Record<string, unknown>, env: Record<string, string> = {}) {
  const server = await createServer({ config: loadConfig(env), plugins: [recordCost] });
  await server.start();
  try {
    const before = statements;
    const response = await server.executeOperation({ query, variables }, { contextValue: createContext(db) });
    if (response.body.kind !== "single") throw new Error("expected a single result");
    return { ...response.body.singleResult, statements: statements - before, cost: costs[costs.length - 1] };
  } finally {
    await server.stop();
  }
}

describe("what an operation may cost is known before it runs", () => {
  test("the README's deepest query may return 88,620,100 objects and costs 89 points, and runs", async () => {
    // places 100 + projects 100·100 + their investment 100·100 + organizations 10,000·20 + people 200,000·20
    // + quotes 4,000,000·20 + events 10,000·20 + participants 200,000·20 + figures 10,000·20
    const result = await run(DEEP_QUERY);
    expect(result.errors).toBeUndefined();
    expect(result.data?.places.nodes.length).toBeGreaterThan(0);
    // Points: its share of the 100,000,000-node budget in percent, rounded up.
    expect(result.cost).toEqual({ nodes: 88_620_100, points: 89 });
  });

  test("a lookup by slug reads no list and costs 1 point", async () => {
    const result = await run(`{ project(slug: "tianan-sci-tech-city") { name place { name } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.cost).toEqual({ nodes: 0, points: 1 });
  });

  test("a page of 100 projects with their organizations may return 2,100 objects and costs 1 point", async () => {
    const result = await run(`{ projects(first: 100) { nodes { name organizations { nodes { name } } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.cost).toEqual({ nodes: 2_100, points: 1 });
  });

  test("first and last given as variables count as given", async () => {
    const result = await run(`query($n: Int) { projects(last: $n) { edges { node { name } } } }`, { n: 3 });
    expect(result.cost).toEqual({ nodes: 3, points: 1 });
  });

  test("every query in README.md and in npm run bench fits the default budget", async () => {
    const schema = await createSchema();
    const readme = [...fs.readFileSync(path.join(projectRoot, "README.md"), "utf8").matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
    const bench = [...fs.readFileSync(path.join(projectRoot, "bench", "bench.ts"), "utf8").matchAll(/^ {2}"[^"]+": `([^`]+)`/gm)].map((m) => m[1]);
    expect(readme.length).toBeGreaterThanOrEqual(10);
    expect(bench.length).toBeGreaterThanOrEqual(6);
    const limits = budgetLimits(loadConfig({}));
    for (const query of [...readme, ...bench, DEEP_QUERY]) {
      const document = parse(query, { maxTokens: limits.tokens });
      const measures = measureOperation(schema, document, getOperationAST(document)!, {}, limits);
      expect({ query, refused: checkBudget(measures, Buffer.byteLength(query), limits)?.message }).toEqual({ query, refused: undefined });
    }
  });
});

describe("operations over budget are refused before any statement is sent", () => {
  const refusals: [string, string, Record<string, unknown> | undefined, string, number, number][] = [
    ["six levels of lists with first: 100 (the 182-byte bomb)", nestedLists(6, 100), undefined, "nodes", 1_010_101_010_100, 100_000_000],
    ["four levels of lists with first: 100", nestedLists(4, 100), undefined, "nodes", 101_010_100, 100_000_000],
    ["eight levels of lists with the default page", nestedLists(8), undefined, "depth", 17, 15],
    ["ten levels with three aliases each, through fragments", aliasedLevels(10), undefined, "depth", 23, 15],
    ["16 aliases", manyAliases(16), undefined, "aliases", 16, 15],
    ["16 doubling fragment spreads", doublingSpreads(16), undefined, "fragmentSpreads", 131_071, 100],
    ["10,000 aliases of a database-backed field", manyAliases(10_000), undefined, "tokens", 1001, 1000],
    ["a chain of 10,000 fragment spreads", spreadChain(10_000), undefined, "tokens", 1001, 1000],
    ["the same field 500 times", duplicatedFields(500), undefined, "fields", 500, 400],
    ["51 directives", manyDirectives(51), undefined, "directives", 51, 50],
    ["a 20 KB document", `# ${"x".repeat(20_000)}\n{ __typename }`, undefined, "documentBytes", 20_017, 15_000],
    ["OR × 20 of organizations.some.projects.some … 40 levels, in the document", `{ projects(where: ${literal(orOfChains(20, 40))}) { totalCount } }`, undefined, "tokens", 1001, 1000],
    ["the same filter in a variable", "query($w: ProjectWhere) { projects(where: $w) { totalCount } }", { w: orOfChains(20, 40) }, "whereDepth", 5, 4],
    ["OR × 20 of one relation filter each", "query($w: ProjectWhere) { projects(where: $w) { totalCount } }", { w: orOfChains(20, 1) }, "whereSize", 21, 20],
    ["NOT nested 200 deep, in the document", `{ projects(where: ${literal(notChain(200))}) { totalCount } }`, undefined, "whereDepth", 5, 4],
    ["NOT nested 200 deep, in a variable", "query($w: ProjectWhere) { projects(where: $w) { totalCount } }", { w: notChain(200) }, "whereDepth", 5, 4],
  ];

  test.each(refusals)("%s", async (_name, query, variables, limit, value, maximum) => {
    const result = await run(query, variables);
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toEqual({ code: "QUERY_BUDGET_EXCEEDED", limit, value, maximum });
    expect(result.statements).toBe(0);
  });

  test("the 163 KB filter of the issue is what the test sends", () => {
    expect(Buffer.byteLength(literal(orOfChains(20, 40)))).toBeGreaterThan(20_000);
    expect(Buffer.byteLength(JSON.stringify(orOfChains(20, 40)))).toBeGreaterThan(20_000);
  });

  test("the parser stops at the token limit: a syntax error past token 1,000 is never reached", async () => {
    const result = await run(`${manyAliases(500)} }}} this is not GraphQL`);
    expect(result.errors![0].extensions).toMatchObject({ code: "QUERY_BUDGET_EXCEEDED", limit: "tokens" });
    expect(result.errors![0].message).toBe("The document has more than 1000 tokens; parsing stopped there");
  });

  test("a syntax error within the limit stays a syntax error", async () => {
    const result = await run("{ places { name ");
    expect(result.errors![0].extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  test("introspection, as a playground asks it, fits; its depth and fields do not count, its lists do", async () => {
    const { getIntrospectionQuery } = await import("graphql");
    const full = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true });
    const result = await run(full);
    expect(result.errors).toBeUndefined();
    const wide = await run("{ __schema { types { fields { args { type { fields { args { name } } } } } } } }");
    expect(wide.errors![0].extensions).toMatchObject({ code: "QUERY_BUDGET_EXCEEDED", limit: "nodes" });
  });
});

describe("every limit is an environment variable", () => {
  test("a lower depth limit refuses a README example that the default allows", async () => {
    const query = `{ event(slug: "industrial-internet-route") { quotes(first: 3) { nodes { speaker { ... on Person { positions { nodes { organization { name } } } } } } } } }`;
    expect((await run(query)).errors).toBeUndefined();
    const result = await run(query, undefined, { MAX_QUERY_DEPTH: "6" });
    expect(result.errors![0].extensions).toEqual({ code: "QUERY_BUDGET_EXCEEDED", limit: "depth", value: 8, maximum: 6 });
  });

  test("a lower node limit refuses the deep query", async () => {
    const result = await run(DEEP_QUERY, undefined, { MAX_QUERY_NODES: "500000" });
    expect(result.errors![0].extensions).toEqual({ code: "QUERY_BUDGET_EXCEEDED", limit: "nodes", value: 88_620_100, maximum: 500_000 });
  });

  test("a higher alias limit admits 16 aliases", async () => {
    expect((await run(manyAliases(16), undefined, { MAX_ALIASES: "16" })).errors).toBeUndefined();
  });

  test("a value that is not a positive whole number stops the service with one line", () => {
    expect(() => loadConfig({ MAX_QUERY_NODES: "0" })).toThrow('invalid configuration: MAX_QUERY_NODES must be at least 1 (got "0")');
    expect(() => loadConfig({ MAX_TOKENS: "many" })).toThrow('invalid configuration: MAX_TOKENS must be a number (got "many")');
  });
});

describe("over HTTP", () => {
  let http: Listening;
  beforeAll(async () => {
    http = await listen(database);
  });
  afterAll(() => http.close());

  test("a refused operation is 400 for application/graphql-response+json and 200 for application/json, with the same body", async () => {
    const strict = await http.post({ query: nestedLists(6, 100) });
    const legacy = await http.post({ query: nestedLists(6, 100) }, "application/json");
    expect(strict.status).toBe(400);
    expect(strict.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
    expect(legacy.status).toBe(200);
    expect(legacy.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await strict.json();
    expect(await legacy.json()).toEqual(body);
    expect(body).toEqual({
      errors: [
        {
          message: expect.stringMatching(/^The operation could return up to 1010101010100 objects/),
          extensions: { code: "QUERY_BUDGET_EXCEEDED", limit: "nodes", value: 1_010_101_010_100, maximum: 100_000_000 },
        },
      ],
    });
  });

  test("a document over the token limit is refused with 400 whatever its size", async () => {
    const response = await http.post({ query: manyAliases(10_000) });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].extensions).toEqual({ code: "QUERY_BUDGET_EXCEEDED", limit: "tokens", value: 1001, maximum: 1000 });
  });

  test("GET is measured as POST is", async () => {
    const url = `${http.endpoint}?query=${encodeURIComponent(nestedLists(8))}`;
    const response = await fetch(url, { headers: { accept: "application/graphql-response+json", "apollo-require-preflight": "1" } });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].extensions).toMatchObject({ code: "QUERY_BUDGET_EXCEEDED", limit: "depth" });
  });
});
