import "reflect-metadata";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../src/adapter";
import { createContext } from "../src/context";
import { createPrismaClient } from "../src/db";
import { generateDataset } from "../src/seed/generate";
import { seedDatabase } from "../src/seed/seed";
import { createServer } from "../src/server";

/**
 * `npm run bench`: latency, SQL statements and memory of representative
 * queries over the article plus 10,000 generated projects, on a scratch
 * SQLite file (or BENCH_DATABASE_URL, an empty PostgreSQL database).
 */
const QUERIES: Record<string, string> = {
  "lookup by slug": `{ project(slug: "tianan-sci-tech-city") { name place { name } investment { value } } }`,
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

async function main() {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "qg-bench-"));
  const url = process.env.BENCH_DATABASE_URL ?? `file:${path.join(scratch, "bench.db")}`;
  execFileSync(path.join(projectRoot, "node_modules/.bin/prisma"), ["migrate", "deploy"], { cwd: projectRoot, env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
  const db = createPrismaClient(url, { log: true });
  let statements = 0;
  (db as unknown as { $on(e: "query", cb: () => void): void }).$on("query", () => statements++);
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
  // A cursor 20 pages in, to show a late page costs what the first does.
  let after: string | null = null;
  for (let i = 0; i < 20; i++) {
    const data: any = await run(`{ projects(first: 100, orderBy: [{ field: NAME }]${after ? `, after: "${after}"` : ""}) { pageInfo { endCursor } } }`);
    after = data.projects.pageInfo.endCursor;
  }
  QUERIES["deep page 20 (keyset)"] = `{ projects(first: 100, orderBy: [{ field: NAME }], after: "${after}") { nodes { name } } }`;

  const rounds = Number(process.env.BENCH_ROUNDS ?? 30);
  console.log(`\n${"query".padEnd(38)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"SQL".padStart(5)}`);
  for (const [name, query] of Object.entries(QUERIES)) {
    await run(query);
    const times: number[] = [];
    let perRequest = 0;
    for (let i = 0; i < rounds; i++) {
      const before = statements;
      started = performance.now();
      await run(query);
      times.push(performance.now() - started);
      perRequest = statements - before;
    }
    times.sort((a, b) => a - b);
    console.log(`${name.padEnd(38)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)} ${String(perRequest).padStart(5)}`);
  }
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
