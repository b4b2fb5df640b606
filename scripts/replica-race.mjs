#!/usr/bin/env node
// Starts several replicas at once on one new, empty database, as a
// supervisor would (package.json's start script: migrate, then exec node;
// its build step is `prestart`, which this skips), and checks that every one comes up, serves the same data, and
// exits 0 on SIGTERM. Prints one line per run and a summary; with --json the
// summary is one JSON object (test/operability.test.ts reads it).
//
//   node scripts/replica-race.mjs [--provider sqlite|postgresql] [--replicas 3] [--runs 10] [--json]
//
// Run `npm run build` first. PostgreSQL: TEST_POSTGRES_URL names the server
// (default postgresql://postgres@127.0.0.1:5432/postgres).
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const provider = option("provider", "sqlite");
const replicas = Number(option("replicas", 3));
const runs = Number(option("runs", 10));
const json = args.includes("--json");
const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const READY_TIMEOUT_MS = 180_000;

/** package.json's start script (its build step is `prestart`): what each replica runs. */
const startScript = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts.start;

async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function createDatabase() {
  const name = `qg_race_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  if (provider === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qg-race-"));
    return { url: `file:${path.join(dir, "race.db")}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

function startReplica(url) {
  // As npm runs scripts: node_modules/.bin first on PATH, no NODE_ENV unless the caller set one.
  const env = { ...process.env, PATH: `${path.join(root, "node_modules", ".bin")}${path.delimiter}${process.env.PATH}`, DATABASE_URL: url, PORT: "0", HOST: "127.0.0.1", RATE_LIMIT_POINTS: "0", LOG_LEVEL: "info" };
  delete env.NODE_ENV;
  const child = spawn("sh", ["-c", startScript], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  const replica = { child, output: "", exitCode: undefined };
  child.stdout.on("data", (chunk) => (replica.output += chunk));
  child.stderr.on("data", (chunk) => (replica.output += chunk));
  replica.exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve((replica.exitCode = code ?? signal))));
  replica.ready = new Promise((resolve) => {
    const check = () => {
      const match = replica.output.match(/ready at (http:\/\/\S+)/);
      if (match) return resolve(match[1]);
      if (replica.exitCode !== undefined) return resolve(null);
      setTimeout(check, 50);
    };
    check();
    setTimeout(() => resolve(null), READY_TIMEOUT_MS).unref();
  });
  return replica;
}

const QUERY = "{ places { totalCount } organizations { totalCount } projects { totalCount } quotes { totalCount } figures { totalCount } }";

async function race(run) {
  const database = await createDatabase();
  const started = Date.now();
  const group = Array.from({ length: replicas }, () => startReplica(database.url));
  try {
    const endpoints = await Promise.all(group.map((r) => r.ready));
    const upMs = Date.now() - started;
    const answers = await Promise.all(
      endpoints.map(async (endpoint) => {
        if (!endpoint) return null;
        const response = await fetch(endpoint, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: QUERY }) });
        return JSON.stringify(await response.json());
      }),
    );
    for (const r of group) if (r.exitCode === undefined) r.child.kill("SIGTERM");
    const exitCodes = await Promise.all(group.map((r) => r.exited));
    const seeded = group.filter((r) => r.output.includes("seeded the empty database")).length;
    const clean = answers.every((a) => a !== null && a === answers[0] && !a.includes('"errors"')) && exitCodes.every((c) => c === 0) && seeded === 1;
    const failures = group.filter((r, i) => !answers[i] || exitCodes[i] !== 0).map((r) => r.output.trim().split("\n").slice(-3).join(" | "));
    const result = { run, clean, upMs, seeded, exitCodes, answer: answers[0] ? JSON.parse(answers[0]) : null, failures };
    if (!json) console.log(`run ${run}: ${clean ? "clean" : "FAILED"} (${replicas} replicas up in ${upMs} ms, ${seeded} seeded, exit codes ${exitCodes.join(",")})${failures.length ? `\n  ${failures.join("\n  ")}` : ""}`);
    return result;
  } finally {
    for (const r of group) if (r.exitCode === undefined) r.child.kill("SIGKILL");
    await Promise.all(group.map((r) => r.exited));
    await database.drop();
  }
}

const results = [];
for (let run = 1; run <= runs; run++) results.push(await race(run));
const cleanRuns = results.filter((r) => r.clean).length;
if (json) console.log(JSON.stringify({ provider, replicas, runs, cleanRuns, results }));
else console.log(`${provider}: ${cleanRuns}/${runs} runs clean with ${replicas} replicas each`);
process.exitCode = cleanRuns === runs ? 0 : 1;
