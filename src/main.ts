import "reflect-metadata";
import { providerOf } from "./adapter";
import { ConfigError, loadConfig } from "./config";
import { createPrismaClient } from "./db";
import { isEmpty, seedDatabase } from "./seed/seed";
import { createApp } from "./server";

/** The only entry point that listens. Migrations have been applied by `npm start` before this runs. */
async function main() {
  const config = loadConfig();
  const db = createPrismaClient(config.DATABASE_URL);
  if (await isEmpty(db)) {
    try {
      await seedDatabase(db);
    } catch (error) {
      // Another replica may have seeded the same empty database first.
      if (await isEmpty(db)) throw error;
    }
  }
  const { app } = await createApp(db, config);
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const url = `${address.replace("0.0.0.0", "localhost").replace("[::]", "localhost")}/graphql`;
  app.log.info({ url, provider: providerOf(config.DATABASE_URL) }, `qingdao-graph ready at ${url} (${providerOf(config.DATABASE_URL)})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, `qingdao-graph stopping (${signal})`);
    const forced = setTimeout(() => {
      app.log.error(`in-flight requests did not finish within ${config.SHUTDOWN_TIMEOUT_MS} ms; exiting`);
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS).unref();
    await app.close();
    await db.$disconnect();
    clearTimeout(forced);
    app.log.info({ signal }, `qingdao-graph stopped (${signal})`);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: Error) => {
  console.error(`qingdao-graph failed to start: ${error instanceof ConfigError ? error.message : error.message.split("\n")[0]}`);
  process.exit(1);
});
