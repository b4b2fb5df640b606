import type { ApolloServerOptionsWithGateway } from "@apollo/server";
import {
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  defaultFieldResolver,
  execute,
  isAbstractType,
  isObjectType,
} from "graphql";
import { type CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";
import { getVariableValues } from "graphql/execution/values";
import { LRUCache } from "lru-cache";
import { type Context, readColumnsFor } from "./context";
import { readColumnsOf } from "./services/read-columns";

type Gateway = ApolloServerOptionsWithGateway<Context>["gateway"];
type Executor = NonNullable<Awaited<ReturnType<Gateway["load"]>>["executor"]>;

/** How many compiled operations are kept, and how much of their documents' text in all. */
export interface CompiledExecutionOptions {
  /** Most operations kept compiled at once. */
  entries: number;
  /** Most characters of document text behind the kept operations (a compiled operation's code grows with its document). */
  sourceChars: number;
  /**
   * Most field selections an operation may have, every fragment expanded
   * where it is spread, to be compiled; larger ones run on graphql-js.
   * graphql-jit inlines fragments into generated code, so its compile time
   * and code size follow this count, not the document's length.
   */
  maxExpandedFields: number;
}

export const COMPILED_EXECUTION_DEFAULTS: CompiledExecutionOptions = { entries: 500, sourceChars: 2_000_000, maxExpandedFields: 2_000 };

/**
 * Field selections of one selection set with every fragment expanded where it
 * is spread, stopping once over `cap`; each fragment is counted once and its
 * count reused, so doubling spreads cost no more to count than to read.
 */
function expandedFields(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, counted: Map<string, number>, cap: number): number {
  let total = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) total += 1 + (selection.selectionSet ? expandedFields(selection.selectionSet, fragments, counted, cap) : 0);
    else if (selection.kind === Kind.INLINE_FRAGMENT) total += expandedFields(selection.selectionSet, fragments, counted, cap);
    else {
      const name = selection.name.value;
      let count = counted.get(name);
      if (count === undefined) {
        counted.set(name, cap + 1); // a cycle (refused by validation anyway) counts as too large
        const fragment = fragments.get(name);
        count = fragment ? expandedFields(fragment.selectionSet, fragments, counted, cap) : 0;
        counted.set(name, count);
      }
      total += count;
    }
    if (total > cap) return total;
  }
  return total;
}

function tooLargeToCompile(document: DocumentNode, operation: OperationDefinitionNode, cap: number): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  return expandedFields(operation.selectionSet, fragments, new Map(), cap) > cap;
}

/**
 * graphql-jit's errors are its own GraphQLError lookalike with no `nodes` and
 * `extensions` undefined when the thrown error had none; Apollo Server reads
 * `extensions.code` of every error. The same error graphql-js's
 * `locatedError` makes, with the locations graphql-jit computed.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const original = error.originalError;
  if (original instanceof GraphQLError && Array.isArray(original.path)) return original;
  const made = new GraphQLError(error.message, { path: error.path, originalError: original ?? undefined });
  (made as { locations?: GraphQLError["locations"] }).locations = error.locations;
  return made;
}

/**
 * graphql-jit reads a field that has no resolver straight from its parent and
 * does not wait when the value is a promise; graphql-js waits. Some values are
 * (a connection's totalCount counts only when read), so every such field gets
 * graphql-js's default resolver, which graphql-jit treats like any resolver.
 * The same function graphql-js uses when a field has none, so graphql-js
 * answers the same with it.
 */
function resolveEveryField(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) field.resolve ??= defaultFieldResolver;
  }
}

/**
 * type-graphql wraps every union's and interface's resolveType in an async
 * function, and graphql-jit takes the promise it returns for the type's
 * name: a compiled operation failed on every union or interface value
 * ("Abstract type Actor must resolve to an Object type at runtime"). Every
 * item the services hand out names its type in `__typename` (src/node.ts),
 * which is what those resolveTypes read; it is read here without the
 * wrapper, and anything else still goes through the declared one.
 */
function resolveTypesInTurn(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isAbstractType(type) || !type.resolveType) continue;
    const declared = type.resolveType;
    type.resolveType = (value, context, info, abstractType) => {
      const name = (value as { __typename?: unknown } | null)?.__typename;
      return typeof name === "string" ? name : declared(value, context, info, abstractType);
    };
  }
}

/**
 * A compiled query per document and operation name, kept in a bounded LRU.
 * A query that cannot be compiled (or is too large to) is remembered as such
 * and runs on graphql-js.
 */
export class CompiledQueries {
  private readonly cache: LRUCache<string, CompiledQuery | false, DocumentNode>;
  /** Documents Apollo Server's document store handed us, with the key they were compiled under. */
  private readonly keys = new WeakMap<DocumentNode, Map<string | null, string>>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly options: CompiledExecutionOptions = COMPILED_EXECUTION_DEFAULTS,
  ) {
    resolveEveryField(schema);
    resolveTypesInTurn(schema);
    this.cache = new LRUCache({ max: options.entries, maxSize: options.sourceChars, sizeCalculation: (_value, key) => Math.max(1, key.length) });
  }

  /** Compiles happened so far (a reused compiled query does not count). */
  compiles = 0;

  /** The compiled query for this operation of this document, or undefined where graphql-js runs it. */
  get(document: DocumentNode, source: string, operationName: string | null, operation: OperationDefinitionNode): CompiledQuery | undefined {
    const key = `${operationName ?? ""}\n${source}`;
    let found = this.cache.get(key);
    if (found === undefined) {
      found = false;
      if (!tooLargeToCompile(document, operation, this.options.maxExpandedFields)) {
        const compiled = compileQuery(this.schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true });
        this.compiles += 1;
        if (isCompiledQuery(compiled)) found = compiled;
      }
      this.cache.set(key, found);
    }
    return found || undefined;
  }
}

/**
 * Runs Apollo Server's operations with graphql-jit instead of graphql-js's
 * `execute`: the deep query's profile spends most of its execution in
 * graphql-js walking the same selection sets for every one of tens of
 * thousands of objects, which graphql-jit compiles once per operation.
 * Apollo Server 5 has no executor option; a gateway is the supported way to
 * supply one, and it is asked for the schema once at start. Apollo Server
 * still parses, validates and runs every plugin hook (the budget, the
 * deadline's statement scope entered in executionDidStart, the heavy-query
 * gate, the response cache) as before; only field-level instrumentation
 * (willResolveField) is lost, which no plugin of this service uses.
 *
 * Variables are coerced by graphql-js first, so a bad variable gives the very
 * error graphql-js gives (Apollo Server turns it into BAD_USER_INPUT).
 */
export function compiledExecution(schema: GraphQLSchema, { heavyNodes = 0, queries = new CompiledQueries(schema) }: { heavyNodes?: number; queries?: CompiledQueries } = {}): Gateway {
  const executor: Executor = async ({ document, source, operationName, operation, request, context }) => {
    // Reads leave out the columns no selected field needs (read-columns.ts): made once per document.
    readColumnsFor(context as Context, readColumnsOf(schema, document));
    /*
     * Only heavy operations (the budget's node count at HEAVY_QUERY_NODES or
     * more) are compiled. They are where graphql-js's walk dominates (the deep
     * query: 0.61x the CPU, the same answer byte for byte); on a lookup or a
     * short list the measured difference was within noise, and compiling every
     * distinct small operation would fill the cache with code for no gain.
     */
    const heavy = (context.cost?.nodes ?? 0) >= heavyNodes;
    // graphql-jit compiles a coercion function for every variable's type, and for the recursive filter
    // inputs (AND/OR/NOT, relation filters) that took 6 s of blocked event loop for the export's page query.
    const compiled = heavy && !operation.variableDefinitions?.length ? queries.get(document, source, operationName, operation) : undefined;
    if (!compiled) {
      return execute({ schema, document, operationName, variableValues: request.variables, contextValue: context }) as Promise<ExecutionResult> | ExecutionResult;
    }
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
    if (coerced.errors) return { errors: coerced.errors };
    const result = await compiled.query(undefined, context, request.variables ?? {});
    return result.errors ? { ...result, errors: result.errors.map((e) => asGraphQLError(e as GraphQLError)) } : result;
  };
  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => {};
    },
    async stop() {},
  };
}
