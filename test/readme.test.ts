import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../src/adapter";
import { type TestApi, startTestApi } from "./support/api";
import { DEEP_QUERY } from "./support/deep-query";

/**
 * Every ```graphql block in README.md that is followed by a ```json block is
 * run against a freshly seeded database, and its output must be exactly what
 * the README shows. `UPDATE_README=1 npx jest test/readme.test.ts` rewrites
 * the outputs after an intended change.
 */
const README = path.join(projectRoot, "README.md");
const EXAMPLE = /```graphql\n([\s\S]*?)```\n+```json\n([\s\S]*?)```/g;

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

/** JSON with objects and arrays kept on one line when they fit in 110 characters. */
function format(value: unknown, indent = ""): string {
  const flat = JSON.stringify(value);
  if (flat.length + indent.length <= 110 || value === null || typeof value !== "object") return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + format(v, inner)).join(",\n")}\n${indent}]`;
  return `{\n${Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`).join(",\n")}\n${indent}}`;
}

test("every README example query returns exactly the output shown", async () => {
  const text = fs.readFileSync(README, "utf8");
  const examples = [...text.matchAll(EXAMPLE)];
  expect(examples.length).toBeGreaterThanOrEqual(8);
  let updated = text;
  for (const [block, query, shown] of examples) {
    const result = await api.run(query);
    expect(result.errors).toBeUndefined();
    const actual = format(result.data);
    if (process.env.UPDATE_README) updated = updated.replace(block, block.replace(shown, `${actual}\n`));
    else expect(JSON.parse(shown)).toEqual(result.data);
  }
  if (process.env.UPDATE_README) fs.writeFileSync(README, updated);
});

test("README shows the deepest query the statement-count test runs", () => {
  expect(fs.readFileSync(README, "utf8")).toContain(DEEP_QUERY);
});
