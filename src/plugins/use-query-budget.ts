import type { ApolloServerPlugin } from "@apollo/server";
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputObjectType,
  GraphQLObjectType,
  type GraphQLSchema,
  Kind,
  Lexer,
  type OperationDefinitionNode,
  type ParseOptions,
  type SelectionSetNode,
  Source,
  TokenKind,
  type ValueNode,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInputObjectType,
  isListType,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
} from "graphql";
import type { Config } from "../config";
import type { Context } from "../context";
import { type BudgetLimit, ErrorCode, QueryBudgetError } from "../errors";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../pagination";
import { setRequestErrorStatus } from "./request-error-status";

/**
 * The query budget: every operation is measured before it runs and refused
 * with QUERY_BUDGET_EXCEEDED (`extensions.limit`, `value`, `maximum`) when a
 * measure is over its limit. The document's tokens are limited by the parser
 * itself (graphql-js `maxTokens`), which stops at the first token over the
 * limit, so a huge document is never parsed in full; everything else is
 * measured in one walk of the operation in `didResolveOperation`, once the
 * variables are known, with each fragment measured once however often it is
 * spread, so a document of doubling spreads costs no more to measure than to
 * read.
 */

/** What the budget allows; README "Query budget" explains each default. */
export interface BudgetLimits {
  nodes: number;
  depth: number;
  aliases: number;
  directives: number;
  tokens: number;
  documentBytes: number;
  fragmentSpreads: number;
  fields: number;
  whereDepth: number;
  whereSize: number;
}

export function budgetLimits(config: Config): BudgetLimits {
  return {
    nodes: config.MAX_QUERY_NODES,
    depth: config.MAX_QUERY_DEPTH,
    aliases: config.MAX_ALIASES,
    directives: config.MAX_DIRECTIVES,
    tokens: config.MAX_TOKENS,
    documentBytes: config.MAX_DOCUMENT_BYTES,
    fragmentSpreads: config.MAX_FRAGMENT_SPREADS,
    fields: config.MAX_FIELDS,
    whereDepth: config.MAX_WHERE_DEPTH,
    whereSize: config.MAX_WHERE_SIZE,
  };
}

/**
 * What an operation may cost, known before it runs: `nodes` is GitHub's
 * possible-node count, and `points` what the rate limit charges for it: its
 * share of the node budget in percent, rounded up, at least 1. A lookup or a
 * page costs 1 and the largest operation the budget allows 100, so any
 * allowed operation fits a rate-limit window of 100 points or more. (GitHub's
 * own formula, the connections read one per parent object divided by 100,
 * prices this API's batched reads as if each were a request: it gives the
 * README's deep query 44,301 points, more than any sensible window holds.)
 * The rate limit and the request log read it from `context.cost`.
 */
export interface QueryCost {
  nodes: number;
  points: number;
}

/** The measures of one operation, fragments expanded. */
export interface OperationMeasures {
  /** Objects it could return: each list multiplies what is under it by its length. */
  nodes: number;
  depth: number;
  aliases: number;
  directives: number;
  fragmentSpreads: number;
  fields: number;
  /** Deepest `where`; counting stops one level past the limit. */
  whereDepth: number;
  /** Conditions in all `where` filters; counting stops one past the limit. */
  whereSize: number;
}

/**
 * Lists other than the pages of a connection (FigureConnection.groups,
 * investmentByPlace, introspection lists, Place.ancestors…) hold at most one
 * item per place, organization, event or type, and aggregates read the whole
 * list a page was cut from: each counts as a full page.
 */
const WHOLE_LIST = MAX_PAGE_SIZE;
/** The fields of a connection that hold its page, one item per node. */
const PAGE_FIELDS = new Set(["nodes", "edges"]);

export function pointsFor(nodes: number, maxNodes: number): number {
  return Math.max(1, Math.ceil((100 * nodes) / maxNodes));
}

interface Tally {
  nodes: number;
  depth: number;
  aliases: number;
  directives: number;
  fragmentSpreads: number;
  fields: number;
  whereDepth: number;
  whereSize: number;
}

const emptyTally = (): Tally => ({ nodes: 0, depth: 0, aliases: 0, directives: 0, fragmentSpreads: 0, fields: 0, whereDepth: 0, whereSize: 0 });

/** Adds a sibling selection's tally: per-object measures add, depths take the larger. */
function addSibling(into: Tally, t: Tally): void {
  into.nodes += t.nodes;
  into.depth = Math.max(into.depth, t.depth);
  into.aliases += t.aliases;
  into.directives += t.directives;
  into.fragmentSpreads += t.fragmentSpreads;
  into.fields += t.fields;
  into.whereDepth = Math.max(into.whereDepth, t.whereDepth);
  into.whereSize += t.whereSize;
}

const connectionTypes = new WeakMap<object, boolean>();

/** A Relay connection: an object type with pageInfo and a page (nodes or edges). */
function isConnection(type: GraphQLCompositeType): boolean {
  let known = connectionTypes.get(type);
  if (known === undefined) {
    const fields = type instanceof GraphQLObjectType ? type.getFields() : {};
    known = "pageInfo" in fields && ("nodes" in fields || "edges" in fields);
    connectionTypes.set(type, known);
  }
  return known;
}

function isWhereType(type: unknown): type is GraphQLInputObjectType {
  return isInputObjectType(type) && type.name.endsWith("Where");
}

/** A value in the document (`ast`) or in the request's variables (JSON). */
type Value = { ast: ValueNode } | { json: unknown };

class Measurer {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly memo = new Map<string, Tally>();
  private readonly defaults = new Map<string, ValueNode>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    private readonly variables: Record<string, unknown>,
    private readonly limits: Pick<BudgetLimits, "whereDepth" | "whereSize">,
  ) {
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    for (const v of operation.variableDefinitions ?? []) if (v.defaultValue) this.defaults.set(v.variable.name.value, v.defaultValue);
  }

  selectionSet(set: SelectionSetNode, parent: GraphQLCompositeType, pageSize: number): Tally {
    const tally = emptyTally();
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        addSibling(tally, this.field(selection, parent, pageSize));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : parent;
        tally.directives += selection.directives?.length ?? 0;
        if (type && isCompositeType(type)) addSibling(tally, this.selectionSet(selection.selectionSet, type, pageSize));
      } else {
        tally.fragmentSpreads += 1;
        tally.directives += selection.directives?.length ?? 0;
        addSibling(tally, this.fragment(selection.name.value, pageSize));
      }
    }
    return tally;
  }

  /** A fragment's tally, measured once per page size it is spread into; a cycle (refused by validation) counts nothing. */
  private fragment(name: string, pageSize: number): Tally {
    const key = `${name}\u0000${pageSize}`;
    const known = this.memo.get(key);
    if (known) return known;
    this.memo.set(key, emptyTally());
    const definition = this.fragments.get(name);
    const type = definition && this.schema.getType(definition.typeCondition.name.value);
    const tally = definition && type && isCompositeType(type) ? this.selectionSet(definition.selectionSet, type, pageSize) : emptyTally();
    this.memo.set(key, tally);
    return tally;
  }

  private fieldDefinition(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
    if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
    if (parent === this.schema.getQueryType()) {
      if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
      if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
    }
    return "getFields" in parent ? parent.getFields()[name] : undefined;
  }

  private field(node: FieldNode, parent: GraphQLCompositeType, pageSize: number): Tally {
    const tally = emptyTally();
    tally.fields = 1;
    tally.depth = 1;
    tally.aliases = node.alias ? 1 : 0;
    tally.directives = node.directives?.length ?? 0;
    const definition = this.fieldDefinition(parent, node.name.value);
    if (!definition) return tally;
    for (const argument of node.arguments ?? []) {
      const type = getNamedType(definition.args.find((a) => a.name === argument.name.value)?.type);
      if (isWhereType(type)) this.where({ ast: argument.value }, type, 1, tally);
    }
    const named = getNamedType(definition.type);
    if (!node.selectionSet || !isCompositeType(named)) return tally;

    const connection = isConnection(named);
    const child = this.selectionSet(node.selectionSet, named, connection ? this.pageSize(node) : DEFAULT_PAGE_SIZE);
    // Introspection queries differ between clients in how deep they follow ofType and how many fields they ask;
    // as in graphql-armor, their depth and fields do not count. Their lists do, so a circular introspection query is over on nodes.
    const introspection = definition === SchemaMetaFieldDef || definition === TypeMetaFieldDef;
    tally.depth = introspection ? 1 : 1 + child.depth;
    tally.fields += introspection ? 0 : child.fields;
    tally.aliases += child.aliases;
    tally.directives += child.directives;
    tally.fragmentSpreads += child.fragmentSpreads;
    tally.whereSize += child.whereSize;
    tally.whereDepth = Math.max(tally.whereDepth, child.whereDepth);

    const inConnection = isConnection(parent);
    if (isListType(getNullableType(definition.type))) {
      const page = inConnection && PAGE_FIELDS.has(definition.name);
      const length = page ? pageSize : parent === this.schema.getQueryType() && definition.name === "nodes" ? this.idCount(node) : WHOLE_LIST;
      tally.nodes = length * (1 + child.nodes);
    } else if (inConnection && !connection && definition.name !== "pageInfo") {
      // An aggregate of the whole list the page was cut from.
      tally.nodes = WHOLE_LIST + child.nodes;
    } else {
      tally.nodes = child.nodes;
    }
    return tally;
  }

  private resolve(value: Value): Value {
    if ("ast" in value && value.ast.kind === Kind.VARIABLE) {
      const name = value.ast.name.value;
      if (Object.prototype.hasOwnProperty.call(this.variables, name)) return { json: this.variables[name] };
      const fallback = this.defaults.get(name);
      return fallback ? { ast: fallback } : { json: undefined };
    }
    return value;
  }

  private argument(node: FieldNode, name: string): Value | undefined {
    const argument = node.arguments?.find((a) => a.name.value === name);
    return argument && this.resolve({ ast: argument.value });
  }

  private number(value: Value | undefined): number | undefined {
    if (!value) return undefined;
    const n = "ast" in value ? (value.ast.kind === Kind.INT ? Number(value.ast.value) : undefined) : value.json;
    return typeof n === "number" && Number.isFinite(n) ? Math.max(0, n) : undefined;
  }

  /** A connection's page: its first or last, else the default page size. */
  private pageSize(node: FieldNode): number {
    return this.number(this.argument(node, "first")) ?? this.number(this.argument(node, "last")) ?? DEFAULT_PAGE_SIZE;
  }

  private idCount(node: FieldNode): number {
    return this.elements(this.argument(node, "ids") ?? { json: undefined }).length;
  }

  private isNull(value: Value): boolean {
    return "ast" in value ? value.ast.kind === Kind.NULL : value.json === null || value.json === undefined;
  }

  private elements(value: Value): Value[] {
    const v = this.resolve(value);
    if (this.isNull(v)) return [];
    if ("ast" in v) return v.ast.kind === Kind.LIST ? v.ast.values.map((ast) => ({ ast })) : [v];
    return Array.isArray(v.json) ? v.json.map((json) => ({ json })) : [v];
  }

  private entries(value: Value): [string, Value][] {
    const v = this.resolve(value);
    if ("ast" in v) return v.ast.kind === Kind.OBJECT ? v.ast.fields.map((f) => [f.name.value, { ast: f.value }]) : [];
    return v.json !== null && typeof v.json === "object" && !Array.isArray(v.json) ? Object.entries(v.json).map(([k, json]) => [k, { json }]) : [];
  }

  /**
   * Depth and conditions of a filter. Each AND/OR branch, NOT and relation
   * filter (is, isNot, some, none, every) is a condition and opens a level;
   * each operator of a field filter (equals, contains, gte…) is a condition.
   * Counting stops one past either limit, so a 163 KB filter costs no more
   * to refuse than a small one.
   */
  private where(value: Value, type: GraphQLInputObjectType, depth: number, tally: Tally): void {
    tally.whereDepth = Math.max(tally.whereDepth, depth);
    if (depth > this.limits.whereDepth) return;
    const fields = type.getFields();
    for (const [key, item] of this.entries(value)) {
      if (tally.whereSize > this.limits.whereSize) return;
      const field = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
      if (!field || this.isNull(this.resolve(item))) continue;
      const named = getNamedType(field.type);
      if (isWhereType(named)) {
        tally.whereSize += 1;
        for (const element of this.elements(item)) this.where(element, named, depth + 1, tally);
      } else if (isInputObjectType(named)) {
        this.where(item, named, depth, tally);
      } else {
        tally.whereSize += 1;
      }
    }
  }
}

/** Measures an operation; the where limits only tell the walk where it may stop counting. */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
  limits: Pick<BudgetLimits, "whereDepth" | "whereSize"> = { whereDepth: Infinity, whereSize: Infinity },
): OperationMeasures {
  const root = schema.getRootType(operation.operation);
  const tally = root ? new Measurer(schema, document, operation, variables, limits).selectionSet(operation.selectionSet, root, DEFAULT_PAGE_SIZE) : emptyTally();
  tally.directives += operation.directives?.length ?? 0;
  return tally;
}

/** Whether a document has more than `maximum` tokens, reading no further than the token after it. */
function exceedsTokens(source: string, maximum: number): boolean {
  const lexer = new Lexer(new Source(source));
  try {
    for (let count = 0; lexer.advance().kind !== TokenKind.EOF; ) if (++count > maximum) return true;
  } catch {
    // A syntax error before the limit: the parser's own message stands.
  }
  return false;
}

const LIMIT_MESSAGES: Record<BudgetLimit, (value: number, maximum: number) => string> = {
  documentBytes: (v, m) => `The document is ${v} bytes long; at most ${m} are accepted`,
  tokens: (_v, m) => `The document has more than ${m} tokens; parsing stopped there`,
  depth: (v, m) => `The operation nests fields ${v} levels deep; at most ${m} are allowed`,
  aliases: (v, m) => `The operation has ${v} aliases; at most ${m} are allowed`,
  directives: (v, m) => `The operation has ${v} directives; at most ${m} are allowed`,
  fragmentSpreads: (v, m) => `With its fragments expanded, the operation spreads fragments ${v} times; at most ${m} are allowed`,
  fields: (v, m) => `With its fragments expanded, the operation selects ${v} fields; at most ${m} are allowed`,
  whereDepth: (_v, m) => `A where filter nests more than ${m} levels (each AND/OR branch, NOT and relation filter is one); simplify it`,
  whereSize: (_v, m) => `The where filters of the operation hold more than ${m} conditions; simplify them`,
  nodes: (v, m) => `The operation could return up to ${v} objects (each list counts its first or last, 20 when not given); at most ${m} are allowed: ask for smaller pages or fewer nested lists`,
};

function budgetError(limit: BudgetLimit, value: number, maximum: number): QueryBudgetError {
  const shown = Number.isFinite(value) ? Math.round(value) : Number.MAX_VALUE;
  return new QueryBudgetError(limit, shown, maximum, LIMIT_MESSAGES[limit](shown, maximum));
}

/** The first limit the operation breaks, checked cheapest first. */
export function checkBudget(measures: OperationMeasures, documentBytes: number, limits: BudgetLimits): QueryBudgetError | undefined {
  const checks: [BudgetLimit, number][] = [
    ["documentBytes", documentBytes],
    ["depth", measures.depth],
    ["aliases", measures.aliases],
    ["directives", measures.directives],
    ["fragmentSpreads", measures.fragmentSpreads],
    ["fields", measures.fields],
    ["whereDepth", measures.whereDepth],
    ["whereSize", measures.whereSize],
    ["nodes", measures.nodes],
  ];
  for (const [limit, value] of checks) if (value > limits[limit]) return budgetError(limit, value, limits[limit]);
  return undefined;
}

/**
 * The budget's Apollo Server options: `parseOptions` (the token limit) and
 * the plugin, which stores `context.cost` for the rate limit and the request
 * log and refuses operations over budget. Register it before the rate limit.
 */
export function useQueryBudget(limits: BudgetLimits): { parseOptions: ParseOptions; plugin: ApolloServerPlugin<Context> } {
  /**
   * Measures of operations sent without variables, which depend on nothing
   * else: Apollo Server's document store hands every request with the same
   * text the same parsed operation, so a repeated query is measured once.
   */
  const measured = new WeakMap<OperationDefinitionNode, { measures: OperationMeasures; bytes: number }>();
  const measure = (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, source: string, variables: Record<string, unknown> | undefined) => {
    const constant = !variables || Object.keys(variables).length === 0;
    const known = constant ? measured.get(operation) : undefined;
    if (known) return known;
    const result = { measures: measureOperation(schema, document, operation, variables ?? {}, limits), bytes: Buffer.byteLength(source) };
    if (constant) measured.set(operation, result);
    return result;
  };
  return {
    parseOptions: { maxTokens: limits.tokens },
    plugin: {
      async requestDidStart() {
        let overTokens = false;
        return {
          async parsingDidStart({ source }) {
            return async (error) => {
              overTokens = error !== undefined && exceedsTokens(source, limits.tokens);
            };
          },
          async didResolveOperation({ schema, document, operation, source, request, contextValue }) {
            if (!operation) return;
            const { measures, bytes } = measure(schema, document, operation, source, request.variables);
            contextValue.cost = { nodes: measures.nodes, points: pointsFor(measures.nodes, limits.nodes) };
            const error = checkBudget(measures, bytes, limits);
            if (error) throw error;
          },
          async willSendResponse(requestContext) {
            const { body } = requestContext.response;
            if (body.kind !== "single" || body.singleResult.data !== undefined) return;
            if (overTokens) {
              const { message, extensions } = budgetError("tokens", limits.tokens + 1, limits.tokens);
              body.singleResult = { errors: [{ message, extensions }] };
            }
            if (body.singleResult.errors?.some((e) => e.extensions?.code === ErrorCode.QUERY_BUDGET_EXCEEDED)) setRequestErrorStatus(requestContext, 400);
          },
        };
      },
    },
  };
}
