import { type ValidationError, type ValidatorOptions, validate } from "class-validator";
import type { FieldNode } from "graphql";
import { ArgumentValidationError, type ValidatorFn } from "type-graphql";

/** type-graphql's defaults for class-validator, kept: absent optional fields pass, unknown values are not refused. */
const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

/** The validations one request has run, by the field node (and argument type) they were for. */
const runs = new WeakMap<object, WeakMap<FieldNode, Map<unknown, Promise<void>>>>();

async function validateValue(value: unknown): Promise<void> {
  if (value === null || typeof value !== "object") return;
  const items = Array.isArray(value) ? value.filter((v) => v !== null && typeof v === "object") : [value];
  const errors: ValidationError[] = (await Promise.all(items.map((item) => validate(item as object, OPTIONS)))).flat();
  if (errors.length) throw new ArgumentValidationError(errors);
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
  let byNode = runs.get(context);
  if (!byNode) runs.set(context, (byNode = new WeakMap()));
  const node = info.fieldNodes[0];
  let byType = byNode.get(node);
  if (!byType) byNode.set(node, (byType = new Map()));
  let run = byType.get(argType);
  if (!run) byType.set(argType, (run = validateValue(value)));
  return run;
};
