import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../context";
import { ClientClosedRequestError, TimeoutError } from "../errors";
import { setRequestErrorStatus } from "./request-error-status";

/**
 * A deadline for every request, combined with the signal the HTTP layer
 * aborts when the client goes away. The combined signal replaces
 * `context.signal` and, with the deadline, makes the request's statement
 * scope, which is checked before every statement (src/adapter.ts): once
 * the request has stopped, no further SQL is sent for it, and a running PostgreSQL statement is cancelled.
 *
 * A request whose deadline passed before it finished answers with one TIMEOUT
 * error and no data (HTTP 504 for application/graphql-response+json, 200 for
 * application/json); one that finished in time keeps its result.
 */
export function useDeadline({ timeoutMs }: { timeoutMs: number }): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const stop = new AbortController();
      const client = contextValue.signal;
      const onClientGone = () => stop.abort(new ClientClosedRequestError());
      if (client?.aborted) onClientGone();
      else client?.addEventListener("abort", onClientGone, { once: true });
      const expire = () => stop.signal.aborted || stop.abort(new TimeoutError(timeoutMs));
      // The timer stops a request that is waiting (on PostgreSQL, it cancels the running statement);
      // the adapter also reads the deadline from the clock before each statement (see src/adapter.ts).
      const timer = setTimeout(expire, timeoutMs);
      timer.unref();
      contextValue.signal = stop.signal;
      const scope = { signal: stop.signal, deadline: performance.now() + timeoutMs, expire };

      return {
        /**
         * From here on the request's services check their statements against
         * the scope: handed to them (context.statementScope), not entered
         * into AsyncLocalStorage, whose promise hooks would then run for
         * every promise in the process (see inStatementScope, src/adapter.ts).
         */
        async executionDidStart() {
          contextValue.statementScope.current = scope;
        },
        async willSendResponse(requestContext) {
          clearTimeout(timer);
          client?.removeEventListener("abort", onClientGone);
          const { body } = requestContext.response;
          if (!(stop.signal.reason instanceof TimeoutError) || body.kind !== "single" || !body.singleResult.errors?.length) return;
          const { message, extensions } = stop.signal.reason;
          body.singleResult = { errors: [{ message, extensions }], extensions: body.singleResult.extensions };
          setRequestErrorStatus(requestContext, 504);
        },
      };
    },
  };
}
