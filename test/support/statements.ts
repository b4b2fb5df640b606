import { loadConfig } from "../../src/config";
import { createContext } from "../../src/context";
import { createPrismaClient } from "../../src/db";
import { createServer } from "../../src/server";
import { sqlReader } from "../../src/services/sql";

export interface Statement {
  query: string;
  params: string;
}

/** Runs one operation on its own client and returns every SQL statement sent for it, by Prisma or by the service's prepared reads. */
export async function countStatements(url: string, query: string, variables?: Record<string, unknown>) {
  const db = createPrismaClient(url, { log: true });
  const statements: Statement[] = [];
  (db as unknown as { $on(e: "query", cb: (e: Statement) => void): void }).$on("query", (e) => statements.push({ query: e.query, params: e.params }));
  // The service's own prepared reads (src/services/sql.ts) do not pass through Prisma's log.
  const unsubscribe = sqlReader(db).onStatement((e) => statements.push({ query: e.sql, params: JSON.stringify(e.params, (_k, v) => (typeof v === "bigint" ? `${v}` : v)) }));
  // Counting, not timing: a busy machine must not turn a slow run into a TIMEOUT.
  const server = await createServer({ config: loadConfig({ REQUEST_TIMEOUT_MS: "600000" }) });
  await server.start();
  try {
    await db.$connect();
    statements.length = 0;
    const response = await server.executeOperation({ query, variables }, { contextValue: createContext(db) });
    if (response.body.kind !== "single" || response.body.singleResult.errors) {
      const errors = response.body.kind === "single" ? response.body.singleResult.errors : [];
      throw new Error(`operation failed with ${errors?.length} errors, the first: ${JSON.stringify(errors?.[0])}`);
    }
    return { statements, data: response.body.singleResult.data as any };
  } finally {
    unsubscribe();
    await server.stop();
    await db.$disconnect();
  }
}
