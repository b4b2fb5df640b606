import { GraphQLError } from "graphql";

/** Every error the API reports carries one of these in `extensions.code`. */
export enum ErrorCode {
  BAD_USER_INPUT = "BAD_USER_INPUT",
  NOT_FOUND = "NOT_FOUND",
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
