import crypto from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../src/context";
import { generateDataset } from "../src/seed/generate";
import { type TestDatabase, copyTemplate } from "./support/databases";
import { costFromHeader, ensureRedis, postJson, startHttpApp, startService } from "./support/http";

const PROJECT = {
  query: "query Project($slug: String) { project(slug: $slug) { name investment { originalText } } }",
  variables: { slug: "tianan-sci-tech-city" },
};

/** Headers that belong to one response, not to the answer: a hit sets them anew. */
const PER_RESPONSE = new Set(["date", "x-request-id", "x-cache", "connection", "keep-alive", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "ratelimit-policy"]);

/** Everything a client can see of a response: status, every header that belongs to the answer, the bytes. */
const ask = async (endpoint: string, body: unknown, headers: Record<string, string> = {}) => answer(await postJson(endpoint, body, headers));
const askGet = async (endpoint: string, params: Record<string, string>, headers: Record<string, string> = {}) =>
  answer(await fetch(`${endpoint}?${new URLSearchParams(params)}`, { headers: { "apollo-require-preflight": "true", ...headers } }));

async function answer(response: Response) {
  const text = await response.text();
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !PER_RESPONSE.has(name)));
  return { status: response.status, cache: response.headers.get("x-cache"), text, body: text ? JSON.parse(text) : undefined, headers, raw: response.headers };
}

/** Counts the requests Apollo Server sees: a hit answered ahead of it adds none. */
let apolloRequests = 0;
const countRequests: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    apolloRequests += 1;
  },
};

/** A client address of its own per test, so tests (and runs sharing one Redis) never spend each other's points. */
const newClient = () => ({ "x-forwarded-for": `10.9.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}` });

let database: TestDatabase;
beforeAll(async () => {
  database = await copyTemplate("seeded");
});
afterAll(async () => {
  await database?.drop();
});

describe("in process", () => {
  let server: Awaited<ReturnType<typeof startHttpApp>>;
  beforeAll(async () => {
    server = await startHttpApp({ RATE_LIMIT_POINTS: "0" }, { database, plugins: [countRequests] });
  });
  afterAll(async () => server?.close());

  test("a repeated query is answered from the cache with the same data", async () => {
    const first = await ask(server.endpoint, PROJECT);
    const second = await ask(server.endpoint, PROJECT);
    expect(first).toMatchObject({ status: 200, cache: "MISS", body: { data: { project: { name: "青岛天安科创城", investment: { originalText: "约75亿元" } } } } });
    expect(second).toMatchObject({ status: 200, cache: "HIT" });
    expect(second.body).toEqual(first.body);
  });

  test("a hit sends the bytes and headers of the miss, and never reaches Apollo Server", async () => {
    const body = { query: `query Same { project(slug: "enesoon-equipment-park") { name place { name } } }` };
    const miss = await ask(server.endpoint, body);
    const before = apolloRequests;
    const hit = await ask(server.endpoint, body);
    expect(apolloRequests).toBe(before);
    expect([miss.cache, hit.cache]).toEqual(["MISS", "HIT"]);
    expect(hit.status).toBe(miss.status);
    expect(hit.text).toBe(miss.text);
    expect(hit.headers).toEqual(miss.headers);
    expect(hit.headers).toMatchObject({ "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  });

  test("GET queries: a hit keeps the miss's ETag and headers, and If-None-Match gets the same 304 with or without the cache", async () => {
    const params = { query: `{ project(slug: "tianan-sci-tech-city") { slug } }` };
    const miss = await askGet(server.endpoint, params);
    const hit = await askGet(server.endpoint, params);
    expect([miss.cache, hit.cache]).toEqual(["MISS", "HIT"]);
    expect(hit.text).toBe(miss.text);
    expect(hit.headers).toEqual(miss.headers);
    expect(hit.headers.etag).toMatch(/^W\/"/);
    expect(hit.headers["cache-control"]).toBe("public, no-cache");

    const before = apolloRequests;
    const notModified = await askGet(server.endpoint, params, { "if-none-match": miss.headers.etag });
    expect(apolloRequests).toBe(before);
    expect(notModified).toMatchObject({ status: 304, cache: "HIT", text: "" });
    const uncached = await startHttpApp({ RATE_LIMIT_POINTS: "0", RESPONSE_CACHE_BYTES: "0" }, { database });
    try {
      const fromApollo = await askGet(uncached.endpoint, params, { "if-none-match": miss.headers.etag });
      expect(fromApollo).toMatchObject({ status: 304, text: "" });
      // Apollo's 304 also says `content-length: 3`, the length of the "{}" it puts in a body Node does not send.
      const { "content-length": _placeholder, ...apolloHeaders } = fromApollo.headers;
      expect(notModified.headers).toEqual(apolloHeaders);
    } finally {
      await uncached.close();
    }
  });

  test("what chooses the answer is part of the key: Accept, the preflight header Apollo's CSRF check asks of a GET, the body's bytes", async () => {
    const body = { query: `{ project(slug: "tianan-sci-tech-city") { name } }` };
    const json = await ask(server.endpoint, body);
    const graphqlJson = await ask(server.endpoint, body, { accept: "application/graphql-response+json" });
    expect([json.cache, graphqlJson.cache]).toEqual(["MISS", "MISS"]);
    expect(graphqlJson.headers["content-type"]).toBe("application/graphql-response+json; charset=utf-8");
    expect((await ask(server.endpoint, body, { accept: "application/graphql-response+json" })).headers["content-type"]).toBe(
      "application/graphql-response+json; charset=utf-8",
    );

    const params = { query: `{ project(slug: "tianan-sci-tech-city") { name slug } }` };
    expect((await askGet(server.endpoint, params)).cache).toBe("MISS");
    expect((await askGet(server.endpoint, params)).cache).toBe("HIT");
    // The same GET without a preflight header could come from another site's page: Apollo refuses it, cached or not.
    const unsafe = await fetch(`${server.endpoint}?${new URLSearchParams(params)}`);
    expect(unsafe.status).toBe(400);
    expect(unsafe.headers.get("x-cache")).toBeNull();

    // Requests are keyed as received: the same variables written in another order are another entry, with the same answer.
    const query = "query Two($a: Int, $b: Int) { places(first: $a) { totalCount } figures(first: $b) { totalCount } }";
    const ab = await ask(server.endpoint, { query, variables: { a: 1, b: 2 } });
    const ba = await ask(server.endpoint, { query, variables: { b: 2, a: 1 } });
    expect([ab.cache, ba.cache]).toEqual(["MISS", "MISS"]);
    expect(ba.text).toBe(ab.text);
    expect((await ask(server.endpoint, { query, variables: { b: 2, a: 1 } })).cache).toBe("HIT");
    const other = await ask(server.endpoint, { ...PROJECT, variables: { slug: "enesoon-equipment-park" } });
    expect(other.cache).toBe("MISS");
    expect(other.body.data.project.name).not.toBe("青岛天安科创城");
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
    const unparsable = await ask(server.endpoint, { query: "{ project(" });
    expect((await ask(server.endpoint, { query: "{ project(" })).text).toBe(unparsable.text);
    expect(unparsable.cache).toBeNull();
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

test("a hit costs the points its miss cost, with the same RateLimit headers, and a hit the client cannot afford gets the usual 429", async () => {
  const server = await startHttpApp({ RATE_LIMIT_POINTS: "12", RATE_LIMIT_WINDOW_SECONDS: "60", TRUST_PROXY: "true" }, { database, plugins: [costFromHeader()] });
  try {
    const client = { ...newClient(), "x-test-cost": "5" };
    const miss = await ask(server.endpoint, PROJECT, client);
    const hit = await ask(server.endpoint, PROJECT, client);
    expect([miss.cache, hit.cache]).toEqual(["MISS", "HIT"]);
    expect([miss.raw.get("ratelimit-remaining"), hit.raw.get("ratelimit-remaining")]).toEqual(["7", "2"]);
    expect(hit.raw.get("ratelimit-policy")).toBe(miss.raw.get("ratelimit-policy"));
    // 1 point up front leaves 1; the remaining 4 are refused (and given back), as they would be without the cache.
    const refused = await ask(server.endpoint, PROJECT, client);
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions.code).toBe("RATE_LIMITED");
    expect(refused.body.errors[0].message).toMatch(/this operation costs 5;/);
    expect(refused.raw.get("ratelimit-remaining")).toBe("1");
    expect(refused.cache).toBeNull();
  } finally {
    await server.close();
  }
});

test("a hit's request log line says HIT, with the operation name and cost of the answer it repeats", async () => {
  // One process: each worker keeps its own cache, so with several the hit could land on another.
  const service = await startService({ DATABASE_URL: database.url, RATE_LIMIT_POINTS: "0", WORKERS: "1" });
  try {
    const endpoint = service.endpoint;
    const body = { query: `query Logged { project(slug: "tianan-sci-tech-city") { name } }` };
    await postJson(endpoint, body, { "x-request-id": "cache-log-miss" });
    await postJson(endpoint, body, { "x-request-id": "cache-log-hit" });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const line = (id: string) => service.lines().find((l) => l.reqId === id && l.msg === "request");
    expect(line("cache-log-miss")).toMatchObject({ cache: "MISS", status: 200, operationName: "Logged", cost: { nodes: expect.any(Number), points: expect.any(Number) } });
    const hit = line("cache-log-hit");
    expect(hit).toMatchObject({ cache: "HIT", status: 200, operationName: "Logged", cost: line("cache-log-miss").cost, method: "POST", path: "/graphql" });
    expect(hit).not.toHaveProperty("errorCodes");
  } finally {
    service.child.kill("SIGTERM");
    await service.exited;
  }
});

test("RESPONSE_CACHE_BYTES bounds the cache: least recently used answers go first, an answer larger than the bound is never kept", async () => {
  const query = (slug: string) => ({ query: `{ project(slug: "${slug}") { name description } }` });
  const probe = await startHttpApp({ RATE_LIMIT_POINTS: "0", RESPONSE_CACHE_BYTES: "0" }, { database });
  const size = (await ask(probe.endpoint, query("tianan-sci-tech-city"))).text.length;
  await probe.close();
  // Room for one answer of this size (and its key and headers), not two.
  const server = await startHttpApp({ RATE_LIMIT_POINTS: "0", RESPONSE_CACHE_BYTES: String(Math.round(size * 1.6 + 800)) }, { database });
  try {
    const a = query("tianan-sci-tech-city");
    const b = query("enesoon-equipment-park");
    expect((await ask(server.endpoint, a)).cache).toBe("MISS");
    expect((await ask(server.endpoint, a)).cache).toBe("HIT");
    expect((await ask(server.endpoint, b)).cache).toBe("MISS");
    expect((await ask(server.endpoint, b)).cache).toBe("HIT");
    expect((await ask(server.endpoint, a)).cache).toBe("MISS");
    const large = { query: "{ projects(first: 100) { nodes { name description } } }" };
    expect((await ask(server.endpoint, large)).cache).toBe("MISS");
    expect((await ask(server.endpoint, large)).cache).toBe("MISS");
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

describe("replicas", () => {
  let own: TestDatabase;
  beforeEach(async () => {
    own = await copyTemplate("seeded");
  });
  afterEach(async () => {
    await own?.drop();
  });

  const COUNT = { query: "query Count { projects(first: 1) { totalCount } }" };

  test("new data (the generator's inserts) is seen by every replica at once, each with a cache of its own", async () => {
    const a = await startHttpApp({ RATE_LIMIT_POINTS: "0" }, { database: own });
    const b = await startHttpApp({ RATE_LIMIT_POINTS: "0" }, { database: own });
    try {
      for (const replica of [a, b]) await ask(replica.endpoint, COUNT);
      const before = await ask(a.endpoint, COUNT);
      expect([before.cache, (await ask(b.endpoint, COUNT)).cache]).toEqual(["HIT", "HIT"]);
      await generateDataset(a.db, { projects: 5 });
      for (const replica of [a, b]) {
        const after = await ask(replica.endpoint, COUNT);
        expect(after).toMatchObject({ cache: "MISS" });
        expect(after.body.data.projects.totalCount).toBeGreaterThan(before.body.data.projects.totalCount);
      }
    } finally {
      await a.close();
      await b.close();
    }
  });

  test("with REDIS_URL replicas share the cache: a hit on one replica for what another stored, the same bytes, new data seen by both, another database's entries apart", async () => {
    const env = { REDIS_URL: await ensureRedis(), RATE_LIMIT_POINTS: "0" };
    const a = await startHttpApp(env, { database: own });
    const b = await startHttpApp(env, { database: own });
    try {
      // A query no other run has cached: Redis outlives test runs (entries of older data versions are never read).
      const query = { query: `query Unique { projects(first: 1) { totalCount } unique: __typename } # ${crypto.randomUUID()}` };
      const miss = await ask(a.endpoint, query);
      const fromB = await ask(b.endpoint, query);
      expect([miss.cache, fromB.cache]).toEqual(["MISS", "HIT"]);
      expect(fromB.text).toBe(miss.text);
      expect(fromB.headers).toEqual(miss.headers);
      // Another database (a copy of the same seed, so at the same data version) on the same Redis has entries of its own.
      const elsewhere = await startHttpApp(env, { database });
      try {
        expect((await ask(elsewhere.endpoint, query)).cache).toBe("MISS");
      } finally {
        await elsewhere.close();
      }
      await generateDataset(b.db, { projects: 5 });
      const afterB = await ask(b.endpoint, query);
      const afterA = await ask(a.endpoint, query);
      expect([afterB.cache, afterA.cache]).toEqual(["MISS", "HIT"]);
      expect(afterB.body.data.projects.totalCount).toBeGreaterThan(miss.body.data.projects.totalCount);
      expect(afterA.text).toBe(afterB.text);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
