import { createAdapter, databaseUrl } from "./adapter";
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
  if ("pool" in adapter) {
    // PrismaPg leaves a pool it was handed open on $disconnect; close it too.
    const client = new PostgresPrismaClient({ adapter, log }) as unknown as Db;
    const disconnect = client.$disconnect.bind(client);
    client.$disconnect = async () => {
      await disconnect();
      await adapter.pool.end();
    };
    return client;
  }
  return new PrismaClient({ adapter, log });
}
