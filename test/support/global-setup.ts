import "reflect-metadata";
import { createPrismaClient } from "../../src/db";
import { seedDatabase } from "../../src/seed/seed";
import { dropStaleDatabases, prepareTemplates } from "./databases";

/** Prepares two templates once per run: one migrated and empty, one also seeded from the curated dataset. */
export default async function globalSetup(): Promise<void> {
  await dropStaleDatabases();
  await prepareTemplates(async (url) => {
    const db = createPrismaClient(url);
    try {
      await seedDatabase(db);
    } finally {
      await db.$disconnect();
    }
  });
}
