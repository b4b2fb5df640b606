import "reflect-metadata";
import { createPrismaClient } from "../../src/db";
import { seedDatabase } from "../../src/seed/seed";
import { dropStaleDatabases, prepareTemplate } from "./databases";

/** Migrates two templates once per run: one left empty, one seeded from the curated dataset. */
export default async function globalSetup(): Promise<void> {
  await dropStaleDatabases();
  await prepareTemplate("empty", async () => {});
  await prepareTemplate("seeded", async (url) => {
    const db = createPrismaClient(url);
    try {
      await seedDatabase(db);
    } finally {
      await db.$disconnect();
    }
  });
}
