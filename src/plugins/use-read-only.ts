import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, OperationTypeNode } from "graphql";

/**
 * graphql-js 16 validates a mutation or subscription against a schema that
 * has none, and only fails when executing it, as an internal error. This API
 * is read-only: such an operation is refused as a validation error
 * (GRAPHQL_VALIDATION_FAILED, HTTP 400) before it runs. It is checked once
 * the operation is resolved rather than as a validation rule, so that a
 * mutation sent with GET keeps Apollo Server's own answer, 405 with
 * `Allow: POST`.
 */
export function useReadOnly(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, schema }) {
          if (!operation || operation.operation === OperationTypeNode.QUERY || schema.getRootType(operation.operation)) return;
          throw new GraphQLError(`This API is read-only: it answers queries, not ${operation.operation}s`, {
            nodes: operation,
            extensions: { code: "GRAPHQL_VALIDATION_FAILED", http: { status: 400 } },
          });
        },
      };
    },
  };
}
