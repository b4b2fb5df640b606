import { GraphQLError } from "graphql";

/** Every error the API reports carries one of these in `extensions.code`. */
export enum ErrorCode {
  BAD_USER_INPUT = "BAD_USER_INPUT",
  NOT_FOUND = "NOT_FOUND",
  INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR",
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
