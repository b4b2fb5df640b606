import type { FastifyInstance } from "fastify";
import { loadConfig } from "../../src/config";
import type { Db } from "../../src/db";
import { createApp } from "../../src/server";

export interface Listening {
  app: FastifyInstance;
  endpoint: string;
  /** POSTs a GraphQL request; `accept` defaults to the GraphQL-over-HTTP media type. */
  post(body: unknown, accept?: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** The real HTTP service (createApp) on a free port of 127.0.0.1, configured from `env` as main.ts would be. */
export async function listen(db: Db, env: Record<string, string> = {}, prepare?: (app: FastifyInstance) => void): Promise<Listening> {
  const { app } = await createApp(db, loadConfig({ LOG_LEVEL: "silent", ...env }));
  prepare?.(app);
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  const endpoint = `${address}/graphql`;
  return {
    app,
    endpoint,
    post: (body, accept = "application/graphql-response+json", init = {}) =>
      fetch(endpoint, { method: "POST", headers: { "content-type": "application/json", accept }, body: JSON.stringify(body), ...init }),
    close: () => app.close(),
  };
}
