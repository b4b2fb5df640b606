import type { ApolloServerPlugin } from "@apollo/server";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { getOperationAST } from "graphql";
import type { Context } from "../context";

/** What GraphQL learned about a request, kept until Fastify writes the request's line. */
export interface GraphQLSummary {
  operationName?: string | null;
  cost?: { nodes: number; points: number } | null;
  errorCodes?: string[];
}

/**
 * Apollo gives plugins a shallow copy of the context, so the summary is an
 * object the copy shares with the request, under a symbol key.
 */
const SUMMARY = Symbol("request log summary");
type WithSummary = Context & { [SUMMARY]?: GraphQLSummary; cost?: { nodes: number; points: number } };

const summaries = new WeakMap<FastifyRequest, GraphQLSummary>();
const transportCodes = new WeakMap<FastifyRequest, string[]>();
const startTimes = new WeakMap<FastifyRequest, number>();

/** Links a request to its GraphQL context, so the request's log line carries operation name, cost and error codes. */
export function bindRequestContext(request: FastifyRequest, context: Context): void {
  const summary: GraphQLSummary = {};
  summaries.set(request, summary);
  (context as WithSummary)[SUMMARY] = summary;
}

/** What a response cache hit (use-response-cache.ts) tells the log: the operation it answers was never run. */
export function noteCachedSummary(request: FastifyRequest, summary: GraphQLSummary): void {
  summaries.set(request, summary);
}

/** Records the code of an error answered before GraphQL ran (malformed JSON, 413, 429, 503 …). */
export function noteErrorCode(request: FastifyRequest, code: string): void {
  transportCodes.set(request, [...(transportCodes.get(request) ?? []), code]);
}

/**
 * Collects what the request log needs from GraphQL. The line itself is
 * written by Fastify when the response has gone out, so that status and
 * duration are the ones the client saw, and routes beside GraphQL get the
 * same line.
 */
export function useRequestLog(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName, request, response, document }) {
          const context = contextValue as WithSummary;
          const summary = context[SUMMARY];
          if (!summary) return;
          const body = response.body;
          const errors = body.kind === "single" ? body.singleResult.errors : body.initialResult.errors;
          // Operations that failed validation were never resolved; their document still names them.
          summary.operationName = operationName ?? request.operationName ?? (document ? (getOperationAST(document)?.name?.value ?? null) : null);
          summary.cost = context.cost ?? null;
          summary.errorCodes = [...new Set((errors ?? []).map((e) => String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR")))];
        },
      };
    },
  };
}

/** One JSON line per request (pino), whatever route answered it; aborted requests get a line too. */
export function registerRequestLog(app: FastifyInstance): void {
  const line = (request: FastifyRequest) => {
    const summary = summaries.get(request);
    const errorCodes = [...(transportCodes.get(request) ?? []), ...(summary?.errorCodes ?? [])];
    return {
      method: request.method,
      path: request.url.split("?")[0],
      clientAddress: request.ip,
      ...(summary ? { operationName: summary.operationName ?? null, cost: summary.cost ?? null } : {}),
      ...(errorCodes.length ? { errorCodes } : {}),
    };
  };
  // Callback hooks: they run for every request, and an async hook costs a promise and a microtask each time.
  app.addHook("onResponse", (request, reply, done) => {
    // The response cache's verdict (use-response-cache.ts) travels in its X-Cache header.
    const cache = reply.getHeader("x-cache");
    request.log.info({ ...line(request), ...(cache ? { cache } : {}), status: reply.statusCode, durationMs: Math.round(reply.elapsedTime * 10) / 10 }, "request");
    done();
  });
  app.addHook("onRequest", (request, reply, done) => {
    startTimes.set(request, performance.now());
    void reply.header("x-request-id", request.id);
    done();
  });
  app.addHook("onRequestAbort", async (request) => {
    const durationMs = Math.round((performance.now() - (startTimes.get(request) ?? performance.now())) * 10) / 10;
    request.log.info({ ...line(request), aborted: true, durationMs }, "request aborted by the client");
  });
}
