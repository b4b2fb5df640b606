import type { FastifyReply } from "fastify";
import { ErrorCode } from "../errors";
import { noteErrorCode } from "../plugins/use-request-log";

/** The code a transport-level failure gets, by HTTP status. */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 404:
      return ErrorCode.NOT_FOUND;
    case 408:
      return ErrorCode.REQUEST_TIMEOUT;
    case 413:
      return ErrorCode.PAYLOAD_TOO_LARGE;
    case 415:
      return ErrorCode.UNSUPPORTED_MEDIA_TYPE;
    case 429:
      return ErrorCode.RATE_LIMITED;
    case 431:
      return ErrorCode.HEADERS_TOO_LARGE;
    case 503:
      return ErrorCode.SERVICE_UNAVAILABLE;
    default:
      return status >= 500 ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.BAD_REQUEST;
  }
}

/** A response body in GraphQL's error shape, for failures that happen before GraphQL runs. */
export function errorBody(code: string, message: string, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

/**
 * Answers a request that GraphQL never saw (malformed JSON, oversized body,
 * rate limit, overload, shutdown) in GraphQL's error shape, so clients parse
 * one shape whatever failed, and notes the code for the request's log line.
 */
export function sendError(reply: FastifyReply, status: number, message: string, extensions: Record<string, unknown> = {}, code: string = codeForStatus(status)) {
  noteErrorCode(reply.request, code);
  return reply.status(status).type("application/json; charset=utf-8").send(errorBody(code, message, extensions));
}
