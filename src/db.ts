import { createAdapter, databaseUrl, providerOf } from "./adapter";
import { PrismaClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgresql/client";

/**
 * Both generated clients expose the same model API; the SQLite one is the
 * type the service is written against.
 */
export type Db = PrismaClient;

export function createPrismaClient(url: string = databaseUrl(), options: { log?: boolean } = {}): Db {
  const adapter = createAdapter(url);
  const log = options.log ? [{ emit: "event" as const, level: "query" as const }] : undefined;
  if (providerOf(url) === "postgresql") {
    return new PostgresPrismaClient({ adapter, log }) as unknown as Db;
  }
  return new PrismaClient({ adapter, log });
}
