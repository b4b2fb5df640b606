import type { ApolloServerPlugin } from "@apollo/server";
import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from "graphql";
import { type StatementScope, statementScope } from "../adapter";
import type { Context } from "../context";
import { ClientClosedRequestError, TimeoutError } from "../errors";
import { setRequestErrorStatus } from "./request-error-status";

/** Each request's statement scope, by the context object its resolvers receive. */
const scopes = new WeakMap<object, StatementScope>();
const SCOPED = Symbol("runs in its request's statement scope");

/**
 * Every resolver of the schema runs inside its request's statement scope
 * (AsyncLocalStorage.run), so everything it starts, DataLoader batches and
 * Prisma's queries included, carries the scope down to the driver adapter.
 * (AsyncLocalStorage.enterWith in a plugin hook would leak the scope into the
 * code that called Apollo Server, and so into later requests.) The schema is
 * built once per process, so resolvers are wrapped once.
 */
function runResolversInScope(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve as (GraphQLFieldResolver<unknown, object> & { [SCOPED]?: true }) | undefined;
      if (!resolve || resolve[SCOPED]) continue;
      const scoped: GraphQLFieldResolver<unknown, object> & { [SCOPED]?: true } = (source, args, context, info) => {
        const scope = scopes.get(context);
        return scope ? statementScope.run(scope, resolve, source, args, context, info) : resolve(source, args, context, info);
      };
      scoped[SCOPED] = true;
      field.resolve = scoped as typeof field.resolve;
    }
  }
}

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
    async serverWillStart({ schema }) {
      runResolversInScope(schema);
    },
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
      scopes.set(contextValue, { signal: stop.signal, deadline: performance.now() + timeoutMs, expire });

      return {
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
