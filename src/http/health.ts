import type { FastifyInstance } from "fastify";
import type { Db } from "../db";
import { sendError } from "./errors";

/** How long readiness waits for the database before it says no. */
const READY_TIMEOUT_MS = 2000;

export const HEALTH_PATHS = new Set(["/healthz", "/readyz"]);

/** Shutdown as the health routes see it; main.ts moves it forward. */
export interface Lifecycle {
  /** From now on /readyz says 503, while every other route still answers (SHUTDOWN_DELAY_MS). */
  beginDraining(): void;
}

/**
 * Liveness and readiness for supervisors and load balancers: /healthz says
 * the process answers; /readyz also asks the database, and says 503 while it
 * does not answer or once shutdown has begun. While the server closes,
 * requests that still arrive on open keep-alive connections get 503 with
 * `Connection: close`, so clients take them to another replica.
 */
export function registerHealthRoutes(app: FastifyInstance, db: Db): Lifecycle {
  let draining = false;
  let closing = false;
  app.addHook("preClose", async () => {
    draining = true;
    closing = true;
  });
  // Responses finished while closing end their connection, so keep-alive clients reconnect elsewhere.
  // Callback hooks, not async ones: they run for every request and almost always do nothing, and an async
  // hook costs a promise and a microtask each time.
  app.addHook("onSend", (_request, reply, payload, done) => {
    if (closing) void reply.header("connection", "close");
    done(null, payload);
  });
  app.addHook("onRequest", (request, reply, done) => {
    if (!closing || HEALTH_PATHS.has(request.url.split("?")[0])) return done();
    void reply.header("connection", "close").header("retry-after", "1");
    void sendError(reply, 503, "The server is shutting down; retry the request");
  });

  app.get("/healthz", async () => ({ status: "ok" }));

  app.get("/readyz", async (_request, reply) => {
    if (draining) return reply.status(503).header("retry-after", "1").send({ status: "draining" });
    try {
      await Promise.race([
        db.$queryRawUnsafe("SELECT 1"),
        new Promise((_, reject) => setTimeout(() => reject(new Error("database did not answer in time")), READY_TIMEOUT_MS).unref()),
      ]);
      return { status: "ready" };
    } catch (error) {
      reply.log.warn({ err: error }, "not ready");
      return reply.status(503).send({ status: "unavailable" });
    }
  });

  return {
    beginDraining() {
      draining = true;
    },
  };
}
