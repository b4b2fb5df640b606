import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../context";
import { ClientClosedRequestError, TimeoutError } from "../errors";
import { setRequestErrorStatus } from "./request-error-status";
import { RequestStop, type StopSignal } from "../request-stop";

/**
 * A deadline for every request, on the signal the HTTP layer aborts when
 * the client goes away: its stop (context.stop) is called by the deadline
 * too, so a request has one stop; an in-process context without one gets a
 * stop of its own linked to its signal. With the deadline, the
 * signal makes the request's statement scope, which is checked before every
 * statement (src/adapter.ts): once the request has stopped, no further SQL
 * is sent for it, and a running PostgreSQL statement is cancelled.
 *
 * A request whose deadline passed before it finished answers with one TIMEOUT
 * error and no data (HTTP 504 for application/graphql-response+json, 200 for
 * application/json); one that finished in time keeps its result.
 */
export function useDeadline({ timeoutMs }: { timeoutMs: number }): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      let signal: StopSignal;
      let stop: (reason: Error) => void;
      let unlink: (() => void) | undefined;
      if (contextValue.stop) {
        // The HTTP layer's stop, which it calls when the client goes away.
        signal = contextValue.signal;
        stop = contextValue.stop;
      } else {
        const own = new RequestStop();
        const client = contextValue.signal;
        const onClientGone = () => own.abort(new ClientClosedRequestError());
        if (client?.aborted) onClientGone();
        else client?.addEventListener("abort", onClientGone, { once: true });
        unlink = () => client?.removeEventListener("abort", onClientGone);
        signal = contextValue.signal = own;
        stop = (reason) => own.abort(reason);
      }
      const expire = () => stop(new TimeoutError(timeoutMs));
      // The timer stops a request that is waiting (on PostgreSQL, it cancels the running statement);
      // the adapter also reads the deadline from the clock before each statement (see src/adapter.ts).
      const timer = setTimeout(expire, timeoutMs);
      timer.unref();
      const scope = { signal, deadline: performance.now() + timeoutMs, expire };

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
          unlink?.();
          const { body } = requestContext.response;
          if (!(signal.reason instanceof TimeoutError) || body.kind !== "single" || !body.singleResult.errors?.length) return;
          const { message, extensions } = signal.reason;
          body.singleResult = { errors: [{ message, extensions }], extensions: body.singleResult.extensions };
          setRequestErrorStatus(requestContext, 504);
        },
      };
    },
  };
}
