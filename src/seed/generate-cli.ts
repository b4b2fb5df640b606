import "reflect-metadata";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { databaseUrl, projectRoot } from "../adapter";
import { createPrismaClient } from "../db";
import { generateDataset } from "./generate";

const HELP = `Usage: npm run dataset:generate -- [PROJECTS]

Adds PROJECTS generated projects (default 10000; slugs gen-…, no source passages) with their
provinces, cities, districts, organizations and events to DATABASE_URL, to try the API at scale.
Applies pending migrations first, so it works on a new database; refuses a database that already
has a generated dataset. Progress goes to standard error when it is a terminal.

  --help      this text`;

/** `npm run dataset:generate -- 10000`: adds that many generated projects (slugs gen-…) to DATABASE_URL. */
async function main() {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    console.log(HELP);
    return;
  }
  const projects = Number(args[0] ?? 10_000);
  if (!Number.isInteger(projects) || projects < 1) throw new Error(`the number of projects must be a positive whole number, got "${args[0]}"`);
  const url = databaseUrl();
  // A new database has no tables yet: the same migrations as npm start and npm run seed.
  execFileSync(path.join(projectRoot, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { cwd: projectRoot, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DATABASE_URL: url } });
  const db = createPrismaClient(url);
  try {
    if (await db.place.findUnique({ where: { slug: "gen-province" } })) throw new Error("this database already has a generated dataset (place gen-province)");
    const started = Date.now();
    const onProgress = process.stderr.isTTY ? (done: number, total: number) => process.stderr.write(`\r${done.toLocaleString("en")} / ${total.toLocaleString("en")} projects`) : undefined;
    const generated = await generateDataset(db, { projects, onProgress });
    if (onProgress) process.stderr.write("\n");
    console.log(`Generated ${generated.projects.length} projects in ${generated.districts.length} districts of ${generated.cities.length} cities in ${Date.now() - started} ms.`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
