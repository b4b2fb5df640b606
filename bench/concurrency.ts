import "reflect-metadata";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot, statementYield, YIELD_AFTER_MS } from "../src/adapter";
import { loadConfig } from "../src/config";
import { createContext } from "../src/context";
import { createPrismaClient } from "../src/db";
import { generateDataset } from "../src/seed/generate";
import { seedDatabase } from "../src/seed/seed";
import { createServer } from "../src/server";
import { heavyAllowedQueries, rejectedBombs } from "../test/support/attacks";
import { answerHelp } from "../src/help";

/**
 * `npm run bench:concurrency`: how a trivial query is answered while heavy
 * allowed queries and rejected bombs run at the same time, over real HTTP to
 * the service started as `npm start` starts it (its own process: the load
 * generator's CPU is not the server's), on the article plus 10,000 generated
 * projects (scratch SQLite, or BENCH_DATABASE_URL, an empty PostgreSQL
 * database). Prints p50/p99/max of `{ __typename }` alone and under load (the
 * peer, in the same run), the server's RSS sampled every 50 ms and its peak,
 * and the cost of SQLite's wait between statements (src/adapter.ts) on the
 * lookup query.
 */
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const LOOKUP = `{ project(slug: "tianan-sci-tech-city") { name place { name } investment { value } } }`;
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

  await db.$disconnect();

  // 2. { __typename } alone, then under load, over HTTP, to the service as `npm start` runs it (its own process, so the
  // load generator's work is not counted as the server's). Load shedding off: the figures are the service's, not the 503s.
  const server2 = await startServer(url);
  const base = server2.url;
  const post = (body: string) =>
    fetch(base, { method: "POST", headers: { "content-type": "application/json", accept: "application/graphql-response+json" }, body }).then(async (r) => ({ status: r.status, body: await r.text() }));
  const TRIVIAL = JSON.stringify({ query: "{ __typename }" });
  const probe = async (until: number) => {
    const latencies: number[] = [];
    while (performance.now() < until) {
      const started = performance.now();
      const r = await post(TRIVIAL);
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
  const sampler = setInterval(() => rss.push(server2.rss()), 50);
  const until = performance.now() + SECONDS * 1000;
  const heavyBodies = heavyAllowedQueries.map((query) => JSON.stringify({ query }));
  const bombBodies = rejectedBombs().map((bomb) => JSON.stringify(bomb));
  const workers = [
    ...heavyBodies.map((body) =>
      loop(async () => {
        const started = performance.now();
        const r = await post(body);
        heavyTimes.push(performance.now() - started);
        counts.heavy++;
        if (r.status !== 200 || r.body.includes('"errors"')) counts.heavyFailed++;
      }),
    ),
    ...bombBodies.map((body) =>
      loop(async () => {
        const r = await post(body);
        counts.bombs++;
        if (r.status === 200) counts.bombsLetThrough++;
      }),
    ),
  ];
  const loaded = await probe(until);
  stop = true;
  await Promise.all(workers);
  clearInterval(sampler);
  const peak = server2.peakRss();
  await server2.stop();
  fs.rmSync(scratch, { recursive: true, force: true });

  console.log(`\n{ __typename } over HTTP:`);
  console.log(`  alone                                  ${fmt(quiet)}`);
  console.log(`  with 5 heavy + 5 bombs, ${SECONDS} s         ${fmt(loaded)}`);
  console.log(`heavy allowed queries: ${counts.heavy} answered (${counts.heavyFailed} with errors), ${fmt(heavyTimes).replace("probes", "requests")}`);
  console.log(`bombs: ${counts.bombs} sent, ${counts.bombsLetThrough} answered 200`);
  console.log(`server RSS under load (sampled every 50 ms, ${rss.length} samples): max ${(Math.max(...rss) / 2 ** 20).toFixed(0)} MiB, peaks (VmHWM) of its processes summed ${(peak / 2 ** 20).toFixed(0)} MiB (goal < 512 MB)`);
}

/** The node flags `npm start` passes (package.json's start script, none since the workers get theirs from the primary), so the server here runs as it does there. */
function startFlags(): string[] {
  const start: string = JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")).scripts.start;
  return /exec node (.*?) ?dist\/src\/main\.js/.exec(start)?.[1].split(" ").filter(Boolean) ?? [];
}

/** The service started as `npm start` starts it (node dist/src/main.js with its flags, migrations already applied), on a free port. */
async function startServer(url: string) {
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = [...startFlags(), ...(process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, path.join(projectRoot, "dist/src/main.js")], {
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", RATE_LIMIT_POINTS: "0", RESPONSE_CACHE_BYTES: "0", MAX_EVENT_LOOP_DELAY_MS: "0", MAX_HEAP_USED_BYTES: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const serverUrl = await new Promise<string>((resolve, reject) => {
    let buffered = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /"url":"([^"]+)"/.exec(buffered);
      if (match) {
        resolve(match[1].replace("localhost", "127.0.0.1"));
        child.stdout!.removeAllListeners("data");
        child.stdout!.resume();
      }
    });
    child.once("exit", (code) => reject(new Error(`the server exited (${code}) before it listened`)));
  });
  // The primary and its workers (README, "Workers"): each process's figure, summed.
  const processes = () => [child.pid!, ...fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8").split(" ").filter(Boolean).map(Number)];
  const ofProcess = (pid: number, field: string) => {
    const text = fs.existsSync(`/proc/${pid}/status`) ? fs.readFileSync(`/proc/${pid}/status`, "utf8") : "";
    return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0) * 1024;
  };
  const status = (field: string) => processes().reduce((sum, pid) => sum + ofProcess(pid, field), 0);
  return {
    url: serverUrl,
    rss: () => status("VmRSS"),
    peakRss: () => status("VmHWM"),
    stop: () => new Promise<void>((resolve) => (child.once("exit", () => resolve()), child.kill("SIGTERM"))),
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
