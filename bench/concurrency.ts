import "reflect-metadata";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { projectRoot, statementYield, YIELD_AFTER_MS } from "../src/adapter";
import { loadConfig } from "../src/config";
import { createContext } from "../src/context";
import { createPrismaClient } from "../src/db";
import { generateDataset } from "../src/seed/generate";
import { seedDatabase } from "../src/seed/seed";
import { createApp, createServer } from "../src/server";
import { aliasedLevels, doublingSpreads, manyAliases, nestedLists, orOfChains, spreadChain } from "../test/support/attacks";
import { answerHelp } from "../src/help";

/**
 * `npm run bench:concurrency`: how a trivial query is answered while heavy
 * allowed queries and rejected bombs run at the same time, over real HTTP to
 * createApp, on the article plus 10,000 generated projects (scratch SQLite,
 * or BENCH_DATABASE_URL, an empty PostgreSQL database). Prints p50/p99/max of
 * `{ __typename }` alone and under load (the peer, in the same run), the
 * process RSS sampled every 50 ms, the event-loop delay, and the cost of
 * SQLite's wait between statements (src/adapter.ts) on the lookup query.
 */
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const LOOKUP = `{ project(slug: "tianan-sci-tech-city") { name place { name } investment { value } } }`;
const HEAVY = [
  `{ projects(first: 100, orderBy: [{ field: INVESTMENT, direction: DESC }]) { totalCount nodes { name place { name } organizations { nodes { name projects(first: 10) { nodes { name } } } } } } }`,
  `{ places(first: 100) { nodes { name projects(first: 20) { totalCount nodes { name investment { value } } } } } }`,
  `{ search(query: "园", first: 20) { totalCount nodes { id } } }`,
  `{ investmentByPlace(rollup: true) { place { name } investment { sum approximate } } }`,
  `{ projects(first: 100, where: { name: { contains: "7" } }) { totalCount nodes { name } } }`,
];
const BOMBS: { query: string; variables?: Record<string, unknown> }[] = [
  { query: nestedLists(6, 100) },
  { query: aliasedLevels(10) },
  { query: doublingSpreads(16) },
  { query: manyAliases(10_000) },
  { query: `query($w: ProjectWhere) { projects(where: $w) { nodes { name } } }`, variables: { w: orOfChains(20, 40) } },
  { query: spreadChain(10_000) },
];

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const fmt = (times: number[]) => {
  const s = [...times].sort((a, b) => a - b);
  return `p50 ${pct(s, 50).toFixed(1)} ms, p99 ${pct(s, 99).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms (${s.length} probes)`;
};

async function main() {
  answerHelp(`Usage: npm run bench:concurrency

p50/p99/max of { __typename } over HTTP alone and while five heavy allowed queries and five rejected bombs
run, with event-loop delay and RSS sampled every 50 ms. BENCH_SECONDS sets the duration; BENCH_DATABASE_URL
points it at an empty PostgreSQL database.`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "qg-bench-conc-"));
  const url = process.env.BENCH_DATABASE_URL ?? `file:${path.join(scratch, "bench.db")}`;
  execFileSync(path.join(projectRoot, "node_modules/.bin/prisma"), ["migrate", "deploy"], { cwd: projectRoot, env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
  const db = createPrismaClient(url);
  await seedDatabase(db);
  await generateDataset(db, { projects: PROJECTS });
  console.log(`${url.split(":")[0]}: the article and ${PROJECTS} generated projects`);

  // 1. The wait between statements on the lookup query: never / after 5 ms (the default) / before every statement, interleaved rounds.
  const server = await createServer({ config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: "silent" }) });
  await server.start();
  const modes: [string, number][] = [["never waits", Infinity], [`waits after ${YIELD_AFTER_MS} ms`, YIELD_AFTER_MS], ["waits before every statement", 0]];
  const times = new Map<string, number[]>(modes.map(([name]) => [name, []]));
  for (let round = 0; round < 20; round++)
    for (const [name, afterMs] of modes) {
      statementYield.afterMs = afterMs;
      const started = performance.now();
      for (let i = 0; i < 50; i++) await server.executeOperation({ query: LOOKUP }, { contextValue: createContext(db) });
      times.get(name)!.push((performance.now() - started) / 50);
    }
  statementYield.afterMs = YIELD_AFTER_MS;
  await server.stop();
  const median = (name: string) => pct([...times.get(name)!].sort((a, b) => a - b), 50);
  console.log(`\nlookup by slug, median of 20 rounds of 50:`);
  for (const [name] of modes) console.log(`  ${name.padEnd(30)} ${(median(name) * 1000).toFixed(0).padStart(6)} µs  ratio ${(median(name) / median("never waits")).toFixed(3)}`);

  // 2. { __typename } alone, then under load, over HTTP. Load shedding off: the figures are the service's, not the 503s.
  const { app } = await createApp(db, loadConfig({ DATABASE_URL: url, LOG_LEVEL: "silent", RATE_LIMIT_POINTS: "0", RESPONSE_CACHE_BYTES: "0", MAX_EVENT_LOOP_DELAY_MS: "0", MAX_HEAP_USED_BYTES: "0" }));
  const base = `${await app.listen({ port: 0, host: "127.0.0.1" })}/graphql`;
  const post = (body: unknown) =>
    fetch(base, { method: "POST", headers: { "content-type": "application/json", accept: "application/graphql-response+json" }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.text() }));
  const probe = async (until: number) => {
    const latencies: number[] = [];
    while (performance.now() < until) {
      const started = performance.now();
      const r = await post({ query: "{ __typename }" });
      if (r.status !== 200) throw new Error(`probe answered ${r.status}`);
      latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 10));
    }
    return latencies;
  };
  const quiet = await probe(performance.now() + 2000);

  let stop = false;
  const counts = { heavy: 0, heavyFailed: 0, bombs: 0, bombsLetThrough: 0 };
  const heavyTimes: number[] = [];
  const loop = async (run: () => Promise<void>) => {
    while (!stop) await run();
  };
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 50);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const until = performance.now() + SECONDS * 1000;
  const workers = [
    ...HEAVY.map((query) =>
      loop(async () => {
        const started = performance.now();
        const r = await post({ query });
        heavyTimes.push(performance.now() - started);
        counts.heavy++;
        if (r.status !== 200 || r.body.includes('"errors"')) counts.heavyFailed++;
      }),
    ),
    ...BOMBS.slice(0, 5).map((bomb, i) =>
      loop(async () => {
        const r = await post(i === 4 ? BOMBS[5] : bomb);
        counts.bombs++;
        if (r.status === 200) counts.bombsLetThrough++;
      }),
    ),
  ];
  const loaded = await probe(until);
  stop = true;
  await Promise.all(workers);
  clearInterval(sampler);
  delay.disable();
  await app.close();
  await db.$disconnect();
  fs.rmSync(scratch, { recursive: true, force: true });

  console.log(`\n{ __typename } over HTTP:`);
  console.log(`  alone                                  ${fmt(quiet)}`);
  console.log(`  with 5 heavy + 5 bombs, ${SECONDS} s         ${fmt(loaded)}`);
  console.log(`heavy allowed queries: ${counts.heavy} answered (${counts.heavyFailed} with errors), ${fmt(heavyTimes).replace("probes", "requests")}`);
  console.log(`bombs: ${counts.bombs} sent, ${counts.bombsLetThrough} answered 200`);
  console.log(`event-loop delay under load: p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms, max ${(delay.max / 1e6).toFixed(0)} ms`);
  console.log(`RSS under load (sampled every 50 ms, ${rss.length} samples): max ${(Math.max(...rss) / 2 ** 20).toFixed(0)} MiB (goal < 512 MB)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
