import type { ApolloServerPlugin } from "@apollo/server";
import { type DocumentNode, Kind, visit } from "graphql";
import { BadUserInputError } from "../errors";
import { setRequestErrorStatus } from "./request-error-status";

/** NUL, or a UTF-16 surrogate without its pair: text neither database can store or match as given. */
const INVALID_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * PostgreSQL refuses NUL in text (an internal error, before), and a lone
 * surrogate has no UTF-8 form (drivers send U+FFFD instead, so a filter would
 * silently match other text). graphql-js already refuses both in the
 * document's raw text, but not as escapes (`"\u0000"`) nor in variables:
 * every string argument and variable is checked before execution.
 */
function invalidVariable(variables: Record<string, unknown>): string | undefined {
  for (const [name, root] of Object.entries(variables)) {
    const stack: unknown[] = [root];
    while (stack.length) {
      const value = stack.pop();
      if (typeof value === "string") {
        if (INVALID_TEXT.test(value)) return name;
      } else if (value !== null && typeof value === "object") {
        for (const [key, item] of Object.entries(value)) {
          if (INVALID_TEXT.test(key)) return name;
          stack.push(item);
        }
      }
    }
  }
  return undefined;
}

/** Whether a document has such a string literal. */
function hasInvalidLiteral(document: DocumentNode): boolean {
  let literal = false;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (INVALID_TEXT.test(node.value)) literal = true;
    },
  });
  return literal;
}

export function useValidText(): ApolloServerPlugin {
  /**
   * Apollo Server hands every request with the same text the same parsed
   * document (its document store), so each document is walked once, not once
   * per request: the walk was 3% of a lookup's time.
   */
  const checked = new WeakMap<DocumentNode, boolean>();
  return {
    async requestDidStart() {
      let refused = false;
      return {
        async didResolveOperation({ document, request }) {
          let literal = checked.get(document);
          if (literal === undefined) checked.set(document, (literal = hasInvalidLiteral(document)));
          const variable = literal || !request.variables ? undefined : invalidVariable(request.variables);
          if (!literal && variable === undefined) return;
          refused = true;
          throw new BadUserInputError(
            `${literal ? "A string in the document" : `Variable "$${variable}"`} contains a NUL character or an unpaired UTF-16 surrogate, which no text here can hold`,
            variable === undefined ? {} : { variableName: variable },
          );
        },
        async willSendResponse(requestContext) {
          if (refused) setRequestErrorStatus(requestContext, 400);
        },
      };
    },
  };
}
