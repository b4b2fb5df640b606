import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { unwrapResolverError } from "@apollo/server/errors";
import { type GraphQLFormattedError } from "graphql";
import type { Context } from "./context";
import { ErrorCode } from "./errors";
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
 * message: unexpected errors are logged here and reported as
 * INTERNAL_SERVER_ERROR.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? "");
  if (!CLIENT_CODES.has(code)) {
    console.error(unwrapResolverError(error));
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
}

export async function createServer(plugins: ApolloServerPlugin<Context>[] = []): Promise<ApolloServer<Context>> {
  return new ApolloServer<Context>({
    schema: await createSchema(),
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }), ...plugins],
  });
}
