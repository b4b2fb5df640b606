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
import path from "node:path";
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

/** Apollo Server's Fetch-style view of a response's HeaderMap, as a gateway's executor gets it. */
class FetcherHeaders {
  constructor(readonly map: Map<string, string>) {}
  append(name: string, value: string): void {
    const current = this.map.get(name);
    this.map.set(name, current === undefined ? value : `${current}, ${value}`);
  }
  delete(name: string): void {
    this.map.delete(name);
  }
  get(name: string): string | null {
    return this.map.get(name) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name);
  }
  set(name: string, value: string): void {
    this.map.set(name, value);
  }
  entries() {
    return this.map.entries();
  }
  keys() {
    return this.map.keys();
  }
  values() {
    return this.map.values();
  }
  [Symbol.iterator]() {
    return this.map.entries();
  }
}

interface PipelineContext {
  request: { query?: string; operationName?: string | null; variables?: unknown; extensions?: unknown; http?: { method: string; search: string; headers: Map<string, string> } };
  response: { http: { status?: number; headers: Map<string, string> } };
  [field: string]: unknown;
}

/** The response head a gateway's executor gets: `status` reads and writes the request's own, through the prototype. */
class GatewayResponseHttp {
  readonly headers: FetcherHeaders;
  readonly #requestContext: PipelineContext;
  constructor(requestContext: PipelineContext) {
    this.#requestContext = requestContext;
    this.headers = new FetcherHeaders(requestContext.response.http.headers);
  }
  get status(): number | undefined {
    return this.#requestContext.response.http.status;
  }
  set status(status: number | undefined) {
    this.#requestContext.response.http.status = status;
  }
}

/**
 * Apollo Server's makeGatewayGraphQLRequestContext, field for field, with one
 * difference: Apollo's writes the response head as an object literal with a
 * `status` getter and setter. V8 allocates the accessor pair of such a
 * literal in the old generation, so its two closures, and the whole request
 * they reach (context, loaders, rows, answer), are kept through every
 * young-generation collection until the next full one. At 10 connections a
 * lookup promoted 2.5–3 MB per scavenge that way and spent a fifth of its CPU
 * collecting garbage; a class keeps the accessors on its prototype.
 */
function gatewayRequestContext(requestContext: PipelineContext, server: { logger: unknown; cache: unknown }, internals: { includeStacktraceInErrorResponses?: boolean }) {
  const from = requestContext.request;
  const request: Record<string, unknown> = {};
  if ("query" in from) request.query = from.query;
  if ("operationName" in from) request.operationName = from.operationName;
  if ("variables" in from) request.variables = from.variables;
  if ("extensions" in from) request.extensions = from.extensions;
  if (from.http) {
    const needQuestion = from.http.search !== "" && !from.http.search.startsWith("?");
    request.http = { method: from.http.method, url: `https://unknown-url.invalid/${needQuestion ? "?" : ""}${from.http.search}`, headers: new FetcherHeaders(from.http.headers) };
  }
  return {
    request,
    response: { http: new GatewayResponseHttp(requestContext) },
    logger: server.logger,
    schema: requestContext.schema,
    schemaHash: "schemaHash no longer exists since Apollo Server 4",
    context: requestContext.contextValue,
    cache: server.cache,
    queryHash: requestContext.queryHash,
    document: requestContext.document,
    source: requestContext.source,
    operationName: requestContext.operationName,
    operation: requestContext.operation,
    errors: requestContext.errors,
    metrics: requestContext.metrics,
    debug: internals.includeStacktraceInErrorResponses,
    overallCachePolicy: requestContext.overallCachePolicy,
    requestIsBatched: requestContext.requestIsBatched,
  };
}

/**
 * Puts gatewayRequestContext in the place Apollo Server's request pipeline
 * calls it from (a module export it reads at every call). Apollo Server is
 * pinned (5.5.1); test/execution.test.ts fails if an upgrade moves the
 * function, and then the service only runs as before, with the extra GC.
 */
export function useLeanGatewayContext(): boolean {
  let module: { makeGatewayGraphQLRequestContext?: unknown };
  try {
    module = require(path.join(path.dirname(require.resolve("@apollo/server")), "utils", "makeGatewayGraphQLRequestContext.js"));
  } catch {
    return false;
  }
  if (typeof module.makeGatewayGraphQLRequestContext !== "function") return false;
  module.makeGatewayGraphQLRequestContext = gatewayRequestContext;
  return true;
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
  useLeanGatewayContext();
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
