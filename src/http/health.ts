import type { FastifyInstance } from "fastify";
import type { Db } from "../db";

/** How long readiness waits for the database before it says no. */
const READY_TIMEOUT_MS = 2000;

/**
 * Liveness and readiness for supervisors and load balancers: /healthz says
 * the process answers; /readyz also asks the database, and says 503 while it
 * does not answer or while the server is draining for shutdown.
 */
export function registerHealthRoutes(app: FastifyInstance, db: Db): void {
  let draining = false;
  app.addHook("preClose", async () => {
    draining = true;
  });

  app.get("/healthz", async () => ({ status: "ok" }));

  app.get("/readyz", async (_request, reply) => {
    if (draining) return reply.status(503).send({ status: "draining" });
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
}
