import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../../src/context";
import type { TestDatabase } from "./databases";
import { type HttpApp, startHttpApp } from "./http";

export interface Listening extends HttpApp {
  /** POSTs a GraphQL request; `accept` defaults to the GraphQL-over-HTTP media type. */
  post(body: unknown, accept?: string, init?: RequestInit): Promise<Response>;
}

/**
 * startHttpApp on a test's own database, with a POST helper that sets Accept
 * and no rate limit.
 */
export async function listen(database: TestDatabase, env: Record<string, string> = {}, plugins: ApolloServerPlugin<Context>[] = []): Promise<Listening> {
  const http = await startHttpApp({ RATE_LIMIT_POINTS: "0", ...env }, { database, plugins });
  return {
    ...http,
    post: (body, accept = "application/graphql-response+json", init = {}) =>
      fetch(http.endpoint, { method: "POST", headers: { "content-type": "application/json", accept }, body: JSON.stringify(body), ...init }),
  };
}
