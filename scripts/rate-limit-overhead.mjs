#!/usr/bin/env node
// What the rate limit adds to a request: the same cheap query over real HTTP
// (keep-alive) against three apps in this process on one seeded database:
// rate limit off, counted in memory, counted in Redis. Rounds alternate
// between the apps so that machine noise falls on all three alike; prints
// p50/p95 per app and the ratio to "off".
//
//   npm run build && node scripts/rate-limit-overhead.mjs [requests per app, default 3000]
//
// DATABASE_URL must point at a migrated, seeded database (default: the
// project's SQLite file, as `npm start` leaves it). Redis at REDIS_URL
// (default redis://127.0.0.1:6379).
import "reflect-metadata";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { loadConfig } = require(path.join(root, "dist/src/config.js"));
const { createPrismaClient } = require(path.join(root, "dist/src/db.js"));
const { createApp } = require(path.join(root, "dist/src/server.js"));

const total = Number(process.argv[2] ?? 3000);
const round = 100;
const config = loadConfig({ ...process.env, LOG_LEVEL: "silent", RATE_LIMIT_POINTS: "10000000" });
const db = createPrismaClient(config.DATABASE_URL);
const variants = {
  off: { RATE_LIMIT_POINTS: 0 },
  memory: { REDIS_URL: "" },
  redis: { REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" },
};
const apps = {};
for (const [name, overrides] of Object.entries(variants)) {
  const { app } = await createApp(db, { ...config, ...overrides });
  apps[name] = { app, endpoint: `${await app.listen({ port: 0, host: "127.0.0.1" })}/graphql`, times: [] };
}

const body = JSON.stringify({ query: "{ __typename }" });
const once = async (endpoint) => {
  const started = performance.now();
  const response = await fetch(endpoint, { method: "POST", headers: { "content-type": "application/json" }, body });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`status ${response.status}`);
  return performance.now() - started;
};
for (const { endpoint } of Object.values(apps)) for (let i = 0; i < 200; i++) await once(endpoint);
for (let done = 0; done < total; done += round) {
  for (const entry of Object.values(apps)) for (let i = 0; i < round; i++) entry.times.push(await once(entry.endpoint));
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const base = [...apps.off.times].sort((a, b) => a - b);
for (const [name, { times }] of Object.entries(apps)) {
  const sorted = [...times].sort((a, b) => a - b);
  const p50 = pct(sorted, 50);
  console.log(
    `${name.padEnd(7)} p50 ${p50.toFixed(3)} ms  p95 ${pct(sorted, 95).toFixed(3)} ms  p50 vs off ${(p50 / pct(base, 50)).toFixed(2)}x (+${(p50 - pct(base, 50)).toFixed(3)} ms)`,
  );
}
for (const { app } of Object.values(apps)) await app.close();
await db.$disconnect();
