import crypto from "node:crypto";
import { type TestDatabase, copyTemplate } from "./support/databases";
import { costFromHeader, ensureRedis, postJson, startHttpApp } from "./support/http";

/** Operations executed: a request the rate limit refuses runs none. */
let executions = 0;
const costPlugin = costFromHeader(() => (executions += 1));

const CHEAP = { query: "{ article { title } }" };
const TITLE = "接力冲刺 百余位深圳代表落地考察,要把青岛工业互联网介绍出去";

/** A client address of its own per test, so tests (and runs sharing one Redis) never spend each other's points. */
const newClient = () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;

const limits = (response: Response) => ({
  limit: Number(response.headers.get("ratelimit-limit")),
  remaining: Number(response.headers.get("ratelimit-remaining")),
  reset: Number(response.headers.get("ratelimit-reset")),
});

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
    // No response cache: these tests count executions, and a cached answer runs none.
    server = await startHttpApp({ RATE_LIMIT_POINTS: "100", RATE_LIMIT_WINDOW_SECONDS: "60", TRUST_PROXY: "true", RESPONSE_CACHE_BYTES: "0" }, { database, plugins: [costPlugin] });
  });
  afterAll(async () => server?.close());

  test("every GraphQL response carries RateLimit-* headers, cheap queries cost 1 point each", async () => {
    const client = { "x-forwarded-for": newClient() };
    const first = await postJson(server.endpoint, CHEAP, client);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ data: { article: { title: TITLE } } });
    expect(limits(first)).toEqual({ limit: 100, remaining: 99, reset: expect.any(Number) });
    expect(limits(first).reset).toBeGreaterThan(55);
    expect(first.headers.get("ratelimit-policy")).toBe("100;w=60");

    const invalid = await postJson(server.endpoint, { query: "{ nope }" }, client);
    expect(invalid.status).toBe(400);
    expect(limits(invalid).remaining).toBe(98);
    const malformed = await postJson(server.endpoint, "{ not json", client);
    expect(malformed.status).toBe(400);
    expect(limits(malformed).remaining).toBe(97);
    const get = await fetch(`${server.endpoint}?query=${encodeURIComponent(CHEAP.query)}`, { headers: { ...client, "apollo-require-preflight": "true" } });
    expect(get.status).toBe(200);
    expect(limits(get).remaining).toBe(96);
  });

  test("a query costs the points the budget put on the context; one that costs more than is left gets 429 RATE_LIMITED and does not run", async () => {
    const client = { "x-forwarded-for": newClient() };
    const heavy = await postJson(server.endpoint, CHEAP, { ...client, "x-test-cost": "60" });
    expect(heavy.status).toBe(200);
    expect(limits(heavy).remaining).toBe(40);

    const executionsBefore = executions;
    const refused = await postJson(server.endpoint, { query: "query Heavy { article { title } }" }, { ...client, "x-test-cost": "60" });
    expect(refused.status).toBe(429);
    expect(executions).toBe(executionsBefore);
    const body: any = await refused.json();
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      {
        message: expect.stringMatching(/^Rate limit exceeded: a client may spend 100 points per 60 s and this operation costs 60; retry in \d+ s$/),
        extensions: { code: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) },
      },
    ]);
    expect(Number(refused.headers.get("retry-after"))).toBe(body.errors[0].extensions.retryAfterSeconds);
    expect(body.errors[0].extensions.retryAfterSeconds).toBeGreaterThan(50);
    // The refused part is given back: only the request's first point is spent.
    expect(limits(refused).remaining).toBe(39);

    const cheap = await postJson(server.endpoint, CHEAP, client);
    expect(cheap.status).toBe(200);
    expect(limits(cheap).remaining).toBe(38);
    expect(executions).toBe(executionsBefore + 1);
  });

  test("a client with no points left is refused before its body is read", async () => {
    const client = { "x-forwarded-for": newClient() };
    expect((await postJson(server.endpoint, CHEAP, { ...client, "x-test-cost": "100" })).status).toBe(200);
    const malformed = await postJson(server.endpoint, "{ not json", { ...client, origin: "https://example.org" });
    expect(malformed.status).toBe(429);
    // Browsers can read the refusal (CORS headers are set before the limit is checked).
    expect(malformed.headers.get("access-control-allow-origin")).toBe("*");
    expect(((await malformed.json()) as any).errors[0].extensions.code).toBe("RATE_LIMITED");
    expect(limits(malformed).remaining).toBe(0);
    expect(Number(malformed.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another client is not affected.
    expect((await postJson(server.endpoint, CHEAP, { "x-forwarded-for": newClient() })).status).toBe(200);
  });

  test("routes beside GraphQL are not counted", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("ratelimit-limit")).toBeNull();
  });
});

test("the window resets: points come back after RATE_LIMIT_WINDOW_SECONDS", async () => {
  const server = await startHttpApp({ RATE_LIMIT_POINTS: "2", RATE_LIMIT_WINDOW_SECONDS: "1" }, { database });
  try {
    expect((await postJson(server.endpoint, CHEAP)).status).toBe(200);
    expect((await postJson(server.endpoint, CHEAP)).status).toBe(200);
    const refused = await postJson(server.endpoint, CHEAP);
    expect(refused.status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, Number(refused.headers.get("retry-after")) * 1000 + 100));
    const again = await postJson(server.endpoint, CHEAP);
    expect(again.status).toBe(200);
    expect(limits(again).remaining).toBe(1);
  } finally {
    await server.close();
  }
});

test("without TRUST_PROXY the socket address counts, whatever X-Forwarded-For says", async () => {
  const server = await startHttpApp({ RATE_LIMIT_POINTS: "3" }, { database });
  try {
    const remaining = [];
    for (let i = 0; i < 3; i++) remaining.push(limits(await postJson(server.endpoint, CHEAP, { "x-forwarded-for": newClient() })).remaining);
    expect(remaining).toEqual([2, 1, 0]);
    expect((await postJson(server.endpoint, CHEAP, { "x-forwarded-for": newClient() })).status).toBe(429);
  } finally {
    await server.close();
  }
});

test("RATE_LIMIT_POINTS=0 turns rate limiting off", async () => {
  const server = await startHttpApp({ RATE_LIMIT_POINTS: "0" }, { database });
  try {
    const response = await postJson(server.endpoint, CHEAP);
    expect(response.status).toBe(200);
    expect(response.headers.get("ratelimit-limit")).toBeNull();
  } finally {
    await server.close();
  }
});

describe("with REDIS_URL", () => {
  let redisUrl: string;
  beforeAll(async () => {
    redisUrl = await ensureRedis();
  });

  test("two app instances on one Redis spend from one budget per client", async () => {
    // No response cache: a hit pays the cost stored with its answer, while these tests vary the cost of one query by a header.
    const env = { RATE_LIMIT_POINTS: "50", RATE_LIMIT_WINDOW_SECONDS: "60", TRUST_PROXY: "true", REDIS_URL: redisUrl, RESPONSE_CACHE_BYTES: "0" };
    const a = await startHttpApp(env, { database, plugins: [costPlugin] });
    const b = await startHttpApp(env, { database, plugins: [costPlugin] });
    try {
      const client = { "x-forwarded-for": newClient() };
      const first = await postJson(a.endpoint, CHEAP, { ...client, "x-test-cost": "20" });
      expect(first.status).toBe(200);
      expect(limits(first).remaining).toBe(30);
      const second = await postJson(b.endpoint, CHEAP, { ...client, "x-test-cost": "20" });
      expect(second.status).toBe(200);
      expect(limits(second).remaining).toBe(10);
      const refused = await postJson(a.endpoint, CHEAP, { ...client, "x-test-cost": "20" });
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as any).errors[0].extensions).toEqual({ code: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) });
      const cheap = await postJson(b.endpoint, CHEAP, client);
      expect(cheap.status).toBe(200);
      expect(limits(cheap).remaining).toBe(8);
      // Another client on either instance starts from the full budget.
      expect(limits(await postJson(b.endpoint, CHEAP, { "x-forwarded-for": newClient() })).remaining).toBe(49);
    } finally {
      await a.close();
      await b.close();
    }
  });

  test("when Redis cannot be reached, each process counts on its own instead of failing requests", async () => {
    const server = await startHttpApp({ RATE_LIMIT_POINTS: "2", REDIS_URL: "redis://127.0.0.1:1" }, { database });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await postJson(server.endpoint, CHEAP)).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await server.close();
    }
  });
});
