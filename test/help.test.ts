import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const dist = path.join(__dirname, "..", "dist");

/** Every npm run command of the project's own, by the entry point npm runs for it. */
const ENTRIES: [string, string][] = [
  ["npm start", "src/main.js"],
  ["npm run seed", "src/seed/cli.js"],
  ["npm run dataset:generate", "src/seed/generate-cli.js"],
  ["npm run export", "src/export/cli.js"],
  ["npm run bench", "bench/bench.js"],
  ["npm run bench:export", "bench/export.js"],
  ["npm run bench:apollo", "bench/apollo-paging.js"],
  ["npm run bench:concurrency", "bench/concurrency.js"],
];

test.each(ENTRIES)("%s -- --help says what the command does and exits 0 without touching a database", async (command, entry) => {
  const { stdout } = await run("node", [path.join(dist, entry), "--help"], { env: { ...process.env, DATABASE_URL: "file:/nonexistent/dir/never.db" }, timeout: 30_000 });
  expect(stdout).toMatch(new RegExp(`^Usage: ${command.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
});
