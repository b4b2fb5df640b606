import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../src/adapter";
import { type Db, createPrismaClient } from "../src/db";
import { type TestDatabase, copyTemplate } from "./support/databases";

/**
 * The built service (dist/src/main.js, as `npm start` runs it) over real
 * HTTP, on a migrated but empty database that it must seed itself.
 */
const mainJs = path.join(projectRoot, "dist", "src", "main.js");

let database: TestDatabase;
let server: ChildProcess;
let endpoint: string;
let stdout = "";
let stderr = "";

beforeAll(async () => {
  if (!fs.existsSync(mainJs)) throw new Error("dist/src/main.js is missing: npm test builds it first (npm run build)");
  database = await copyTemplate("empty");
  server = spawn(process.execPath, [mainJs], {
    env: { ...process.env, DATABASE_URL: database.url, PORT: "0", HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stderr!.on("data", (chunk) => (stderr += chunk));
  endpoint = await new Promise<string>((resolve, reject) => {
    server.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const match = stdout.match(/ready at (http:\/\/\S+)/);
      if (match) resolve(match[1]);
    });
    server.on("exit", (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
});

afterAll(async () => {
  if (server && server.exitCode === null) server.kill("SIGKILL");
  await database?.drop();
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(endpoint, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

test("start-up seeds the empty database and logs JSON lines, one of them with the URL", async () => {
  expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
  const lines = stdout.trim().split("\n").map((line) => JSON.parse(line));
  const provider = database.url.startsWith("file:") ? "sqlite" : "postgresql";
  expect(lines.filter((l) => /ready/.test(l.msg)).map((l) => l.msg)).toEqual([`qingdao-graph ready at ${endpoint} (${provider})`]);
  const response = await post({ query: "{ places { totalCount } article { title } }" });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ data: { places: { totalCount: 17 }, article: { title: "接力冲刺 百余位深圳代表落地考察,要把青岛工业互联网介绍出去" } } });
});

test("a browser gets the playground page", async () => {
  const response = await fetch(endpoint, { headers: { accept: "text/html" } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/text\/html/);
  expect(await response.text()).toContain("<html");
});

test("bad requests get 400 with a typed error, never a stack trace", async () => {
  const malformed = await post("{ not json");
  expect(malformed.status).toBe(400);
  const invalid = await post({ query: "{ places { nope } }" });
  expect(invalid.status).toBe(400);
  const body: any = await invalid.json();
  expect(body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
  expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.js/);
});

test("out-of-range arguments are BAD_USER_INPUT over HTTP too", async () => {
  const response = await post({ query: "query($n: Int) { projects(first: $n) { totalCount } }", variables: { n: 1000 } });
  const body: any = await response.json();
  expect(body.errors[0].extensions).toEqual({ code: "BAD_USER_INPUT", argumentNames: ["first"] });
  expect(body.errors[0].message).toBe("Invalid argument: first must not be greater than 100");
});

test("a database failure is reported as INTERNAL_SERVER_ERROR without SQL or Prisma details", async () => {
  const db: Db = createPrismaClient(database.url);
  try {
    await db.$executeRawUnsafe('DROP TABLE "Figure"');
  } finally {
    await db.$disconnect();
  }
  const response = await post({ query: "{ figures { totalCount } }" });
  const body: any = await response.json();
  expect(body.errors).toEqual([{ message: "Internal server error", locations: [{ line: 1, column: 3 }], path: ["figures"], extensions: { code: "INTERNAL_SERVER_ERROR" } }]);
  expect(JSON.stringify(body)).not.toMatch(/prisma|sql|table/i);
  expect(stdout.split("\n").some((line) => line.includes("\"level\":50") && /Figure/.test(line))).toBe(true);
});

test("SIGTERM stops the server cleanly", async () => {
  const exited = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)));
  server.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(stdout).toContain("qingdao-graph stopped (SIGTERM)");
});
