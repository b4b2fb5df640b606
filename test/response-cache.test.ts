import crypto from "node:crypto";
import { type TestDatabase, copyTemplate } from "./support/databases";
import { ensureRedis, postJson, startHttpApp } from "./support/http";

const PROJECT = {
  query: "query Project($slug: String) { project(slug: $slug) { name investment { originalText } } }",
  variables: { slug: "tianan-sci-tech-city" },
};

let database: TestDatabase;
beforeAll(async () => {
  database = await copyTemplate("seeded");
});
afterAll(async () => {
  await database?.drop();
});

const ask = async (endpoint: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await postJson(endpoint, body, headers);
  return { status: response.status, cache: response.headers.get("x-cache"), body: await response.json(), headers: response.headers };
};

describe("in process", () => {
  let server: Awaited<ReturnType<typeof startHttpApp>>;
  beforeAll(async () => {
    server = await startHttpApp({ RATE_LIMIT_POINTS: "0" }, { database });
  });
  afterAll(async () => server?.close());

  test("a repeated query is answered from the cache with the same data", async () => {
    const first = await ask(server.endpoint, PROJECT);
    const second = await ask(server.endpoint, PROJECT);
    expect(first).toMatchObject({ status: 200, cache: "MISS", body: { data: { project: { name: "青岛天安科创城", investment: { originalText: "约75亿元" } } } } });
    expect(second).toMatchObject({ status: 200, cache: "HIT" });
    expect(second.body).toEqual(first.body);
  });

  test("other variables, another operation or the same variables in another order are their own entries, or the same one", async () => {
    const other = await ask(server.endpoint, { ...PROJECT, variables: { slug: "enesoon-equipment-park" } });
    expect(other.cache).toBe("MISS");
    expect(other.body.data.project.name).not.toBe("青岛天安科创城");
    const query = "query Two($a: Int, $b: Int) { places(first: $a) { totalCount } figures(first: $b) { totalCount } }";
    expect((await ask(server.endpoint, { query, variables: { a: 1, b: 2 } })).cache).toBe("MISS");
    expect((await ask(server.endpoint, { query, variables: { b: 2, a: 1 } })).cache).toBe("HIT");
  });

  test("a change to the data (a new data version) is never answered from an older entry", async () => {
    const slug = "shenshang-sci-tech-park";
    const body = { ...PROJECT, variables: { slug } };
    const before = await ask(server.endpoint, body);
    expect((await ask(server.endpoint, body)).cache).toBe("HIT");
    const renamed = `${before.body.data.project.name}(改)`;
    await server.db.project.update({ where: { slug }, data: { name: renamed } });
    const after = await ask(server.endpoint, body);
    expect(after).toMatchObject({ cache: "MISS", body: { data: { project: { name: renamed } } } });
    await server.db.project.update({ where: { slug }, data: { name: before.body.data.project.name } });
  });

  test("answers with errors are not stored", async () => {
    const bad = { query: 'query Bad { project(slug: "x", id: "y") { name } }' };
    const first = await ask(server.endpoint, bad);
    const second = await ask(server.endpoint, bad);
    expect(first.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(second.cache).toBe("MISS");
  });

  test("the query budget still refuses what it refused, cached or not", async () => {
    const bomb = { query: "{ places(first: 100) { nodes { projects(first: 100) { nodes { organizations(first: 100) { nodes { projects(first: 100) { nodes { organizations(first: 100) { nodes { name } } } } } } } } } } }" };
    for (let i = 0; i < 2; i++) {
      const answer = await ask(server.endpoint, bomb);
      expect(answer.body.errors[0].extensions.code).toBe("QUERY_BUDGET_EXCEEDED");
      expect(answer.cache).toBeNull();
    }
  });
});

test("a cached answer still costs rate-limit points", async () => {
  const server = await startHttpApp({ RATE_LIMIT_POINTS: "3", TRUST_PROXY: "true" }, { database });
  try {
    const client = { "x-forwarded-for": `10.9.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}` };
    const caches = [];
    for (let i = 0; i < 3; i++) caches.push((await ask(server.endpoint, PROJECT, client)).cache);
    expect(caches).toEqual(["MISS", "HIT", "HIT"]);
    const refused = await ask(server.endpoint, PROJECT, client);
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions.code).toBe("RATE_LIMITED");
  } finally {
    await server.close();
  }
});

test("RESPONSE_CACHE_BYTES=0 turns the cache off", async () => {
  const server = await startHttpApp({ RESPONSE_CACHE_BYTES: "0" }, { database });
  try {
    await ask(server.endpoint, PROJECT);
    expect((await ask(server.endpoint, PROJECT)).cache).toBeNull();
  } finally {
    await server.close();
  }
});

test("replicas with REDIS_URL share the cache", async () => {
  const env = { REDIS_URL: await ensureRedis() };
  const a = await startHttpApp(env, { database });
  const b = await startHttpApp(env, { database });
  try {
    // A query no other run has cached: Redis outlives test runs (entries of older data versions are never read).
    const query = `query Unique { project(slug: "tianan-sci-tech-city") { name } unique: __typename } # ${crypto.randomUUID()}`;
    expect((await ask(a.endpoint, { query })).cache).toBe("MISS");
    const fromB = await ask(b.endpoint, { query });
    expect(fromB.cache).toBe("HIT");
    expect(fromB.body).toEqual({ data: { project: { name: "青岛天安科创城" }, unique: "Query" } });
  } finally {
    await a.close();
    await b.close();
  }
});
