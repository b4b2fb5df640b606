import { type ValidationError, type ValidatorOptions, validateSync } from "class-validator";
import { type FieldNode, Kind, type ValueNode } from "graphql";
import { ArgumentValidationError, type ValidatorFn } from "type-graphql";

/** type-graphql's defaults for class-validator, kept: absent optional fields pass, unknown values are not refused. */
const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

/** What validating one field node's arguments gave: the instance that passed, or the error to throw for it. */
type Outcome = { passed: object } | { error: ArgumentValidationError };

/** The validations one request has run, by the field node and argument type they were for. */
const outcomes = new WeakMap<object, WeakMap<FieldNode, Map<unknown, Outcome>>>();

/**
 * class-validator's synchronous run: the service's input classes have no
 * asynchronous constraint, and knowing the outcome at once lets every
 * resolution of the field that follows in the same turn use it (a list of
 * 3,000 projects resolves its nested fields in one turn).
 */
function validateValue(value: object): Outcome {
  const items = Array.isArray(value) ? value.filter((v) => v !== null && typeof v === "object") : [value];
  const errors: ValidationError[] = items.flatMap((item) => validateSync(item as object, OPTIONS));
  return errors.length ? { error: new ArgumentValidationError(errors) } : { passed: value };
}

/**
 * Validations of field nodes whose arguments are all written in the document
 * (no variable), shared by every request that runs the document: Apollo
 * Server's document store hands each request with the same text the same
 * parsed nodes, and such arguments come out the same every time. The
 * instances that passed are frozen, since requests share them.
 */
const constantOutcomes = new WeakMap<FieldNode, Map<unknown, Outcome>>();
const literalOnly = new WeakMap<FieldNode, boolean>();

function hasVariable(value: ValueNode): boolean {
  switch (value.kind) {
    case Kind.VARIABLE:
      return true;
    case Kind.LIST:
      return value.values.some(hasVariable);
    case Kind.OBJECT:
      return value.fields.some((field) => hasVariable(field.value));
    default:
      return false;
  }
}

function isConstant(node: FieldNode): boolean {
  let constant = literalOnly.get(node);
  if (constant === undefined) literalOnly.set(node, (constant = !node.arguments?.some((argument) => hasVariable(argument.value))));
  return constant;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

function outcomeOf(context: object, node: FieldNode, argType: unknown, value: object): Outcome {
  if (isConstant(node)) {
    let byType = constantOutcomes.get(node);
    if (!byType) constantOutcomes.set(node, (byType = new Map()));
    let outcome = byType.get(argType);
    if (!outcome) {
      outcome = validateValue(value);
      if ("passed" in outcome) deepFreeze(outcome.passed);
      byType.set(argType, outcome);
    }
    return outcome;
  }
  let byNode = outcomes.get(context);
  if (!byNode) outcomes.set(context, (byNode = new WeakMap()));
  let byType = byNode.get(node);
  if (!byType) byNode.set(node, (byType = new Map()));
  let outcome = byType.get(argType);
  if (!outcome) byType.set(argType, (outcome = validateValue(value)));
  return outcome;
}

/**
 * class-validator once per field of the operation, not once per resolved
 * value. A field's arguments come from the document and the variables alone,
 * so a nested list under 100 parents has the same arguments 100 times;
 * type-graphql's own validation re-ran class-validator (and a dynamic
 * `require`, which walks the module loader) for each of them, and was a top
 * entry of the deep query's profile. Invalid arguments fail every occurrence
 * of the field with the same BAD_USER_INPUT error as before.
 */
export const validateOncePerField: ValidatorFn = (value, argType, { context, info }) => {
  if (value === null || typeof value !== "object") return;
  const outcome = outcomeOf(context as object, info.fieldNodes[0], argType, value);
  if ("error" in outcome) throw outcome.error;
};

/**
 * The arguments instance type-graphql built and class-validator passed for
 * this field node in this request, once the field has been resolved through
 * type-graphql; undefined before that or when validation failed. Every later
 * resolution of the same field node in the request would build an equal
 * instance and validate it the same way (see src/resolvers/direct-calls.ts).
 */
export function validatedArgs(context: object, node: FieldNode, argType: unknown): object | undefined {
  const outcome = isConstant(node) ? constantOutcomes.get(node)?.get(argType) : outcomes.get(context)?.get(node)?.get(argType);
  return outcome && "passed" in outcome ? outcome.passed : undefined;
}
