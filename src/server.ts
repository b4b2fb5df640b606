import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { unwrapResolverError } from "@apollo/server/errors";
import fastifyApollo, { fastifyApolloDrainPlugin } from "@as-integrations/fastify";
import fastifyCompress from "@fastify/compress";
import fastifyCors from "@fastify/cors";
import fastifyUnderPressure from "@fastify/under-pressure";
import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, LogController } from "fastify";
import { type GraphQLFormattedError } from "graphql";
import { type Config, loadConfig, trustProxy } from "./config";
import { type Context, createContext } from "./context";
import type { Db } from "./db";
import { ClientClosedRequestError, ErrorCode, clientErrorCode } from "./errors";
import { codeForStatus, errorBody, sendError } from "./http/errors";
import { registerExamples } from "./http/examples";
import { registerExplorer } from "./http/explorer";
import { registerExportRoutes } from "./http/export";
import { type Lifecycle, registerHealthRoutes } from "./http/health";
import { RateLimiter, registerRateLimit, useRateLimit } from "./plugins/use-rate-limit";
import { bindRequestContext, noteErrorCode, registerRequestLog, useRequestLog } from "./plugins/use-request-log";
import { useDeadline } from "./plugins/use-deadline";
import { useHttpCaching } from "./plugins/use-http-caching";
import { useHeavyQueryGate } from "./plugins/use-heavy-query-gate";
import { RequestStop } from "./request-stop";
import { useHiddenSuggestions } from "./plugins/use-hidden-suggestions";
import { budgetLimits, useQueryBudget } from "./plugins/use-query-budget";
import { useReadOnly } from "./plugins/use-read-only";
import { useResponseCache } from "./plugins/use-response-cache";
import { useValidText } from "./plugins/use-valid-text";
import { persistedCursorSecret, setCursorSecret } from "./pagination";
import { createSchema } from "./schema";
import { compiledExecution } from "./execution";
import { isWorkerProcess } from "./workers";
import { logDestination } from "./log-destination";

interface ValidationErrorShape {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorShape[];
}

function validationMessages(errors: ValidationErrorShape[]): string[] {
  return errors.flatMap((e) => [...Object.values(e.constraints ?? {}), ...validationMessages(e.children ?? [])]);
}

/**
 * Clients get typed, readable errors and never a stack trace or a database
 * message: unexpected errors are logged and reported as INTERNAL_SERVER_ERROR.
 */
export function errorFormatter(logger: Pick<FastifyBaseLogger, "error"> = { error: (e: unknown) => console.error(e) }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = clientErrorCode(formatted, error);
    if (!code) {
      logger.error({ err: unwrapResolverError(error), path: formatted.path }, "internal error");
      return { message: "Internal server error", locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
    if (code !== formatted.extensions?.code) return { ...formatted, extensions: { ...formatted.extensions, code } };
    const validationErrors = formatted.extensions?.validationErrors as ValidationErrorShape[] | undefined;
    if (validationErrors) {
      const { validationErrors: _omitted, ...extensions } = formatted.extensions ?? {};
      return {
        ...formatted,
        message: `Invalid argument: ${validationMessages(validationErrors).join("; ")}`,
        extensions: { ...extensions, argumentNames: validationErrors.map((e) => e.property) },
      };
    }
    return formatted;
  };
}

export const formatError = errorFormatter();

export interface ServerOptions {
  config?: Config;
  logger?: FastifyBaseLogger;
  plugins?: ApolloServerPlugin<Context>[];
}

/** The GraphQL server without transport: tests run operations on it in-process. */
export async function createServer({ config = loadConfig({}), logger, plugins = [] }: ServerOptions = {}): Promise<ApolloServer<Context>> {
  const budget = useQueryBudget(budgetLimits(config));
  return new ApolloServer<Context>({
    // Heavy operations run compiled by graphql-jit (src/execution.ts); Apollo Server takes an executor only from a gateway.
    gateway: compiledExecution(await createSchema(), { heavyNodes: config.HEAVY_QUERY_NODES }),
    formatError: errorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    introspection: config.INTROSPECTION,
    stopOnTerminationSignals: false,
    parseOptions: budget.parseOptions,
    plugins: [
      // The explorer is the service's own page (src/http/explorer.ts), not Apollo Sandbox from a CDN.
      ApolloServerPluginLandingPageDisabled(),
      // No field has a cache hint; Apollo's default cache-control plugin would still hook every resolved field.
      ApolloServerPluginCacheControlDisabled(),
      // This is no federation subgraph; Apollo's default inline-trace plugin would still be asked about every request.
      ApolloServerPluginInlineTraceDisabled(),
      useDeadline({ timeoutMs: config.REQUEST_TIMEOUT_MS }),
      useReadOnly(),
      budget.plugin,
      useHeavyQueryGate({ nodes: config.HEAVY_QUERY_NODES, concurrency: config.HEAVY_QUERY_CONCURRENCY }),
      useValidText(),
      ...(config.INTROSPECTION ? [] : [useHiddenSuggestions()]),
      ...plugins,
    ],
  });
}

export interface AppOptions {
  /** More Apollo plugins (tests use this to set a query cost). */
  plugins?: ApolloServerPlugin<Context>[];
}

/** Checks timeouts this often (Node's default, 30 s, would let a slow client stay that much longer). */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;

/**
 * The whole HTTP service, ready to listen: GraphQL at /graphql plus the
 * routes beside it. main.ts is the only caller that listens; tests use
 * `app.inject` or listen on port 0.
 */
export async function createApp(
  db: Db,
  config: Config = loadConfig(),
  options: AppOptions = {},
): Promise<{ app: FastifyInstance; apollo: ApolloServer<Context>; lifecycle: Lifecycle }> {
  const log = logDestination(isWorkerProcess());
  const app = Fastify({
    logger: { level: config.LOG_LEVEL, stream: log.stream },
    // The request log plugin writes one line per request with what GraphQL knows; Fastify's own two lines are off.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestId,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: trustProxy(config),
    requestTimeout: config.RECEIVE_TIMEOUT_MS,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    http: { headersTimeout: config.HEADERS_TIMEOUT_MS, requestTimeout: config.RECEIVE_TIMEOUT_MS, connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS },
    // Requests that arrive while closing get a GraphQL-shaped 503 from the health routes' hook instead.
    return503OnClosing: false,
    clientErrorHandler,
  });
  registerRequestLog(app);
  app.addHook("onClose", () => log.close());
  // Before the hooks that refuse requests, so that browsers can read their 429 and 503 answers too.
  await app.register(fastifyCors, { origin: config.CORS_ORIGINS === "*" ? "*" : config.CORS_ORIGINS.split(",").map((o) => o.trim()), credentials: false });
  const limiter = await RateLimiter.create(config, app.log);
  const responseCache = config.RESPONSE_CACHE_BYTES > 0 ? useResponseCache(config, app.log) : undefined;
  app.addHook("onClose", async () => responseCache?.close());
  // Before @fastify/compress: hits are answered ahead of Apollo, and answers stored before they are compressed.
  responseCache?.register(app, limiter);
  const apollo = await createServer({
    config,
    logger: app.log,
    plugins: [
      fastifyApolloDrainPlugin(app),
      useRequestLog(),
      ...(limiter ? [useRateLimit(limiter)] : []),
      ...(options.plugins ?? []),
      useHttpCaching(),
      // Last: its responseForOperation is reached only by queries every other plugin let through.
      ...(responseCache ? [responseCache] : []),
    ],
  });
  await apollo.start();
  setCursorSecret(config.CURSOR_SECRET ?? (await persistedCursorSecret(db)));

  // Transport failures (malformed JSON, oversized body) answer in GraphQL's error shape, never with a stack trace.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500 && status !== 503) request.log.error({ err: error }, "request failed");
    return sendError(reply, status, status >= 500 ? "Internal server error" : transportMessage(error, config));
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, 404, `No route ${request.method} ${request.url.split("?")[0]}`));

  const lifecycle = registerHealthRoutes(app, db);
  await app.register(fastifyUnderPressure, {
    maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS,
    maxHeapUsedBytes: config.MAX_HEAP_USED_BYTES,
    sampleInterval: 500,
    pressureHandler: (request, reply, type, value) => {
      if (request.url.split("?")[0] === "/healthz") return undefined;
      request.log.warn({ type, value }, "under pressure: request refused");
      noteErrorCode(request, ErrorCode.SERVICE_UNAVAILABLE);
      void reply.status(503).header("retry-after", String(PRESSURE_RETRY_AFTER_SECONDS));
      // under-pressure sends what the handler returns (its types say void).
      return errorBody(ErrorCode.SERVICE_UNAVAILABLE, "The server is overloaded; retry the request later") as unknown as void;
    },
  });
  if (limiter) registerRateLimit(app, limiter);
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ["br", "gzip", "deflate"] });
  registerExplorer(app);
  registerExportRoutes(app, apollo, db);
  registerExamples(app);
  await app.register(fastifyApollo(apollo), {
    path: "/graphql",
    context: async (request, reply) => {
      const aborted = new RequestStop();
      // The response closing before it was written means the client went away; it may have gone already,
      // while a hook before this one (the response cache's data-version read) waited, and then no "close" comes.
      const gone = () => reply.raw.writableFinished || aborted.abort(new ClientClosedRequestError());
      if (reply.raw.destroyed || request.raw.socket?.destroyed) gone();
      else reply.raw.once("close", gone);
      // The deadline (use-deadline.ts) aborts this same stop: one stop and no listener per request.
      const stop = (reason: Error) => aborted.abort(reason);
      const context = createContext(db, { signal: aborted, stop, requestId: request.id, clientAddress: request.ip });
      bindRequestContext(request, context);
      responseCache?.bind(request, context);
      return context;
    },
  });
  return { app, apollo, lifecycle };
}

/** Seconds an overloaded server asks clients to wait. */
const PRESSURE_RETRY_AFTER_SECONDS = 5;

/** A caller's X-Request-Id when it is a plain token (so it can be traced across services), else a new UUID. */
function requestId(request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers["x-request-id"];
  return typeof given === "string" && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

/** Messages for transport errors: Fastify's own say what is wrong but name internals (FST_… codes, parser details). */
function transportMessage(error: FastifyError, config: Config): string {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return `Request body is larger than ${config.BODY_LIMIT_BYTES} bytes`;
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return "Unsupported content type: send application/json (or GET with query parameters)";
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return "Request body is empty; send a JSON object with a query";
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return "Content-Length does not match the body";
    default:
      if (error instanceof SyntaxError || error.code === "FST_ERR_CTP_INVALID_JSON_BODY") return "Request body is not valid JSON";
      return error.message.replace(/^FST_\w+:?\s*/, "");
  }
}

/**
 * Errors Node reports on the socket before Fastify sees a request (headers or
 * body too slow, headers too large, unparsable HTTP) get the same GraphQL
 * error shape, and a log line, instead of Node's bare status line.
 */
function clientErrorHandler(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const status = error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : error.code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
  const code = codeForStatus(status);
  const message =
    status === 408 ? "The request was not received in time" : status === 431 ? "Request headers are too large" : "Malformed HTTP request";
  const body = JSON.stringify(errorBody(code, message));
  this.log.info({ clientAddress: socket.remoteAddress, status, errorCodes: [code], errorDetail: error.code }, "request");
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
