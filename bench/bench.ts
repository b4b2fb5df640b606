import "reflect-metadata";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import v8 from "node:v8";
import path from "node:path";
import { projectRoot } from "../src/adapter";
import { loadConfig } from "../src/config";
import { createContext } from "../src/context";
import { createPrismaClient } from "../src/db";
import { generateDataset } from "../src/seed/generate";
import { seedDatabase } from "../src/seed/seed";
import { createApp, createServer } from "../src/server";
import { sqlReader } from "../src/services/sql";
import { createFloor } from "./floor";
import { answerHelp } from "../src/help";

/**
 * `npm run bench`: latency, SQL statements and memory of representative
 * queries over the article plus 10,000 generated projects, on a scratch
 * SQLite file (or BENCH_DATABASE_URL, an empty PostgreSQL database), and
 * each against the hand-written floor (bench/floor.ts: graphql-js and direct
 * SQL over the same SQLite file) measured in the same run, as a ratio.
 */
const QUERIES: Record<string, string> = {
  "lookup by slug": `{ project(slug: "tianan-sci-tech-city") { name place { name } investment { value } } }`,
  "places under 青岛 with projects": `{ place(slug: "qingdao") { name children(first: 100) { nodes { name projects(first: 100) { nodes { name investment { value } } } } } } }`,
  "the same, generated (gen-city-1)": `{ place(slug: "gen-city-1") { name children(first: 100) { nodes { name projects(first: 100) { nodes { name investment { value } } } } } } }`,
  "≥ 1e9 within 青岛, with organizations": `{ projects(first: 100, where: { investment: { gte: 1000000000 }, place: { is: { within: { slug: "qingdao" } } } }, orderBy: [{ field: INVESTMENT, direction: DESC }]) { nodes { name place { name } organizations(first: 5) { nodes { name } } } } }`,
  "filtered, ordered page (first 100)": `{ projects(first: 100, where: { investment: { gte: 5000000000 }, place: { is: { within: { slug: "gen-city-1" } } } }, orderBy: [{ field: INVESTMENT, direction: DESC }]) { totalCount nodes { name } } }`,
  "deep page 20 (keyset)": "",
  "investment by place, rolled up": `{ investmentByPlace(rollup: true) { place { name } investment { sum approximate } } }`,
  "figures grouped by place": `{ figures(where: { metric: { equals: INVESTMENT } }) { aggregate { sum } groups(by: PLACE, rollup: true) { place { name } aggregate { sum } } } }`,
  "search, 1 character": `{ search(query: "园", first: 20) { totalCount nodes { id } } }`,
  "search, 3 characters": `{ search(query: "卡奥斯", first: 20) { totalCount nodes { id } } }`,
  "deep query (3,308 projects)": fs.readFileSync(path.join(projectRoot, "test/support/deep-query.ts"), "utf8").split("`")[1],
};

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Bytes young-generation collections moved into the old generation per
 * request while `work` ran (it returns how many requests it made). A
 * request whose objects die when it is answered leaves next to nothing
 * there; one kept alive past it (stop 22 found an object-literal accessor
 * and a WeakMap entry whose value reached its key, each of which V8 keeps
 * until a full collection) leaves most of what it allocated, and every
 * young collection then copies it at least twice.
 */
async function promotedBytes(work: () => Promise<number>): Promise<number> {
  const profiler = new v8.GCProfiler();
  profiler.start();
  const requests = await work();
  const { statistics } = profiler.stop() as { statistics: { gcType: string; beforeGC: GcHeap; afterGC: GcHeap }[] };
  const oldSpace = (heap: GcHeap) => heap.heapSpaceStatistics.find((space) => space.spaceName === "old_space")?.spaceUsedSize ?? 0;
  return statistics.filter((gc) => gc.gcType === "Scavenge").reduce((sum, gc) => sum + Math.max(0, oldSpace(gc.afterGC) - oldSpace(gc.beforeGC)), 0) / requests;
}
interface GcHeap {
  heapSpaceStatistics: { spaceName: string; spaceUsedSize: number }[];
}

async function main() {
  answerHelp(`Usage: npm run bench

Seeds a scratch SQLite file with the article and 10,000 generated projects and answers each benchmark
query in process, over the HTTP app (response cache off and on) and through the hand-written floor
(bench/floor.ts), printing p50/p95, SQL statements per request and each ratio to the floor.
BENCH_ROUNDS sets the requests per query (30); BENCH_DATABASE_URL points it at an empty PostgreSQL database.`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "qg-bench-"));
  const url = process.env.BENCH_DATABASE_URL ?? `file:${path.join(scratch, "bench.db")}`;
  execFileSync(path.join(projectRoot, "node_modules/.bin/prisma"), ["migrate", "deploy"], { cwd: projectRoot, env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
  const db = createPrismaClient(url, { log: true });
  let statements = 0;
  (db as unknown as { $on(e: "query", cb: () => void): void }).$on("query", () => statements++);
  // The service's prepared reads (src/services/sql.ts) do not pass through Prisma's log.
  sqlReader(db).onStatement(() => statements++);
  let started = Date.now();
  await seedDatabase(db);
  await generateDataset(db, { projects: 10_000 });
  console.log(`${url.split(":")[0]}: seeded the article and generated 10,000 projects in ${Date.now() - started} ms`);

  const server = await createServer();
  await server.start();
  const run = async (query: string) => {
    const response = await server.executeOperation({ query }, { contextValue: createContext(db) });
    if (response.body.kind !== "single" || response.body.singleResult.errors) throw new Error(JSON.stringify(response.body));
    return response.body.singleResult.data as Record<string, any>;
  };
  // Through HTTP handling in process (Fastify's inject), with the response cache off and on. Before any
  // cursor is made: createApp sets the cursor secret.
  const httpApp = async (cacheBytes: string) => {
    const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: "silent", RATE_LIMIT_POINTS: "0", RESPONSE_CACHE_BYTES: cacheBytes, MAX_EVENT_LOOP_DELAY_MS: "0", MAX_HEAP_USED_BYTES: "0", REQUEST_TIMEOUT_MS: "600000" });
    return (await createApp(db, config)).app;
  };
  const uncached = await httpApp("0");
  const cached = await httpApp(String(64 * 1024 ** 2));
  const post = (app: Awaited<ReturnType<typeof httpApp>>) => async (query: string) => {
    const response = await app.inject({ method: "POST", url: "/graphql", headers: { "content-type": "application/json" }, payload: JSON.stringify({ query }) });
    if (response.statusCode !== 200) throw new Error(response.body);
    return response.body;
  };
  // A cursor 20 pages in, to show a late page costs what the first does.
  let after: string | null = null;
  for (let i = 0; i < 20; i++) {
    const data: any = await run(`{ projects(first: 100, orderBy: [{ field: NAME }]${after ? `, after: "${after}"` : ""}) { pageInfo { endCursor } } }`);
    after = data.projects.pageInfo.endCursor;
  }
  QUERIES["deep page 20 (keyset)"] = `{ projects(first: 100, orderBy: [{ field: NAME }], after: "${after}") { nodes { name } } }`;

  const floor = url.startsWith("file:") ? createFloor(url.slice("file:".length)) : null;
  const floorRun = floor
    ? async (query: string) => {
        const result = await floor.run(query);
        if (result.errors?.length) throw new Error(String(result.errors[0].message));
        return JSON.stringify(result);
      }
    : null;
  const FLOOR_QUERIES = new Set(["lookup by slug", "places under 青岛 with projects", "the same, generated (gen-city-1)", "≥ 1e9 within 青岛, with organizations", "deep query (3,308 projects)"]);

  const rounds = Number(process.env.BENCH_ROUNDS ?? 30);
  const time = async (work: (query: string) => Promise<unknown>, query: string, n: number) => {
    await work(query);
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await work(query);
      times.push(performance.now() - t);
    }
    return percentile(times.sort((a, b) => a - b), 50);
  };
  const fmt = (ms: number | null) => (ms === null ? "—" : ms.toFixed(ms < 10 ? 2 : 1)).padStart(9);
  const ratio = (a: number | null, b: number | null) => (a === null || b === null ? "—" : `${(a / b).toFixed(2)}×`).padStart(8);
  console.log(
    `\np50 latency, one request at a time; "× floor" is the floor's p50 over the service's (1.00× = as fast as the floor)\n` +
      `"old KB" is what the service's requests left in V8's old generation, per request (see promotedBytes)\n` +
      `${"query".padEnd(40)} ${"p95 ms".padStart(8)} ${"SQL".padStart(4)} ${"service".padStart(9)} ${"HTTP".padStart(9)} ${"cached".padStart(9)} ${"floor".padStart(9)} ${"HTTP×fl".padStart(8)} ${"cache×fl".padStart(8)} ${"old KB".padStart(7)}`,
  );
  for (const [name, query] of Object.entries(QUERIES)) {
    const n = name.startsWith("deep") ? Math.max(3, Math.ceil(rounds / 6)) : rounds;
    await run(query);
    const times: number[] = [];
    let perRequest = 0;
    for (let i = 0; i < n; i++) {
      const before = statements;
      started = performance.now();
      await run(query);
      times.push(performance.now() - started);
      perRequest = statements - before;
    }
    // Requests enough for young collections to happen (a lookup allocates some 100 KB): at least a second of them.
    const promoted = await promotedBytes(async () => {
      let count = 0;
      for (const until = performance.now() + 1000; count < n || performance.now() < until; count++) await run(query);
      return count;
    });
    times.sort((a, b) => a - b);
    const http = await time(post(uncached), query, n);
    const hit = await time(post(cached), query, n);
    const fl = floorRun && FLOOR_QUERIES.has(name) ? await time(floorRun, query, n) : null;
    console.log(
      `${name.padEnd(40)} ${percentile(times, 95).toFixed(1).padStart(8)} ${String(perRequest).padStart(4)} ${fmt(percentile(times, 50))} ${fmt(http)} ${fmt(hit)} ${fmt(fl)} ${ratio(fl, http)} ${ratio(fl, hit)} ${(promoted / 1024).toFixed(1).padStart(7)}`,
    );
  }
  console.log(`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}, ${url.split(":")[0]}`);
  await uncached.close();
  await cached.close();
  floor?.close();
  const memory = process.memoryUsage();
  console.log(`\nmemory after the run: rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`);
  await server.stop();
  await db.$disconnect();
  fs.rmSync(scratch, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
