import type { FieldNode, GraphQLFieldResolver, GraphQLSchema } from "graphql";
import { isObjectType } from "graphql";
import { getMetadataStorage } from "type-graphql";
import { validatedArgs } from "./inputs/validate";

type ParamKind = "root" | "context" | "args" | "info";
interface ParamMetadata {
  kind: string;
  index: number;
  propertyName?: string;
  getType?: () => unknown;
}
interface FieldResolverMetadata {
  kind: string;
  target: new () => Record<string, (...args: unknown[]) => unknown>;
  methodName: string;
  schemaName: string;
  params?: ParamMetadata[];
  middlewares?: unknown[];
  roles?: unknown[];
  getObjectType?: () => unknown;
}

type Pick = (root: unknown, args: object | undefined, context: unknown, info: unknown) => unknown;
const PICK: Record<ParamKind, Pick> = {
  root: (root) => root,
  args: (_root, args) => args,
  context: (_root, _args, context) => context,
  info: (_root, _args, _context, info) => info,
};
const NONE: Pick = () => undefined;

/**
 * A field resolver that calls the resolver method itself once the field's
 * arguments are known to be valid, instead of type-graphql's handler. For
 * every resolution, the handler sorts the parameter list, builds a new
 * arguments instance, runs the validator as a promise and waits for
 * Promise.all over the parameters before calling the method: over the deep
 * query's tens of thousands of nested list fields that was about a sixth of
 * the memory allocated per request and three promises per field. The first
 * resolution of a field node in a request still goes through type-graphql,
 * which builds and validates the arguments (validateOncePerField keeps the
 * instance that passed); later ones reuse that instance, which no resolver or
 * service modifies. Fields whose parameters need more than the root, the
 * context, the arguments as a whole and the info (a single @Arg, a root
 * property, middlewares or roles) keep type-graphql's handler.
 */
function directCall(meta: FieldResolverMetadata, handler: GraphQLFieldResolver<unknown, object>): GraphQLFieldResolver<unknown, object> {
  const params = [...(meta.params ?? [])].sort((a, b) => a.index - b.index);
  const supported = params.every(
    (p, i) => p.index === i && ["root", "context", "args", "info"].includes(p.kind) && p.propertyName === undefined && !(p.kind === "root" && p.getType),
  );
  if (!supported || params.length > 4 || meta.middlewares?.length || meta.roles?.length) return handler;
  const kinds = params.map((p) => p.kind as ParamKind);
  const argsType = params.find((p) => p.kind === "args")?.getType?.();
  const instance = new meta.target();
  const method = instance[meta.methodName];
  // Each parameter position picks its value, so a call passes them as arguments instead of building an array per resolution.
  const [at0 = NONE, at1 = NONE, at2 = NONE, at3 = NONE] = kinds.map((kind) => PICK[kind]);
  return (root, args, context, info) => {
    let argsValue: object | undefined;
    if (argsType !== undefined) {
      argsValue = validatedArgs(context, info.fieldNodes[0] as FieldNode, argsType);
      if (argsValue === undefined) return handler(root, args, context, info);
    }
    return method.call(instance, at0(root, argsValue, context, info), at1(root, argsValue, context, info), at2(root, argsValue, context, info), at3(root, argsValue, context, info));
  };
}

/**
 * Gives every field that a resolver class's @FieldResolver or @Query method
 * answers a direct call (see directCall). A root field resolves once per
 * request, so it gains only where its arguments are all written in the
 * document: their validated instance is then shared by the document's
 * requests (src/resolvers/inputs/validate.ts), and a repeated lookup skips
 * building and validating it.
 */
export function callFieldResolversDirectly(schema: GraphQLSchema): void {
  const storage = getMetadataStorage() as unknown as {
    fieldResolvers: FieldResolverMetadata[];
    queries: FieldResolverMetadata[];
    objectTypes: { target: unknown; name: string }[];
  };
  const queryFields = schema.getQueryType()?.getFields() ?? {};
  for (const meta of storage.queries) {
    const field = queryFields[meta.schemaName];
    if (field?.resolve) field.resolve = directCall(meta, field.resolve as GraphQLFieldResolver<unknown, object>);
  }
  for (const meta of storage.fieldResolvers) {
    if (meta.kind !== "external" || !meta.getObjectType) continue;
    const objectType = storage.objectTypes.find((o) => o.target === meta.getObjectType!());
    const type = objectType && schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const field = type.getFields()[meta.schemaName];
    if (field?.resolve) field.resolve = directCall(meta, field.resolve as GraphQLFieldResolver<unknown, object>);
  }
}
