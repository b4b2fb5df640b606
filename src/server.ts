import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { unwrapResolverError } from "@apollo/server/errors";
import fastifyApollo, { fastifyApolloDrainPlugin } from "@as-integrations/fastify";
import fastifyCompress from "@fastify/compress";
import fastifyCors from "@fastify/cors";
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, LogController } from "fastify";
import { type GraphQLFormattedError } from "graphql";
import { type Config, loadConfig } from "./config";
import { type Context, createContext } from "./context";
import type { Db } from "./db";
import { ErrorCode } from "./errors";
import { registerHealthRoutes } from "./http/health";
import { createSchema } from "./schema";

/** Codes whose messages are written for clients; anything else is an internal failure and is masked. */
const CLIENT_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

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
    const code = String(formatted.extensions?.code ?? "");
    if (!CLIENT_CODES.has(code)) {
      logger.error({ err: unwrapResolverError(error), path: formatted.path }, "internal error");
      return { message: "Internal server error", locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
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
  return new ApolloServer<Context>({
    schema: await createSchema(),
    formatError: errorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    introspection: config.INTROSPECTION,
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }), ...plugins],
  });
}

/**
 * The whole HTTP service, ready to listen: GraphQL at /graphql plus the
 * routes beside it. main.ts is the only caller that listens; tests use
 * `app.inject` or listen on port 0.
 */
export async function createApp(db: Db, config: Config = loadConfig()): Promise<{ app: FastifyInstance; apollo: ApolloServer<Context> }> {
  const app = Fastify({
    logger: { level: config.LOG_LEVEL },
    // The request log plugin writes one line per request with what GraphQL knows; Fastify's own two lines are off.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.BODY_LIMIT_BYTES,
    return503OnClosing: true,
  });
  const apollo = await createServer({ config, logger: app.log, plugins: [fastifyApolloDrainPlugin(app)] });
  await apollo.start();

  // Transport failures (malformed JSON, oversized body) answer in GraphQL's error shape, never with a stack trace.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, "request failed");
    const message = status === 500 ? "Internal server error" : error.message;
    void reply.status(status).send({ errors: [{ message, extensions: { code: status === 500 ? ErrorCode.INTERNAL_SERVER_ERROR : "BAD_REQUEST" } }] });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ errors: [{ message: `No route ${request.method} ${request.url.split("?")[0]}`, extensions: { code: ErrorCode.NOT_FOUND } }] });
  });

  await app.register(fastifyCompress, { global: true, threshold: 1024 });
  await app.register(fastifyCors, { origin: config.CORS_ORIGINS === "*" ? "*" : config.CORS_ORIGINS.split(",").map((o) => o.trim()), credentials: false });
  await app.register(fastifyApollo(apollo), {
    path: "/graphql",
    context: async (request, reply) => {
      const aborted = new AbortController();
      // The response closing before it was written means the client went away.
      reply.raw.once("close", () => reply.raw.writableFinished || aborted.abort(new Error("client disconnected")));
      return createContext(db, { signal: aborted.signal, requestId: request.id });
    },
  });
  registerHealthRoutes(app, db);
  return { app, apollo };
}
