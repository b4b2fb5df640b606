import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../src/adapter";
import { createPrismaClient } from "../src/db";
import { generateDataset } from "../src/seed/generate";
import { answerHelp } from "../src/help";

/**
 * `npm run bench:export [-- ROWS]`: exports ROWS generated projects (default
 * 1,000,000) in each format with the CLI, as a user would, and prints rows
 * per second and the CLI process's peak RSS (VmHWM). The database is kept in
 * the temp folder between runs (BENCH_EXPORT_DATABASE_URL to choose another);
 * BENCH_EXPORT_FORMATS=csv picks formats.
 */

const rows = Number(process.argv[2] ?? 1_000_000);
const url = process.env.BENCH_EXPORT_DATABASE_URL ?? `file:${path.join(os.tmpdir(), `qingdao-graph-export-bench-${rows}.db`)}`;
const env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn" };

async function prepare(): Promise<number> {
  execFileSync(path.join(projectRoot, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { env, cwd: projectRoot, stdio: "ignore" });
  const db = createPrismaClient(url);
  try {
    if (!(await db.place.findUnique({ where: { slug: "gen-province" } }))) {
      const started = performance.now();
      process.stderr.write(`generating ${rows.toLocaleString("en")} projects into ${url} …\n`);
      await generateDataset(db, { projects: rows });
      process.stderr.write(`generated in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    }
    return await db.project.count();
  } finally {
    await db.$disconnect();
  }
}

/** Peak resident memory of a running process, from /proc (Linux). */
function peakRssBytes(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

function exportOnce(format: string): Promise<{ seconds: number; peakRss: number; bytes: number }> {
  const out = path.join(os.tmpdir(), `qingdao-graph-export-bench.${format}`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // As `npm run export` runs it: a heap of 128 MB, which a streaming export never needs to outgrow.
    const child = spawn("node", ["--max-old-space-size=128", path.join(projectRoot, "dist", "src", "export", "cli.js"), "projects", "--format", format, "--out", out], { env, stdio: ["ignore", "ignore", "inherit"] });
    let peakRss = 0;
    const timer = setInterval(() => (peakRss = Math.max(peakRss, peakRssBytes(child.pid!))), 100);
    child.on("exit", (code) => {
      clearInterval(timer);
      if (code !== 0) return reject(new Error(`export exited with ${code}`));
      const bytes = fs.statSync(out).size;
      fs.rmSync(out);
      resolve({ seconds: (performance.now() - started) / 1000, peakRss, bytes });
    });
  });
}

async function main() {
  answerHelp(`Usage: npm run bench:export -- [ROWS]

Exports ROWS generated projects (default 1,000,000) with the CLI in each format and prints rows/s and the
CLI's peak RSS. BENCH_EXPORT_FORMATS=csv,ndjson picks formats; BENCH_EXPORT_DATABASE_URL picks the database.`);
  const total = await prepare();
  console.log(`Export of ${total.toLocaleString("en")} projects (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "?"}, Node ${process.version}, ${url.startsWith("file:") ? "SQLite" : "PostgreSQL"})`);
  console.log("| format | rows/s | seconds | output | peak RSS |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const format of (process.env.BENCH_EXPORT_FORMATS ?? "csv,json,ndjson").split(",")) {
    const { seconds, peakRss, bytes } = await exportOnce(format);
    console.log(`| ${format} | ${Math.round(total / seconds).toLocaleString("en")} | ${seconds.toFixed(1)} | ${(bytes / 1024 ** 2).toFixed(0)} MB | ${(peakRss / 1024 ** 2).toFixed(0)} MB |`);
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
