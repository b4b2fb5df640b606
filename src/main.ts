import "reflect-metadata";
import cluster from "node:cluster";
import { setTimeout as sleep } from "node:timers/promises";
import v8 from "node:v8";
import { providerOf } from "./database-url";
import { ConfigError, loadConfig } from "./config";
import { answerHelp } from "./help";
import { isWorkerProcess, runWorkers, workerCount } from "./workers";

/** The only entry point that listens. Migrations have been applied by `npm start` before this runs. */
async function main() {
  answerHelp(`Usage: npm start

Builds, applies pending migrations, seeds an empty database and serves the API from one worker
process per CPU core (at most 4; WORKERS sets the number): the explorer at /,
GraphQL at /graphql, exports at /export/<type>.<format>, health at /healthz and /readyz.
Every setting comes from the environment (PORT, DATABASE_URL, …): see the README's configuration table.
SIGTERM or Ctrl-C drains in-flight requests and exits 0.`);
  const config = loadConfig();
  const workers = workerCount(config);
  if (cluster.isPrimary && workers > 1) return runWorkers(config, workers, __filename);
  /*
   * After a full collection V8 lets the heap grow to up to four times what
   * survived before it collects again. The deep query keeps about 65 MiB alive
   * but promotes some 200 MiB of short-lived pages and promises per answer, so
   * the heap (and RSS) reached 550-600 MiB at 10 connections. Doubling instead
   * kept peak RSS near 350 MiB for the same CPU, and growing by half keeps two
   * workers' together under 512 MiB (README, "Workers"). The only heap setting
   * V8 reads after start-up: the semi-space size is fixed when the isolate is
   * made, so the primary puts it on the workers' command line.
   */
  if (config.HEAP_GROWING_PERCENT > 0) v8.setFlagsFromString(`--heap-growing-percent=${config.HEAP_GROWING_PERCENT}`);
  // Loaded here, not above, so that a primary (which only forks) does not hold the schema, Prisma and Apollo: about 70 MiB.
  const [{ createPrismaClient }, { createApp }, { seedIfEmpty }] = await Promise.all([import("./db"), import("./server"), import("./startup")]);
  const db = createPrismaClient(config.DATABASE_URL);
  // Before the app exists: waiting for another replica's seed can block the event loop, which the overload check would count.
  const seeded = await seedIfEmpty(db, config.DATABASE_URL);
  const { app, lifecycle } = await createApp(db, config);
  if (seeded === "seeded") app.log.info("seeded the empty database from seed/dataset.json");
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const url = `${address.replace("0.0.0.0", "localhost").replace("[::]", "localhost")}/graphql`;
  // A worker's primary says "ready" once, when every worker listens.
  if (isWorkerProcess()) app.log.info({ worker: cluster.worker?.id }, `worker ${cluster.worker?.id} serving`);
  else app.log.info({ url, provider: providerOf(config.DATABASE_URL) }, `qingdao-graph ready at ${url} (${providerOf(config.DATABASE_URL)})`);

  let stopping = false;
  /**
   * Readiness goes to 503 first (for SHUTDOWN_DELAY_MS, while requests are
   * still served), then the listener closes and in-flight requests finish;
   * connections still busy after SHUTDOWN_TIMEOUT_MS are cut. A supervisor's
   * SIGTERM is the normal way to stop, so every path exits 0.
   */
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, `qingdao-graph stopping (${signal})`);
    lifecycle.beginDraining();
    if (config.SHUTDOWN_DELAY_MS > 0) await sleep(config.SHUTDOWN_DELAY_MS);
    const cut = setTimeout(() => {
      app.log.warn(`in-flight requests did not finish within ${config.SHUTDOWN_TIMEOUT_MS} ms; closing their connections`);
      app.server.closeAllConnections();
    }, config.SHUTDOWN_TIMEOUT_MS).unref();
    await app.close();
    clearTimeout(cut);
    await db.$disconnect();
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
