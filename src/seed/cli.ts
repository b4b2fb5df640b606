import "reflect-metadata";
import { databaseUrl } from "../adapter";
import { createPrismaClient } from "../db";
import { seedDatabase } from "./seed";

/** `npm run seed`: validates seed/dataset.json against seed/article.txt and writes it, all or nothing. */
async function main() {
  const db = createPrismaClient(databaseUrl());
  try {
    const summary = await seedDatabase(db);
    console.log(`Seeded ${Object.entries(summary).map(([k, v]) => `${v} ${k}`).join(", ")}.`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
