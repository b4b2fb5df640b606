import { GraphQLError, type GraphQLFormattedError } from "graphql";

/** Every error the API reports carries one of these in `extensions.code`. */
export enum ErrorCode {
  BAD_USER_INPUT = "BAD_USER_INPUT",
  NOT_FOUND = "NOT_FOUND",
  /** The operation is over the query budget; `limit`, `value` and `maximum` say which measure and by how much. */
  QUERY_BUDGET_EXCEEDED = "QUERY_BUDGET_EXCEEDED",
  /** The request's deadline (REQUEST_TIMEOUT_MS) or a statement's (PG_STATEMENT_TIMEOUT_MS) passed. */
  TIMEOUT = "TIMEOUT",
  /** The client went away before the answer; only the request log sees this. */
  CLIENT_CLOSED_REQUEST = "CLIENT_CLOSED_REQUEST",
  INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR",
  /** HTTP 429: the client address spent its points for the window; `retryAfterSeconds` says when to come back. */
  RATE_LIMITED = "RATE_LIMITED",
  /** HTTP 400 before GraphQL: malformed JSON or an HTTP request the server cannot read (Apollo's own code). */
  BAD_REQUEST = "BAD_REQUEST",
  /** HTTP 408: headers or body arrived slower than the receive timeouts allow. */
  REQUEST_TIMEOUT = "REQUEST_TIMEOUT",
  /** HTTP 413: the body is larger than BODY_LIMIT_BYTES. */
  PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE",
  /** HTTP 415: a body in a media type GraphQL is not sent in. */
  UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE",
  /** HTTP 431: request headers larger than the server reads. */
  HEADERS_TOO_LARGE = "HEADERS_TOO_LARGE",
  /** HTTP 503: the server is overloaded or shutting down; `Retry-After` says when to try again. */
  SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE",
}

/** Codes whose messages are written for clients; anything else is an internal failure and is masked. */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.QUERY_BUDGET_EXCEEDED,
  ErrorCode.TIMEOUT,
  ErrorCode.RATE_LIMITED,
  ErrorCode.CLIENT_CLOSED_REQUEST,
  ErrorCode.BAD_REQUEST,
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/**
 * The code a client may see for an error, or undefined when it is internal
 * and must be masked. Apollo Server reports a few request errors of its own
 * (an APQ hash that does not match its query, an unknown APQ version) with an
 * HTTP status of 400 and no code; those are the client's, so BAD_REQUEST.
 */
export function clientErrorCode(formatted: GraphQLFormattedError, error: unknown): string | undefined {
  const code = String(formatted.extensions?.code ?? "");
  if (CLIENT_ERROR_CODES.has(code)) return code;
  const original = error instanceof GraphQLError ? error : undefined;
  const status = (original?.extensions?.http as { status?: number } | undefined)?.status;
  if (original && original.extensions.code === undefined && status !== undefined && status >= 400 && status < 500) return ErrorCode.BAD_REQUEST;
  return undefined;
}

export class BadUserInputError extends GraphQLError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...extensions } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(what: string) {
    super(`${what} was not found`, { extensions: { code: ErrorCode.NOT_FOUND } });
  }
}

/** Which query-budget limit a request broke; the names match `extensions.limit`. */
export type BudgetLimit =
  | "documentBytes"
  | "tokens"
  | "depth"
  | "aliases"
  | "directives"
  | "fragmentSpreads"
  | "fields"
  | "whereDepth"
  | "whereSize"
  | "nodes";

/** An operation refused before it ran because one measure of it is over its limit. */
export class QueryBudgetError extends GraphQLError {
  constructor(limit: BudgetLimit, value: number, maximum: number, message: string) {
    super(message, { extensions: { code: ErrorCode.QUERY_BUDGET_EXCEEDED, limit, value, maximum } });
  }
}

/** The request's deadline passed: nothing more is read for it. */
export class TimeoutError extends GraphQLError {
  constructor(timeoutMs: number, message = `The request took longer than its ${timeoutMs} ms deadline and was stopped`) {
    super(message, { extensions: { code: ErrorCode.TIMEOUT, timeoutMs } });
  }
}

/** The client closed the connection: nothing more is read for an answer nobody will receive. */
export class ClientClosedRequestError extends GraphQLError {
  constructor() {
    super("The client closed the request", { extensions: { code: ErrorCode.CLIENT_CLOSED_REQUEST } });
  }
}
