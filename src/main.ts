import "reflect-metadata";
import { startStandaloneServer } from "@apollo/server/standalone";
import { databaseUrl, providerOf } from "./adapter";
import { createContext } from "./context";
import { createPrismaClient } from "./db";
import { isEmpty, seedDatabase } from "./seed/seed";
import { createServer } from "./server";

/** The only entry point that listens. Migrations have been applied by `npm start` before this runs. */
async function main() {
  const url = databaseUrl();
  const db = createPrismaClient(url);
  if (await isEmpty(db)) {
    try {
      await seedDatabase(db);
    } catch (error) {
      // Another replica may have seeded the same empty database first.
      if (await isEmpty(db)) throw error;
    }
  }
  const server = await createServer();
  const port = Number(process.env.PORT ?? 4000);
  const host = process.env.HOST ?? "0.0.0.0";
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${process.env.PORT}"`);
  const { url: serverUrl } = await startStandaloneServer(server, {
    listen: { port, host },
    context: async () => createContext(db),
  });
  console.log(`qingdao-graph ready at ${serverUrl.replace("0.0.0.0", "localhost")}graphql (${providerOf(url)})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    await db.$disconnect();
    console.log(`qingdao-graph stopped (${signal})`);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: Error) => {
  console.error(`qingdao-graph failed to start: ${error.message}`);
  process.exit(1);
});
