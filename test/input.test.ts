import crypto from "node:crypto";
import { toGlobalId } from "graphql-relay";
import { loadConfig } from "../src/config";
import { createContext } from "../src/context";
import { type Db, createPrismaClient } from "../src/db";
import { persistedCursorSecret } from "../src/pagination";
import { createServer } from "../src/server";
import { type TestApi, startTestApi } from "./support/api";
import { type TestDatabase, copyTemplate, provider } from "./support/databases";
import { listen } from "./support/listen";

/** Bad input of every kind gets a typed client error, never INTERNAL_SERVER_ERROR, on either database. */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const codes = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => result.errors?.map((e) => e.extensions?.code);

describe("cursors are signed", () => {
  const PAGE = `query($after: String) { figures(first: 2, after: $after, orderBy: [{ field: VALUE, direction: DESC }]) { edges { cursor node { slug } } } }`;

  async function secondCursor(): Promise<string> {
    const data = await api.data(PAGE);
    return data.figures.edges[1].cursor;
  }

  test("a cursor the API made pages on", async () => {
    const data = await api.data(PAGE, { after: await secondCursor() });
    expect(data.figures.edges).toHaveLength(2);
  });

  test("a forged cursor, well-formed but not signed by the server, is BAD_USER_INPUT", async () => {
    const [payload] = (await secondCursor()).split(".");
    const position = JSON.parse(Buffer.from(payload, "base64url").toString());
    for (const forged of [{ ...position, id: 1 }, { ...position, v: ["not a number"] }, { ...position, v: [{ gt: 0 }] }]) {
      const body = Buffer.from(JSON.stringify(forged)).toString("base64url");
      for (const cursor of [body, `${body}.${"A".repeat(22)}`]) {
        const result = await api.run(PAGE, { after: cursor });
        expect(codes(result)).toEqual(["BAD_USER_INPUT"]);
        expect(result.errors![0].message).toMatch(/is not a valid cursor for after/);
      }
    }
  });

  test("a cursor with one character changed is BAD_USER_INPUT", async () => {
    const cursor = await secondCursor();
    const at = cursor.indexOf(".") - 3;
    const tampered = cursor.slice(0, at) + (cursor[at] === "A" ? "B" : "A") + cursor.slice(at + 1);
    expect(codes(await api.run(PAGE, { after: tampered }))).toEqual(["BAD_USER_INPUT"]);
  });

  test("search cursors are signed too", async () => {
    const query = `query($after: String) { search(query: "青岛", first: 1, after: $after) { pageInfo { endCursor } } }`;
    const cursor: string = (await api.data(query)).search.pageInfo.endCursor;
    expect((await api.run(query, { after: cursor })).errors).toBeUndefined();
    expect(codes(await api.run(query, { after: cursor.split(".")[0] }))).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("the cursor secret", () => {
  let database: TestDatabase;
  let a: Db;
  let b: Db;
  beforeAll(async () => {
    database = await copyTemplate("seeded");
    a = createPrismaClient(database.url);
    b = createPrismaClient(database.url);
  });
  // Each app is a replica: its own Prisma client on the shared database.
  afterAll(async () => {
    await a.$disconnect();
    await b.$disconnect();
    await database.drop();
  });

  const PAGE = { query: `query($after: String) { places(first: 3, after: $after) { pageInfo { endCursor } nodes { slug } } }` };

  test("replicas starting together on one database store one secret and all use it", async () => {
    const secrets = await Promise.all([persistedCursorSecret(a), persistedCursorSecret(b), persistedCursorSecret(a), persistedCursorSecret(b)]);
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await a.serviceState.count({ where: { key: "cursorSecret" } })).toBe(1);
  });

  test("a cursor from one replica pages on another that started later", async () => {
    const first = await listen(database);
    const cursor = (await (await first.post(PAGE)).json()).data.places.pageInfo.endCursor;
    await first.close();
    const second = await listen(database);
    try {
      const body = await (await second.post({ ...PAGE, variables: { after: cursor } })).json();
      expect(body.errors).toBeUndefined();
      expect(body.data.places.nodes).toHaveLength(3);
    } finally {
      await second.close();
    }
  });

  test("CURSOR_SECRET replaces the stored secret, and cursors signed with another secret are refused", async () => {
    const one = await listen(database, { CURSOR_SECRET: "x".repeat(32) });
    const cursor = (await (await one.post(PAGE)).json()).data.places.pageInfo.endCursor;
    expect((await (await one.post({ ...PAGE, variables: { after: cursor } })).json()).errors).toBeUndefined();
    await one.close();
    const other = await listen(database, { CURSOR_SECRET: "y".repeat(32) });
    try {
      const response = await other.post({ ...PAGE, variables: { after: cursor } });
      expect(response.status).toBe(200);
      expect((await response.json()).errors[0].extensions.code).toBe("BAD_USER_INPUT");
    } finally {
      await other.close();
    }
  });

  test("a CURSOR_SECRET shorter than 32 characters stops the service with one line", () => {
    expect(() => loadConfig({ CURSOR_SECRET: "short" })).toThrow('invalid configuration: CURSOR_SECRET must be at least 32 characters (got "short")');
  });
});

describe("global ids", () => {
  test.each(["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"])("an id whose type part is %s is BAD_USER_INPUT everywhere ids are read", async (type) => {
    const id = toGlobalId(type, "1");
    for (const [query, variables] of [
      ["query($id: ID!) { node(id: $id) { id } }", { id }],
      ["query($id: ID!) { nodes(ids: [$id]) { id } }", { id }],
      ["query($id: ID!) { project(id: $id) { name } }", { id }],
      ["query($id: ID!) { projects(where: { id: { equals: $id } }) { totalCount } }", { id }],
      ["query($id: ID!) { investmentByPlace(within: { id: $id }) { projectCount } }", { id }],
    ] as const) {
      const result = await api.run(query, variables);
      expect({ query, codes: codes(result) }).toEqual({ query, codes: ["BAD_USER_INPUT"] });
    }
  });
});

describe("text that no database can hold or match", () => {
  const cases: [string, string][] = [
    ["NUL", "青\u0000岛"],
    ["a lone high surrogate", "青\uD800岛"],
    ["a lone low surrogate", "\uDC00"],
  ];

  test.each(cases)("%s in a variable is BAD_USER_INPUT wherever text is read", async (_name, text) => {
    for (const query of [
      "query($t: String!) { places(where: { name: { contains: $t } }) { totalCount } }",
      "query($t: String!) { place(slug: $t) { name } }",
      "query($t: String!) { search(query: $t) { totalCount } }",
      "query($t: String!) { figures(after: $t) { totalCount } }",
    ]) {
      const result = await api.run(query, { t: text });
      expect({ query, codes: codes(result) }).toEqual({ query, codes: ["BAD_USER_INPUT"] });
    }
  });

  test("NUL written as an escape in the document is BAD_USER_INPUT", async () => {
    expect(codes(await api.run('{ places(where: { name: { contains: "\\u0000" } }) { totalCount } }'))).toEqual(["BAD_USER_INPUT"]);
  });

  test("a document is refused for its text every time it is sent, and its variables are checked on every request", async () => {
    const literal = '{ places(where: { name: { contains: "\\u0000" } }) { totalCount } }';
    expect(codes(await api.run(literal))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await api.run(literal))).toEqual(["BAD_USER_INPUT"]);
    const query = "query($t: String!) { places(where: { name: { contains: $t } }) { totalCount } }";
    expect(codes(await api.run(query, { t: "青岛" }))).toBeUndefined();
    expect(codes(await api.run(query, { t: "青\u0000岛" }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await api.run(query, { t: "青岛" }))).toBeUndefined();
  });

  test("a lone surrogate written as an escape in the document is a parse error", async () => {
    expect(codes(await api.run('{ place(slug: "\\uD800") { name } }'))).toEqual(["GRAPHQL_PARSE_FAILED"]);
  });

  test("characters outside the Basic Multilingual Plane are ordinary text", async () => {
    const result = await api.run("query($t: String!) { places(where: { name: { contains: $t } }) { totalCount } }", { t: "青😀" });
    expect(result).toEqual({ data: { places: { totalCount: 0 } } });
  });
});

describe(`%, _ and \\ match literally in filters and search (${provider})`, () => {
  // Each special character, in a name with it and in a name a LIKE wildcard or escape would also match.
  const places = [
    ["lit-percent", "100%纯"],
    ["lit-percent-control", "100x纯"],
    ["lit-underscore", "a_b港"],
    ["lit-underscore-control", "axb港"],
    ["lit-backslash", "c\\d园"],
    ["lit-backslash-control", "cd园"],
  ];
  beforeAll(async () => {
    for (const [slug, name] of places) await api.db.place.create({ data: { slug, name, kind: "REGION", sourceStart: 0, sourceEnd: 0, sourceExcerpt: "" } });
  });

  const slugs = async (operator: string, text: string) => {
    const data = await api.data(`query($t: String!) { places(first: 100, where: { name: { ${operator}: $t } }) { nodes { slug } } }`, { t: text });
    return data.places.nodes.map((n: { slug: string }) => n.slug).sort();
  };

  test.each([
    ["%", "lit-percent", "100%", "%纯"],
    ["_", "lit-underscore", "a_", "_b港"],
    ["\\", "lit-backslash", "c\\", "\\d园"],
  ])("%s is a plain character in contains, startsWith and endsWith", async (char, slug, prefix, suffix) => {
    expect(await slugs("contains", char)).toEqual([slug]);
    expect(await slugs("contains", `${prefix.slice(0, -1)}${char}`)).toEqual([slug]);
    expect(await slugs("startsWith", prefix)).toEqual([slug]);
    expect(await slugs("endsWith", suffix)).toEqual([slug]);
    expect(await slugs("contains", `${char}${char}`)).toEqual([]);
  });

  test("endsWith matches the end of the text", async () => {
    expect(await slugs("endsWith", "纯")).toEqual(["lit-percent", "lit-percent-control"]);
    expect(await slugs("endsWith", "100")).toEqual([]);
  });

  test("a literal character inside a relation filter matches literally too", async () => {
    const data = await api.data(`{ projects(where: { place: { is: { name: { contains: "%" } } } }) { totalCount } }`);
    expect(data.projects.totalCount).toBe(0);
    const places = await api.data(`{ places(where: { OR: [{ name: { contains: "_" } }, { slug: { startsWith: "lit-back" } }] }) { nodes { slug } } }`);
    expect(places.places.nodes.map((n: { slug: string }) => n.slug).sort()).toEqual(["lit-backslash", "lit-backslash-control", "lit-underscore"]);
  });

  test.each([
    ["%", "lit-percent"],
    ["_", "lit-underscore"],
    ["\\", "lit-backslash"],
    ["0%纯", "lit-percent"],
    ["a_b", "lit-underscore"],
    ["c\\d", "lit-backslash"],
  ])("search for %s finds only the record that holds it", async (query, slug) => {
    const data = await api.data(`query($q: String!) { search(query: $q, types: [PLACE]) { nodes { ... on Place { slug } } } }`, { q: query });
    expect(data.search.nodes.map((n: { slug: string }) => n.slug)).toEqual([slug]);
  });
});

describe("operations this read-only API does not have", () => {
  test.each(["mutation { x }", "subscription { x }", "mutation M { places { totalCount } }"])("%s is a validation error", async (query) => {
    const result = await api.run(query);
    expect(codes(result)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(result.errors![0].message).toMatch(/read-only: it answers queries/);
  });

  test("a mutation sent with GET is refused over HTTP with 405, as Apollo Server refuses it; by POST it is 400", async () => {
    const http = await listen(api.database);
    try {
      const response = await fetch(`${http.endpoint}?query=${encodeURIComponent("mutation { x }")}`, { headers: { "apollo-require-preflight": "1" } });
      expect(response.status).toBe(405);
      expect((await response.json()).errors[0].extensions.code).toBe("BAD_REQUEST");
      const posted = await http.post({ query: "mutation { x }" });
      expect(posted.status).toBe(400);
      expect((await posted.json()).errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    } finally {
      await http.close();
    }
  });
});

describe("automatic persisted queries keep their codes", () => {
  test("a hash that does not match its query is BAD_REQUEST, an unknown version too, an unknown hash PERSISTED_QUERY_NOT_FOUND", async () => {
    const http = await listen(api.database);
    try {
      const query = "{ __typename }";
      const hash = crypto.createHash("sha256").update(query).digest("hex");
      const wrong = await http.post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } });
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toEqual({ errors: [{ message: "provided sha does not match query", extensions: { code: "BAD_REQUEST" } }] });
      const version = await http.post({ query, extensions: { persistedQuery: { version: 2, sha256Hash: hash } } });
      expect(version.status).toBe(400);
      expect((await version.json()).errors[0].extensions.code).toBe("BAD_REQUEST");
      const unknown = await http.post({ extensions: { persistedQuery: { version: 1, sha256Hash: "1".repeat(64) } } });
      expect((await unknown.json()).errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
      const registered = await http.post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
      expect(await registered.json()).toEqual({ data: { __typename: "Query" } });
    } finally {
      await http.close();
    }
  });
});

describe("error messages", () => {
  const TYPO = "{ projcts { totalCount } places(where: { kind: { equals: DISTRIC } }) { totalCount } }";

  test("suggest field names and enum values while introspection is on", async () => {
    const messages = (await api.run(TYPO)).errors!.map((e) => e.message);
    expect(messages.join("\n")).toMatch(/Did you mean "projects"/);
    expect(messages.join("\n")).toMatch(/Did you mean the enum value "DISTRICT"/);
  });

  test("name nothing the client did not write when INTROSPECTION=false", async () => {
    const server = await createServer({ config: loadConfig({ INTROSPECTION: "false" }) });
    await server.start();
    try {
      const response = await server.executeOperation({ query: TYPO }, { contextValue: createContext(api.db) });
      const errors = response.body.kind === "single" ? response.body.singleResult.errors! : [];
      expect(errors.map((e) => e.message)).toEqual([
        'Cannot query field "projcts" on type "Query".',
        'Value "DISTRIC" does not exist in "PlaceKind" enum.',
      ]);
      const introspection = await server.executeOperation({ query: "{ __schema { types { name } } }" }, { contextValue: createContext(api.db) });
      expect(introspection.body.kind === "single" && introspection.body.singleResult.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    } finally {
      await server.stop();
    }
  });

  test.each(["production", "development", "test", undefined])("an internal failure is masked with NODE_ENV=%s", async (mode) => {
    const database = await copyTemplate("seeded");
    const db = createPrismaClient(database.url);
    const previous = process.env.NODE_ENV;
    if (mode === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = mode;
    const server = await createServer({ logger: { error: () => undefined } as never });
    try {
      await server.start();
      await db.$executeRawUnsafe(provider === "postgresql" ? 'DROP TABLE "Figure" CASCADE' : 'DROP TABLE "Figure"');
      const response = await server.executeOperation({ query: "{ figures { totalCount } }" }, { contextValue: createContext(db) });
      const result = response.body.kind === "single" ? response.body.singleResult : undefined;
      expect(result?.errors).toEqual([{ message: "Internal server error", locations: [{ line: 1, column: 3 }], path: ["figures"], extensions: { code: "INTERNAL_SERVER_ERROR" } }]);
    } finally {
      process.env.NODE_ENV = previous;
      await server.stop();
      await db.$disconnect();
      await database.drop();
    }
  });
});
