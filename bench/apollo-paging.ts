import "reflect-metadata";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ApolloClient, HttpLink, InMemoryCache, NetworkStatus, gql } from "@apollo/client";
import { relayStylePagination } from "@apollo/client/utilities";
import { cacheConfig, possibleTypes } from "../client";
import { projectRoot } from "../src/adapter";
import { loadConfig } from "../src/config";
import { createPrismaClient } from "../src/db";
import { generateDataset } from "../src/seed/generate";
import { seedDatabase } from "../src/seed/seed";
import { createApp } from "../src/server";
import { answerHelp } from "../src/help";

/**
 * Paging every project (the article's 9 plus 10,000 generated) 100 at a time,
 * against one server in one run: plain fetch (the floor); Apollo Client 4
 * with the kit's cache config (client/), once as a loop of client.query calls
 * (each reads back only its page) and once with fetchMore on a watched query
 * that stays subscribed, as a component's would, so each merged page is read
 * back whole; and Apollo Client with its own relayStylePagination (what the
 * issue measured).
 * Prints wall time, the ratio to plain fetch and the heap growth of each.
 *
 *     npm run build && node --expose-gc dist/bench/apollo-paging.js
 */

const PAGE = 100;
const SELECTION = "nodes { id slug name kind status investment { value approximate } place { id name } }";
const QUERY = `query AllProjects($after: String) { projects(first: ${PAGE}, after: $after) { totalCount ${SELECTION} pageInfo { endCursor hasNextPage } } }`;
const EDGES_QUERY = QUERY.replace(SELECTION, `edges { cursor node { ${SELECTION.slice(8, -2)} } }`);

const gc = () => (globalThis as { gc?: () => void }).gc?.();
/** Heap in use once garbage is gone; Apollo lets go of a client's caches a few ticks after it is dropped. */
async function heap(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc();
  return process.memoryUsage().heapUsed;
}

async function plainFetch(endpoint: string): Promise<number> {
  let after: string | null = null;
  const rows: unknown[] = [];
  do {
    const response: Response = await fetch(endpoint, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: QUERY, variables: { after } }) });
    const { data } = (await response.json()) as any;
    rows.push(...data.projects.nodes);
    after = data.projects.pageInfo.hasNextPage ? data.projects.pageInfo.endCursor : null;
  } while (after);
  return rows.length;
}

async function apollo(endpoint: string, cache: InMemoryCache, query: string, rowsOf: (data: any) => unknown[]): Promise<number> {
  const client = new ApolloClient({ link: new HttpLink({ uri: endpoint }), cache, devtools: { enabled: false } });
  const observable = client.watchQuery<any>({ query: gql(query) });
  // Resolved by the next complete emission: the merged list arrives after fetchMore's promise.
  let waiting: ((result: any) => void) | undefined;
  const emitted = () => new Promise<any>((resolve) => (waiting = resolve));
  let next = emitted();
  const subscription = observable.subscribe((r) => {
    if (r.dataState !== "complete" || r.networkStatus !== NetworkStatus.ready || !waiting) return;
    const resolve = waiting;
    waiting = undefined;
    resolve(r);
  });
  let result = await next;
  while (result.data.projects.pageInfo.hasNextPage) {
    next = emitted();
    await observable.fetchMore({ variables: { after: result.data.projects.pageInfo.endCursor } });
    result = await next;
  }
  const rows = rowsOf(result.data).length;
  subscription.unsubscribe();
  // Kept until measured: a front-end holds its cache.
  (globalThis as any).keep = client;
  return rows;
}

/** Page by page with client.query, nothing watching; the whole list is read from the cache once at the end. */
async function apolloQueries(endpoint: string, cache: InMemoryCache, query: string, rowsOf: (data: any) => unknown[]): Promise<number> {
  const client = new ApolloClient({ link: new HttpLink({ uri: endpoint }), cache, devtools: { enabled: false } });
  const document = gql(query);
  let after: string | null = null;
  do {
    const { data }: { data: any } = await client.query({ query: document, variables: { after }, fetchPolicy: "network-only" });
    after = data.projects.pageInfo.hasNextPage ? data.projects.pageInfo.endCursor : null;
  } while (after);
  const rows = rowsOf(client.readQuery<any>({ query: document })).length;
  (globalThis as any).keep = client;
  return rows;
}

async function measure(name: string, run: () => Promise<number>, floorMs?: number) {
  (globalThis as any).keep = undefined;
  const before = await heap();
  const started = performance.now();
  const rows = await run();
  const ms = performance.now() - started;
  const grown = (await heap()) - before;
  const ratio = floorMs ? `${(ms / floorMs).toFixed(2)}×` : "1×";
  console.log(`${name.padEnd(48)} ${String(rows).padStart(6)} ${ms.toFixed(0).padStart(8)} ${ratio.padStart(7)} ${(grown / 1048576).toFixed(1).padStart(9)}`);
  return ms;
}

async function main() {
  answerHelp(`Usage: npm run bench:apollo

Pages every project (article plus 10,000 generated) 100 at a time with plain fetch and with Apollo Client
and the kit (client.query loop, edges, fetchMore on a watched query), printing time, ratio and heap kept.`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "qg-apollo-"));
  const url = process.env.BENCH_DATABASE_URL ?? `file:${path.join(scratch, "bench.db")}`;
  execFileSync(path.join(projectRoot, "node_modules/.bin/prisma"), ["migrate", "deploy"], { cwd: projectRoot, env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
  const db = createPrismaClient(url);
  await seedDatabase(db);
  await generateDataset(db, { projects: 10_000 });
  // No response cache, rate limit or load shedding: every run pays for every page.
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: "silent", RESPONSE_CACHE_BYTES: "0", RATE_LIMIT_POINTS: "0", MAX_EVENT_LOOP_DELAY_MS: "0", MAX_HEAP_USED_BYTES: "0" });
  const { app } = await createApp(db, config);
  const endpoint = `${await app.listen({ port: 0, host: "127.0.0.1" })}/graphql`;
  if (!gc) console.log("(run with node --expose-gc for heap figures)");

  await plainFetch(endpoint); // warm-up: JIT, SQLite page cache
  console.log(`${"paging all projects, 100 a page".padEnd(48)} ${"rows".padStart(6)} ${"ms".padStart(8)} ${"ratio".padStart(7)} ${"heap MB".padStart(9)}`);
  const floor = await measure("plain fetch", () => plainFetch(endpoint));
  await measure("Apollo Client + kit (nodes)", () => apollo(endpoint, new InMemoryCache(cacheConfig), QUERY, (d) => d.projects.nodes), floor);
  await measure("Apollo Client + kit, client.query loop (nodes)", () => apolloQueries(endpoint, new InMemoryCache(cacheConfig), QUERY, (d) => d.projects.nodes), floor);
  await measure("Apollo Client + kit, client.query loop (edges)", () => apolloQueries(endpoint, new InMemoryCache(cacheConfig), EDGES_QUERY, (d) => d.projects.edges), floor);
  await measure("Apollo Client + kit (edges)", () => apollo(endpoint, new InMemoryCache(cacheConfig), EDGES_QUERY, (d) => d.projects.edges), floor);
  if (!process.argv.includes("--kit-only")) {
    const relay = new InMemoryCache({ possibleTypes, typePolicies: { Query: { fields: { projects: relayStylePagination(["where", "orderBy"]) } } } });
    await measure("Apollo Client + relayStylePagination (edges)", () => apollo(endpoint, relay, EDGES_QUERY, (d) => d.projects.edges), floor);
  }
  await app.close();
  await db.$disconnect();
  fs.rmSync(scratch, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
