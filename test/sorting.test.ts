import fs from "node:fs";
import { type GraphQLEnumType, type GraphQLInputObjectType, type GraphQLObjectType, buildSchema, getNamedType } from "graphql";
import { schemaFile } from "../src/schema";
import { type TestApi, startTestApi } from "./support/api";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

/** Every root list that takes `orderBy`, with every value of its order field enum, read from the committed schema (drift-tested), so a new sort key is covered too. */
function rootSortKeys(): { list: string; orderType: string; field: string }[] {
  const schema = buildSchema(fs.readFileSync(schemaFile, "utf8"));
  const query = schema.getQueryType() as GraphQLObjectType;
  const keys: { list: string; orderType: string; field: string }[] = [];
  for (const field of Object.values(query.getFields())) {
    const orderBy = field.args.find((a) => a.name === "orderBy");
    if (!orderBy) continue;
    const orderType = getNamedType(orderBy.type) as GraphQLInputObjectType;
    const fieldEnum = getNamedType(orderType.getFields().field.type) as GraphQLEnumType;
    for (const value of fieldEnum.getValues()) keys.push({ list: field.name, orderType: orderType.name, field: value.name });
  }
  return keys;
}

const keys = rootSortKeys();

test("every root list has sort keys to check", () => {
  expect(keys.length).toBeGreaterThan(20);
  expect(keys).toContainEqual({ list: "places", orderType: "PlaceOrder", field: "KIND" });
});

describe.each(keys)("$list sorted by $field", ({ list, orderType, field }) => {
  test.each(["ASC", "DESC"])("%s pages two at a time to the same rows, in the same order, as one page", async (direction) => {
    const query = `query Sorted($orderBy: [${orderType}!], $first: Int, $after: String) {
      ${list}(orderBy: $orderBy, first: $first, after: $after) {
        totalCount
        nodes { id }
        pageInfo { hasNextPage endCursor }
      }
    }`;
    const orderBy = [{ field, direction }];
    const whole = (await api.data(query, { orderBy, first: 100 }))[list];
    expect(whole.pageInfo.hasNextPage).toBe(false);
    const paged: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page: any = (await api.data(query, { orderBy, first: 2, after }))[list];
      paged.push(...page.nodes.map((n: { id: string }) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(whole.nodes.map((n: { id: string }) => n.id));
    expect(paged).toHaveLength(whole.totalCount);
  });
});
