import { GraphQLError, OperationTypeNode, type ValidationRule } from "graphql";

/**
 * graphql-js 16 validates a mutation or subscription against a schema that
 * has none and only fails when executing it, as an internal error. This API
 * is read-only: such an operation is a validation error (GRAPHQL_VALIDATION_FAILED).
 */
export const readOnlyOperations: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== OperationTypeNode.QUERY && !context.getSchema().getRootType(node.operation)) {
      context.reportError(new GraphQLError(`This API is read-only: it answers queries, not ${node.operation}s`, { nodes: node }));
    }
  },
});
