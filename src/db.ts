import { type Provider, createAdapter, databaseUrl, providerOf } from "./adapter";
import { PrismaClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgresql/client";

/**
 * Both generated clients expose the same model API; the SQLite one is the
 * type the service is written against. `provider` picks raw SQL dialects.
 */
export type Db = PrismaClient & {
  readonly provider: Provider;
  /** The driver adapter factory, whose driver the service's own prepared reads use (src/services/sql.ts). */
  readonly adapter: ReturnType<typeof createAdapter>;
};

export function createPrismaClient(url: string = databaseUrl(), options: { log?: boolean } = {}): Db {
  const adapter = createAdapter(url);
  const log = options.log ? [{ emit: "event" as const, level: "query" as const }] : undefined;
  if ("pool" in adapter) {
    // PrismaPg leaves a pool it was handed open on $disconnect; close it too.
    const client = Object.assign(new PostgresPrismaClient({ adapter, log }), { provider: providerOf(url), adapter }) as unknown as Db;
    const disconnect = client.$disconnect.bind(client);
    client.$disconnect = async () => {
      await disconnect();
      await adapter.pool.end();
    };
    return client;
  }
  return Object.assign(new PrismaClient({ adapter, log }), { provider: providerOf(url), adapter });
}
