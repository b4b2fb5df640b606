import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.join(__dirname, "..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const committed = path.join(root, "client/generated");

/**
 * GraphQL Code Generator with the committed codegen.ts over the README's
 * operations (each named: codegen refuses anonymous ones), run as a user runs
 * it, writes exactly the committed client/generated/, and strict tsc accepts it.
 */
let out: string;
beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "qg-codegen-"));
  execFileSync(bin("graphql-codegen"), ["--config", "codegen.ts", "--silent"], { cwd: root, env: { ...process.env, CODEGEN_OUT: `${out}/` }, stdio: "pipe" });
}, 120_000);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

test("npx graphql-codegen with the committed config gives the committed client/generated/ (rerun it after changing the schema or the README's operations)", () => {
  expect(fs.readdirSync(out).sort()).toEqual(fs.readdirSync(committed).sort());
  for (const file of fs.readdirSync(out)) expect(fs.readFileSync(path.join(out, file), "utf8")).toBe(fs.readFileSync(path.join(committed, file), "utf8"));
  const operations = fs.readFileSync(path.join(out, "graphql.ts"), "utf8");
  expect(operations).toContain("export type InvestmentByDistrictQuery");
  // SafeInt (yuan) comes out as number, not unknown.
  expect(operations).toMatch(/export type InvestmentByDistrictQuery = .*investment: \{ sum: number \| null, min: number \| null/);
});

test("the generated typed documents type-check under strict tsc", () => {
  const files = fs.readdirSync(out).map((f) => path.join(out, f));
  // Throws with tsc's messages when it finds an error. The documents' type package resolves from the project.
  fs.symlinkSync(path.join(root, "node_modules"), path.join(out, "node_modules"));
  execFileSync(bin("tsc"), ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", ...files], { cwd: out, stdio: "pipe" });
}, 60_000);
