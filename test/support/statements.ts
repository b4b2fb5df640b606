import { loadConfig } from "../../src/config";
import { createContext } from "../../src/context";
import { createPrismaClient } from "../../src/db";
import { createServer } from "../../src/server";

export interface Statement {
  query: string;
  params: string;
}

/** Runs one operation on its own client and returns every SQL statement Prisma sent for it. */
export async function countStatements(url: string, query: string, variables?: Record<string, unknown>) {
  const db = createPrismaClient(url, { log: true });
  const statements: Statement[] = [];
  (db as unknown as { $on(e: "query", cb: (e: Statement) => void): void }).$on("query", (e) => statements.push({ query: e.query, params: e.params }));
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
    await server.stop();
    await db.$disconnect();
  }
}
