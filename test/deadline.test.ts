import type { ApolloServerPlugin } from "@apollo/server";
import { statementScope } from "../src/adapter";
import { loadConfig } from "../src/config";
import { type Context, createContext } from "../src/context";
import { type Db, createPrismaClient } from "../src/db";
import { generateDataset } from "../src/seed/generate";
import { createServer } from "../src/server";
import { type TestDatabase, copyTemplate, provider } from "./support/databases";
import { DEEP_QUERY } from "./support/deep-query";
import { type DriverStatements, recordDriverStatements } from "./support/driver-statements";
import { listen } from "./support/listen";

/**
 * Deadlines and cancellation: once a request's deadline passes or its client
 * goes away, no further statement reaches the database for it. Statements are
 * counted where they reach the driver, below Prisma and the service's guard.
 * The deep query over 3,000 generated projects sends its 14–15 statements
 * level after level, long enough to be stopped half-way.
 */
let database: TestDatabase;
let db: Db;
let driver: DriverStatements;

beforeAll(async () => {
  database = await copyTemplate("seeded");
  db = createPrismaClient(database.url);
  await generateDataset(db, { projects: 3000 });
  driver = recordDriverStatements();
}, 120_000);
afterEach(() => {
  driver.onStart = undefined;
});
afterAll(async () => {
  driver?.stop();
  await db.$disconnect();
  await database.drop();
});

/** Records, after the deadline plugin has combined the signals, when the request's signal aborted. */
function watchAbort(): { plugin: ApolloServerPlugin<Context>; abortedAt?: number } {
  const watch: { plugin: ApolloServerPlugin<Context>; abortedAt?: number } = {
    plugin: {
      async requestDidStart({ contextValue }) {
        // The client may have gone before the request reached Apollo (while the response cache read the data version).
        if (contextValue.signal.aborted) watch.abortedAt = performance.now();
        else contextValue.signal.addEventListener("abort", () => (watch.abortedAt = performance.now()), { once: true });
      },
    },
  };
  return watch;
}

async function execute(query: string, options: { env?: Record<string, string>; signal?: AbortSignal; plugins?: ApolloServerPlugin<Context>[] } = {}) {
  const server = await createServer({ config: loadConfig(options.env ?? {}), plugins: options.plugins });
  await server.start();
  try {
    const first = driver.starts.length;
    const response = await server.executeOperation({ query }, { contextValue: createContext(db, { signal: options.signal }) });
    if (response.body.kind !== "single") throw new Error("expected a single result");
    return { ...response.body.singleResult, starts: driver.starts.slice(first) };
  } finally {
    await server.stop();
  }
}

let fullRun: number;

test("the deep query over 3,000 projects runs in full when its deadline allows", async () => {
  const result = await execute(DEEP_QUERY, { env: { REQUEST_TIMEOUT_MS: "600000" } });
  expect(result.errors).toBeUndefined();
  fullRun = result.starts.length;
  expect(fullRun).toBeGreaterThanOrEqual(14);
}, 60_000);

test("once the client goes away, no further statement is sent for its request", async () => {
  const client = new AbortController();
  const watch = watchAbort();
  // The client leaves as the request's first statement starts.
  const first = driver.starts.length;
  driver.onStart = (count) => {
    if (count === first + 1) client.abort();
  };
  const result = await execute(DEEP_QUERY, { signal: client.signal, plugins: [watch.plugin] });
  expect(watch.abortedAt).toBeDefined();
  expect(result.starts.filter((t) => t > watch.abortedAt!)).toEqual([]);
  expect(result.starts.length).toBeLessThan(fullRun);
  expect(new Set(result.errors?.map((e) => e.extensions?.code))).toEqual(new Set(["CLIENT_CLOSED_REQUEST"]));
}, 60_000);

test("once the client goes away, statements Prisma sends (text filters) are refused too", async () => {
  // Places and their projects filtered by text: Prisma's paths, not the service's prepared reads, level after level.
  const query = `{ places(where: { name: { contains: "青" } }, first: 50) { nodes { name projects(where: { name: { contains: "青岛" } }, first: 5) { nodes { name } } } } }`;
  const full = await execute(query);
  expect(full.errors).toBeUndefined();
  expect(full.starts.length).toBeGreaterThanOrEqual(2);
  const client = new AbortController();
  const watch = watchAbort();
  const first = driver.starts.length;
  driver.onStart = (count) => {
    if (count === first + 1) client.abort();
  };
  const result = await execute(query, { signal: client.signal, plugins: [watch.plugin] });
  expect(watch.abortedAt).toBeDefined();
  expect(result.starts.filter((t) => t > watch.abortedAt!)).toEqual([]);
  expect(result.starts.length).toBeLessThan(full.starts.length);
  expect(new Set(result.errors?.map((e) => e.extensions?.code))).toEqual(new Set(["CLIENT_CLOSED_REQUEST"]));
}, 60_000);

test("a request served by the service's prepared reads runs without an AsyncLocalStorage store", async () => {
  const stores: unknown[] = [];
  driver.onStart = () => stores.push(statementScope.getStore());
  const result = await execute(`{ project(slug: "tianan-sci-tech-city") { name place { name } } }`);
  expect(result.errors).toBeUndefined();
  expect(stores.length).toBeGreaterThanOrEqual(1);
  expect(stores.filter((store) => store !== undefined)).toEqual([]);
}, 60_000);

test("a request whose deadline passes stops sending statements and answers TIMEOUT alone", async () => {
  const watch = watchAbort();
  const result = await execute(DEEP_QUERY, { env: { REQUEST_TIMEOUT_MS: "100" }, plugins: [watch.plugin] });
  expect(watch.abortedAt).toBeDefined();
  expect(result.data).toBeUndefined();
  expect(result.errors).toEqual([{ message: "The request took longer than its 100 ms deadline and was stopped", extensions: { code: "TIMEOUT", timeoutMs: 100 } }]);
  expect(result.starts.filter((t) => t > watch.abortedAt!)).toEqual([]);
  expect(result.starts.length).toBeLessThan(fullRun);
}, 60_000);

test("a stopped request leaves the service as it was: the next request and work outside requests run in full", async () => {
  const server = await createServer({ config: loadConfig({ REQUEST_TIMEOUT_MS: "100" }) });
  await server.start();
  try {
    const response = await server.executeOperation({ query: DEEP_QUERY }, { contextValue: createContext(db) });
    expect(response.body.kind === "single" && response.body.singleResult.errors?.[0].extensions?.code).toBe("TIMEOUT");
    // The request's scope does not outlive it in the code that called Apollo Server, even past its deadline.
    expect(statementScope.getStore()).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await db.place.count()).toBeGreaterThan(17);
  } finally {
    await server.stop();
  }
  expect(await db.project.count()).toBeGreaterThan(3000);
  const next = await execute(`{ project(slug: "tianan-sci-tech-city") { name } }`);
  expect(next).toMatchObject({ data: { project: { name: "青岛天安科创城" } } });
  expect(next.errors).toBeUndefined();
}, 60_000);

test("requests running together keep their own deadlines", async () => {
  const [slow, quick] = await Promise.all([
    execute(DEEP_QUERY, { env: { REQUEST_TIMEOUT_MS: "100" } }),
    execute(`{ places(first: 100) { nodes { name projects(first: 5) { nodes { name } } } } }`),
  ]);
  expect(slow.errors?.[0].extensions?.code).toBe("TIMEOUT");
  expect(quick.errors).toBeUndefined();
  expect(quick.data?.places.nodes.length).toBeGreaterThan(17);
}, 60_000);

describe("over HTTP", () => {
  test("a deadline is 504 for application/graphql-response+json and 200 for application/json, with one TIMEOUT error", async () => {
    const http = await listen(database, { REQUEST_TIMEOUT_MS: "100" });
    try {
      const strict = await http.post({ query: DEEP_QUERY });
      expect(strict.status).toBe(504);
      const body = await strict.json();
      expect(body).toEqual({ errors: [{ message: "The request took longer than its 100 ms deadline and was stopped", extensions: { code: "TIMEOUT", timeoutMs: 100 } }] });
      const legacy = await http.post({ query: DEEP_QUERY }, "application/json");
      expect(legacy.status).toBe(200);
      expect(await legacy.json()).toEqual(body);
    } finally {
      await http.close();
    }
  }, 60_000);

  // On SQLite too: a request lets the event loop turn between its statements (src/adapter.ts), so the
  // server hears of the disconnect while the request runs.
  test("a client that disconnects stops the statements of its request", async () => {
    const watch = watchAbort();
    const http = await listen(database, {}, [watch.plugin]);
    try {
      const client = new AbortController();
      const first = driver.starts.length;
      driver.onStart = (count) => {
        if (count === first + 1) client.abort();
      };
      await expect(http.post({ query: DEEP_QUERY }, undefined, { signal: client.signal })).rejects.toThrow();
      // Give the server time to notice and to refuse what it would have sent next.
      for (let waited = 0; watch.abortedAt === undefined && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 500));
      const starts = driver.starts.slice(first);
      expect(watch.abortedAt).toBeDefined();
      expect(starts.filter((t) => t > watch.abortedAt!)).toEqual([]);
      expect(starts.length).toBeLessThan(fullRun);
    } finally {
      await http.close();
    }
  }, 60_000);
});

(provider === "postgresql" ? describe : describe.skip)("PostgreSQL", () => {
  test("a statement running when its request stops is cancelled, and its connection is free again", async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(new Error("stopped")), 200);
    const started = performance.now();
    await expect(statementScope.run({ signal: stop.signal, deadline: Infinity, expire: () => undefined }, async () => db.$queryRawUnsafe("SELECT pg_sleep(10)"))).rejects.toThrow("stopped");
    expect(performance.now() - started).toBeLessThan(3000);
    const active = await db.$queryRawUnsafe<{ n: bigint }[]>(
      "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE '%pg_sleep(10)%' AND pid <> pg_backend_pid()",
    );
    expect(Number(active[0].n)).toBe(0);
  }, 30_000);

  test("no statement runs longer than PG_STATEMENT_TIMEOUT_MS; within a request it is a TIMEOUT", async () => {
    const previous = process.env.PG_STATEMENT_TIMEOUT_MS;
    process.env.PG_STATEMENT_TIMEOUT_MS = "300";
    const limited = createPrismaClient(database.url);
    try {
      const started = performance.now();
      await expect(limited.$queryRawUnsafe("SELECT pg_sleep(5)")).rejects.toThrow(/statement timeout/);
      expect(performance.now() - started).toBeLessThan(3000);
      const inRequest = statementScope.run({ signal: new AbortController().signal, deadline: Infinity, expire: () => undefined }, async () => limited.$queryRawUnsafe("SELECT pg_sleep(5)"));
      await expect(inRequest).rejects.toMatchObject({ extensions: { code: "TIMEOUT", timeoutMs: 300 } });
    } finally {
      await limited.$disconnect();
      if (previous === undefined) delete process.env.PG_STATEMENT_TIMEOUT_MS;
      else process.env.PG_STATEMENT_TIMEOUT_MS = previous;
    }
  }, 30_000);
});
