import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import pino from "pino";
import { RateLimiterClusterMaster } from "rate-limiter-flexible";
import { providerOf } from "./database-url";
import type { Config } from "./config";

/** The most processes `WORKERS=0` starts: each holds its own PostgreSQL pool of PG_POOL_MAX connections. */
const MAX_DEFAULT_WORKERS = 4;

/** A replacement that dies before it listens is started again after 0.5 s, then 1, 2 … at most 30 s. */
const FIRST_RESTART_DELAY_MS = 500;
const MAX_RESTART_DELAY_MS = 30_000;

/** Set by the primary on its workers, so that they are told apart from a cluster some other supervisor runs. */
const WORKER_ENV = "QINGDAO_GRAPH_PRIMARY_PID";

/** This process is one of the workers that runWorkers started (and its primary keeps the shared rate limits). */
export function isWorkerProcess(): boolean {
  return cluster.isWorker && process.env[WORKER_ENV] !== undefined;
}

/** How many processes serve: WORKERS, or one per CPU core (at most four) when it is 0. */
export function workerCount(config: Pick<Config, "WORKERS">): number {
  return config.WORKERS > 0 ? config.WORKERS : Math.min(MAX_DEFAULT_WORKERS, os.availableParallelism());
}

/**
 * A worker's node flags. The semi-space size and the garbage collector's
 * threads are fixed when V8 makes the heap, so they can only be given on a
 * worker's command line; a flag the operator passed to node (or in
 * NODE_OPTIONS) wins. With as many workers as cores, V8's parallel and
 * concurrent collector threads compete with the other workers for the same
 * cores: collecting on the worker's own thread spent less CPU per answer
 * (the deep query: 1.34–1.49× PostGraphile with helper threads, 1.54–1.91×
 * without, two workers on two cores, stop 21).
 */
export function workerExecArgv(
  config: Pick<Config, "SEMI_SPACE_MB" | "WORKER_GC">,
  count: number,
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env.NODE_OPTIONS ?? "",
): string[] {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)];
  const args = [...execArgv];
  if (config.SEMI_SPACE_MB > 0 && !given.some((arg) => /^--max[-_]semi[-_]space[-_]size/.test(arg))) args.push(`--max-semi-space-size=${config.SEMI_SPACE_MB}`);
  const single = config.WORKER_GC === "single" || (config.WORKER_GC === "auto" && count >= os.availableParallelism());
  if (single && !given.some((arg) => /^--(no-)?single[-_]threaded([-_]gc)?$/.test(arg))) args.push("--single-threaded-gc");
  return args;
}

/**
 * The primary of `WORKERS` processes that share one port (node:cluster hands
 * each new connection to the next worker). Workers are replicas as on several
 * machines: they seed under the start-up lock, share the cursor secret through
 * the database, and spend from one rate-limit budget per client, kept here
 * (rate-limiter-flexible's cluster limiter) unless REDIS_URL keeps it in Redis.
 * A worker that dies is replaced; SIGTERM or SIGINT drains every worker, and
 * the primary exits 0 once they have all stopped.
 */
export function runWorkers(config: Config, count: number, entry: string): void {
  const log = pino({ level: config.LOG_LEVEL });
  if (config.RATE_LIMIT_POINTS > 0) new RateLimiterClusterMaster();
  cluster.setupPrimary({ exec: entry, execArgv: workerExecArgv(config, count) });

  let stopping: string | undefined;
  let exitCode = 0;
  let ready = false;
  let restartDelayMs = 0;
  // Our own count: node drops a worker from cluster.workers only once its IPC channel has closed, which can follow its exit.
  const alive = new Set<Worker>();
  const listening = new Set<Worker>();
  const start = () => {
    const worker = cluster.fork({ [WORKER_ENV]: String(process.pid) });
    alive.add(worker);
    // A reply (the rate limiter's) sent to a worker that has just died fails here; unheard, it would end the primary.
    worker.on("error", (error) => log.warn({ workerPid: worker.process.pid, err: { message: error.message } }, "could not reach a worker"));
    worker.once("listening", (address) => {
      listening.add(worker);
      restartDelayMs = 0;
      if (listening.size !== count || ready) return;
      ready = true;
      const host = !address.address || address.address === "0.0.0.0" || address.address === "::" ? "localhost" : address.address;
      const url = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}/graphql`;
      const provider = providerOf(config.DATABASE_URL);
      log.info({ url, provider, workers: count }, `qingdao-graph ready at ${url} (${provider}, ${count} workers)`);
    });
    worker.once("exit", (code, signal) => {
      alive.delete(worker);
      listening.delete(worker);
      if (stopping) {
        if (alive.size > 0) return;
        log.info({ signal: stopping }, `qingdao-graph stopped (${stopping})`);
        process.exit(exitCode);
      }
      // Before the service was ever ready, a worker that dies failed to start (port taken, database unreachable): the others would too.
      if (!ready) {
        log.error({ workerPid: worker.process.pid, code, signal }, "a worker stopped before it could serve; stopping qingdao-graph");
        stopAll(1, "a worker failed to start");
        return;
      }
      // Once it has served, a worker is replaced, waiting longer each time a replacement dies before it listens.
      log.warn({ workerPid: worker.process.pid, code, signal, restartDelayMs }, "a worker stopped; starting another");
      setTimeout(() => stopping || start(), restartDelayMs);
      restartDelayMs = Math.min(MAX_RESTART_DELAY_MS, Math.max(restartDelayMs * 2, FIRST_RESTART_DELAY_MS));
    });
  };
  const stopAll = (code: number, reason: string) => {
    stopping = reason;
    exitCode = code;
    if (alive.size === 0) process.exit(exitCode);
    for (const worker of alive) worker.process.kill("SIGTERM");
  };
  const stop = (signal: string) => {
    if (stopping) return;
    log.info({ signal }, `qingdao-graph stopping (${signal})`);
    stopAll(0, signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  for (let i = 0; i < count; i++) start();
}
