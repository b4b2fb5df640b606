import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../src/adapter";
import { configTable, loadConfig } from "../src/config";
import { workerCount, workerExecArgv } from "../src/workers";

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

test("WORKERS defaults to one per core, at most four, and SEMI_SPACE_MB reaches the workers' command line only", () => {
  expect(workerCount(loadConfig({}))).toBe(Math.min(4, os.availableParallelism()));
  expect(workerCount(loadConfig({ WORKERS: "3" }))).toBe(3);
  expect(() => loadConfig({ WORKERS: "-1" })).toThrow('WORKERS must be at least 0 (got "-1")');
  expect(() => loadConfig({ WORKERS: "two" })).toThrow("WORKERS must be a number");
  expect(loadConfig({}).SEMI_SPACE_MB).toBe(24);
});

test("workers collect garbage on their own thread when they are as many as the cores, and a flag given to node wins", () => {
  const cores = os.availableParallelism();
  const config = loadConfig({});
  expect(config.WORKER_GC).toBe("auto");
  expect(workerExecArgv(config, cores, [], "")).toEqual(["--max-semi-space-size=24", "--single-threaded-gc"]);
  expect(workerExecArgv(config, 1, [], "")).toEqual(cores > 1 ? ["--max-semi-space-size=24"] : ["--max-semi-space-size=24", "--single-threaded-gc"]);
  expect(workerExecArgv(loadConfig({ WORKER_GC: "single" }), 1, [], "")).toContain("--single-threaded-gc");
  expect(workerExecArgv(loadConfig({ WORKER_GC: "parallel" }), cores, [], "")).not.toContain("--single-threaded-gc");
  // The operator's own flags, on node's command line or in NODE_OPTIONS, are kept and not given twice.
  expect(workerExecArgv(config, cores, ["--no-single-threaded-gc"], "")).toEqual(["--no-single-threaded-gc", "--max-semi-space-size=24"]);
  expect(workerExecArgv(config, cores, [], "--max_semi_space_size=8 --single-threaded")).toEqual([]);
  expect(workerExecArgv(loadConfig({ SEMI_SPACE_MB: "0", WORKER_GC: "parallel" }), cores, ["--inspect"], "")).toEqual(["--inspect"]);
  expect(() => loadConfig({ WORKER_GC: "threads" })).toThrow(/^invalid configuration: WORKER_GC .* \(got "threads"\)$/);
});

test("the heap's growth after a full collection is bounded by default and can be left to V8 or refused when out of range", () => {
  expect(loadConfig({}).HEAP_GROWING_PERCENT).toBe(50);
  expect(loadConfig({ HEAP_GROWING_PERCENT: "0" }).HEAP_GROWING_PERCENT).toBe(0);
  expect(() => loadConfig({ HEAP_GROWING_PERCENT: "5000" })).toThrow('HEAP_GROWING_PERCENT must be at most 1000 (got "5000")');
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

test("transport settings are checked together: headers cannot take longer than the whole request", () => {
  expect(() => loadConfig({ HEADERS_TIMEOUT_MS: "20000", RECEIVE_TIMEOUT_MS: "15000" })).toThrow(
    "invalid configuration: HEADERS_TIMEOUT_MS must not be above RECEIVE_TIMEOUT_MS (got 20000 > 15000)",
  );
  expect(() => loadConfig({ REDIS_URL: "localhost:6379" })).toThrow('REDIS_URL must be a redis:// or rediss:// URL (got "localhost:6379")');
  expect(() => loadConfig({ TRUST_PROXY: "yes please" })).toThrow("TRUST_PROXY must be true, false, a hop count or comma-separated proxy addresses/CIDRs");
  expect(loadConfig({ TRUST_PROXY: "10.0.0.0/8, 127.0.0.1" }).TRUST_PROXY).toBe("10.0.0.0/8, 127.0.0.1");
});
