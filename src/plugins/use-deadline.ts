import type { ApolloServerPlugin } from "@apollo/server";
import { statementScope } from "../adapter";
import type { Context } from "../context";
import { ClientClosedRequestError, TimeoutError } from "../errors";
import { setRequestErrorStatus } from "./request-error-status";

/**
 * A deadline for every request, combined with the signal the HTTP layer
 * aborts when the client goes away. The combined signal replaces
 * `context.signal` and, with the deadline, makes the request's statement
 * scope, which the driver adapter checks before every statement
 * (src/adapter.ts): once the request has stopped, no further SQL is sent for
 * it, and a running PostgreSQL statement is cancelled.
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
         * The operation runs inside the request's statement scope, so
         * everything it starts (resolvers, DataLoader batches, Prisma's
         * queries) carries the scope down to the driver adapter. Entered
         * here, once per request, rather than with AsyncLocalStorage.run
         * around every resolver: the per-field wrapper was a closure, a
         * WeakMap lookup and a store switch for each of the deep query's
         * hundreds of thousands of resolved fields. Apollo Server calls this
         * hook from its request pipeline after it has awaited earlier hooks,
         * so the store is set on that pipeline's own continuation and what it
         * runs next (execution, then willSendResponse), never on the code
         * that called Apollo Server: the scope does not outlive the request.
         */
        async executionDidStart() {
          statementScope.enterWith(scope);
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
