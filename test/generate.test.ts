import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createPrismaClient } from "../src/db";
import { type TestDatabase, copyTemplate, provider } from "./support/databases";

const run = promisify(execFile);
const CLI = path.join(__dirname, "..", "dist", "src", "seed", "generate-cli.js");

/** A database as a new user has it: on SQLite a file that does not exist yet; on PostgreSQL the migrated empty template. */
async function newDatabase(): Promise<TestDatabase> {
  if (provider === "postgresql") return copyTemplate("empty");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "qg-generate-")), "new.db");
  return { url: `file:${file}`, drop: async () => fs.rmSync(path.dirname(file), { recursive: true, force: true }) };
}

test("npm run dataset:generate works on a new database: it migrates first, then adds the projects", async () => {
  const database = await newDatabase();
  try {
    const { stdout } = await run("node", [CLI, "250"], { env: { ...process.env, DATABASE_URL: database.url } });
    expect(stdout).toMatch(/^Generated 250 projects in 30 districts of 3 cities/m);
    const db = createPrismaClient(database.url);
    try {
      expect(await db.project.count({ where: { slug: { startsWith: "gen-" } } })).toBe(250);
    } finally {
      await db.$disconnect();
    }
    await expect(run("node", [CLI, "10"], { env: { ...process.env, DATABASE_URL: database.url } })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("already has a generated dataset"),
    });
  } finally {
    await database.drop();
  }
}, 120_000);

test("npm run dataset:generate -- --help says what it does", async () => {
  const { stdout } = await run("node", [CLI, "--help"]);
  expect(stdout).toContain("Usage: npm run dataset:generate -- [PROJECTS]");
  expect(stdout).toContain("Applies pending migrations first");
});
