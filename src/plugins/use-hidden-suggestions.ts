import type { ApolloServerPlugin } from "@apollo/server";

/** graphql-js's hints: `Did you mean "first"?`, `Did you mean the enum value "CITY"?`, `Did you mean to use an inline fragment on "Person"?`. */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/**
 * With introspection off, error messages must not name the fields, arguments,
 * enum values or types a client did not ask about. graphql-armor's
 * block-field-suggestions does this for field names only; this also strips
 * the enum-value and inline-fragment hints.
 */
export function useHiddenSuggestions(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) error.message = error.message.replace(SUGGESTION, "");
        },
      };
    },
  };
}
