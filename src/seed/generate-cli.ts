import "reflect-metadata";
import { databaseUrl } from "../adapter";
import { createPrismaClient } from "../db";
import { generateDataset } from "./generate";

/** `npm run dataset:generate -- 10000`: adds that many generated projects (slugs gen-…) to DATABASE_URL. */
async function main() {
  const projects = Number(process.argv[2] ?? 10_000);
  if (!Number.isInteger(projects) || projects < 1) throw new Error(`the number of projects must be a positive whole number, got "${process.argv[2]}"`);
  const db = createPrismaClient(databaseUrl());
  try {
    if (await db.place.findUnique({ where: { slug: "gen-province" } })) throw new Error("this database already has a generated dataset (place gen-province)");
    const started = Date.now();
    const generated = await generateDataset(db, { projects });
    console.log(`Generated ${generated.projects.length} projects in ${generated.districts.length} districts of ${generated.cities.length} cities in ${Date.now() - started} ms.`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
