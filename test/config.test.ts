import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../src/adapter";
import { configTable, loadConfig } from "../src/config";

const readme = fs.readFileSync(path.join(projectRoot, "README.md"), "utf8");

test("the README's configuration table lists every setting with its default and meaning", () => {
  const rows = readme
    .split("## Configuration")[1]
    .split("\n#")[0]
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => line.replace(/^\| | \|$/g, "").split(" | "))
    .map(([name, value, meaning]) => [name.replace(/`/g, ""), value.replace(/`/g, ""), meaning]);
  expect(rows).toEqual(configTable().map((r) => [r.name, r.default, r.meaning]));
});

test("unset and empty variables take their defaults", () => {
  const config = loadConfig({ PORT: "", INTROSPECTION: " " });
  expect(config.PORT).toBe(4000);
  expect(config.INTROSPECTION).toBe(true);
  expect(loadConfig({ INTROSPECTION: "false", PORT: "0" })).toMatchObject({ INTROSPECTION: false, PORT: 0 });
});

test("a bad value stops the built service at start-up with one line naming the variable", () => {
  const run = spawnSync(process.execPath, [path.join(projectRoot, "dist/src/main.js")], {
    env: { ...process.env, PORT: "99999", BODY_LIMIT_BYTES: "lots", DATABASE_URL: "file:/nonexistent/never-opened.db" },
    encoding: "utf8",
    timeout: 20_000,
  });
  expect(run.status).toBe(1);
  expect(run.stdout).toBe("");
  expect(run.stderr.trim().split("\n")).toEqual([
    'qingdao-graph failed to start: invalid configuration: PORT must be at most 65535 (got "99999"); BODY_LIMIT_BYTES must be a number (got "lots")',
  ]);
});
