import fs from "node:fs";
import { type GraphQLField, type GraphQLNamedType, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isSpecifiedScalarType, isUnionType } from "graphql";
import { createSchema, printSortedSchema, schemaFile } from "../src/schema";

test("the committed schema.graphql matches the code (run `npm run schema` after changing types)", async () => {
  expect(fs.readFileSync(schemaFile, "utf8")).toBe(await printSortedSchema());
});

test("every type, field, argument and enum value has a description for the playground", async () => {
  const schema = await createSchema();
  const missing: string[] = [];
  const types = Object.values(schema.getTypeMap()).filter(
    (t: GraphQLNamedType) => !t.name.startsWith("__") && !(isScalarType(t) && isSpecifiedScalarType(t)),
  );
  for (const type of types) {
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args ?? []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    if (isUnionType(type) && type.getTypes().length === 0) missing.push(`${type.name} has no members`);
  }
  expect(types.length).toBeGreaterThan(30);
  expect(missing).toEqual([]);
});
