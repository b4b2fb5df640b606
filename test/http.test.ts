import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
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
  // As a plain `npm start`: no NODE_ENV, so nothing may depend on NODE_ENV=production to hide internals.
  // One process, so that what one request leaves in process (a persisted query) serves the next; workers.test.ts runs several.
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url, PORT: "0", HOST: "127.0.0.1", WORKERS: "1" };
  delete env.NODE_ENV;
  server = spawn(process.execPath, [mainJs], { env, stdio: ["ignore", "pipe", "pipe"] });
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
  expect(await response.json()).toEqual({ data: { places: { totalCount: 18 }, article: { title: "接力冲刺 百余位深圳代表落地考察,要把青岛工业互联网介绍出去" } } });
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
  expect(await malformed.json()).toEqual({ errors: [{ message: "Request body is not valid JSON", extensions: { code: "BAD_REQUEST" } }] });
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
    await db.$executeRawUnsafe('DROP TABLE "FigurePart"');
    await db.$executeRawUnsafe('DROP TABLE "Figure"');
  } finally {
    await db.$disconnect();
  }
  const response = await post({ query: "{ figures { totalCount } }" });
  const body: any = await response.json();
  expect(body.errors).toEqual([{ message: "Internal server error", locations: [{ line: 1, column: 3 }], path: ["figures"], extensions: { code: "INTERNAL_SERVER_ERROR" } }]);
  expect(JSON.stringify(body)).not.toMatch(/prisma|sql|table/i);
  const logged = () => stdout.split("\n").some((line) => line.includes("\"level\":50") && /Figure/.test(line));
  for (let i = 0; i < 40 && !logged(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(logged()).toBe(true);
});

test("transport errors are GraphQL-shaped and typed, without stack traces or paths", async () => {
  const cases: [Promise<Response>, number, unknown][] = [
    [post("x".repeat(1024 * 1024 + 1)), 413, { errors: [{ message: "Request body is larger than 1048576 bytes", extensions: { code: "PAYLOAD_TOO_LARGE" } }] }],
    [post(""), 400, { errors: [{ message: "Request body is empty; send a JSON object with a query", extensions: { code: "BAD_REQUEST" } }] }],
    [post("<q/>", { "content-type": "application/xml" }), 415, { errors: [{ message: "Unsupported content type: send application/json (or GET with query parameters)", extensions: { code: "UNSUPPORTED_MEDIA_TYPE" } }] }],
    [fetch(endpoint.replace("/graphql", "/nope")), 404, { errors: [{ message: "No route GET /nope", extensions: { code: "NOT_FOUND" } }] }],
  ];
  for (const [response, status, body] of cases) {
    const r = await response;
    expect([r.status, await r.json()]).toEqual([status, body]);
  }
  const headers = await fetch(endpoint, { method: "POST", headers: { "content-type": "application/json", "x-big": "x".repeat(20_000) }, body: "{}" });
  expect(headers.status).toBe(431);
  expect(await headers.json()).toEqual({ errors: [{ message: "Request headers are too large", extensions: { code: "HEADERS_TOO_LARGE" } }] });
});

test("GET runs queries, and Apollo's CSRF prevention refuses simple requests", async () => {
  const url = `${endpoint}?query=${encodeURIComponent("{ places { totalCount } }")}`;
  const preflighted = await fetch(url, { headers: { "apollo-require-preflight": "true" } });
  expect([preflighted.status, await preflighted.json()]).toEqual([200, { data: { places: { totalCount: 18 } } }]);
  const simple = await fetch(url);
  expect(simple.status).toBe(400);
  expect(await simple.text()).toMatch(/CSRF/);
  const mutation = await fetch(`${endpoint}?query=${encodeURIComponent("mutation { x }")}`, { headers: { "apollo-require-preflight": "true" } });
  expect(mutation.status).toBe(405);
  const formPost = await post("query=%7B__typename%7D", { "content-type": "application/x-www-form-urlencoded" });
  expect(formPost.status).toBe(415);
});

test("automatic persisted queries: a hash alone, once the query has been registered", async () => {
  const query = "{ article { title } }";
  const sha256Hash = crypto.createHash("sha256").update(query).digest("hex");
  const extensions = { persistedQuery: { version: 1, sha256Hash } };
  const unknown: any = await (await post({ extensions })).json();
  expect(unknown.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  expect((await post({ query, extensions })).status).toBe(200);
  const byHash = await fetch(`${endpoint}?extensions=${encodeURIComponent(JSON.stringify(extensions))}`, { headers: { "apollo-require-preflight": "true" } });
  expect(await byHash.json()).toEqual({ data: { article: { title: "接力冲刺 百余位深圳代表落地考察,要把青岛工业互联网介绍出去" } } });
});

test("responses are compressed with br or gzip when the client accepts it", async () => {
  const body = JSON.stringify({ query: "{ projects(first: 100) { nodes { id name description } } }" });
  const raw = (encoding: string) =>
    new Promise<{ encoding?: string; bytes: Buffer }>((resolve, reject) => {
      const request = http.request(endpoint, { method: "POST", headers: { "content-type": "application/json", "accept-encoding": encoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => resolve({ encoding: response.headers["content-encoding"], bytes: Buffer.concat(chunks) }));
      });
      request.on("error", reject);
      request.end(body);
    });
  const plain = await raw("identity");
  expect(plain.encoding).toBeUndefined();
  expect(plain.bytes.length).toBeGreaterThan(1024);
  const br = await raw("br");
  expect(br.encoding).toBe("br");
  expect(zlib.brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);
  expect(br.bytes.length).toBeLessThan(plain.bytes.length);
  const gzip = await raw("gzip");
  expect(gzip.encoding).toBe("gzip");
  expect(zlib.gunzipSync(gzip.bytes).equals(plain.bytes)).toBe(true);
});

test("one JSON log line per request: request id, operation name, cost, duration, status and error codes", async () => {
  const ok = await post({ query: "query ArticleTitle { article { title } }" }, { "x-request-id": "log-test-ok" });
  expect(ok.headers.get("x-request-id")).toBe("log-test-ok");
  await post({ query: "query Broken { nope }" }, { "x-request-id": "log-test-invalid" });
  await post("{ not json", { "x-request-id": "log-test-malformed" });
  await fetch(endpoint.replace("/graphql", "/healthz"), { headers: { "x-request-id": "log-test-health" } });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const lines = stdout.trim().split("\n").map((line) => JSON.parse(line));
  const of = (id: string) => lines.filter((l) => l.reqId === id);
  expect(of("log-test-ok")).toEqual([
    expect.objectContaining({ msg: "request", method: "POST", path: "/graphql", status: 200, operationName: "ArticleTitle", durationMs: expect.any(Number), clientAddress: "127.0.0.1" }),
  ]);
  expect(of("log-test-ok")[0]).toHaveProperty("cost");
  expect(of("log-test-ok")[0]).not.toHaveProperty("errorCodes");
  expect(of("log-test-invalid")).toEqual([expect.objectContaining({ status: 400, operationName: "Broken", errorCodes: ["GRAPHQL_VALIDATION_FAILED"] })]);
  expect(of("log-test-malformed")).toEqual([expect.objectContaining({ status: 400, path: "/graphql", errorCodes: ["BAD_REQUEST"] })]);
  expect(of("log-test-health")).toEqual([expect.objectContaining({ status: 200, path: "/healthz" })]);
  expect(of("log-test-health")[0]).not.toHaveProperty("operationName");
  // Requests without a usable id get a generated one.
  expect(lines.filter((l) => l.msg === "request" && l.method).every((l) => typeof l.reqId === "string" && l.reqId.length > 0)).toBe(true);
});

test("SIGTERM stops the server cleanly", async () => {
  const exited = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)));
  server.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(stdout).toContain("qingdao-graph stopped (SIGTERM)");
});

test("log lines written to a file keep their order through SIGTERM (lines are written in batches)", async () => {
  const own = await copyTemplate("seeded");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "qg-log-")), "out.log");
  const fd = fs.openSync(file, "w");
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: own.url, PORT: "0", HOST: "127.0.0.1" };
  const service = spawn(process.execPath, [mainJs], { env, stdio: ["ignore", fd, fd] });
  try {
    const exited = new Promise<number | null>((resolve) => service.on("exit", (code) => resolve(code)));
    let ready: RegExpMatchArray | null = null;
    for (let i = 0; i < 300 && !(ready = fs.readFileSync(file, "utf8").match(/ready at (http:\/\/\S+)/)); i++) await new Promise((r) => setTimeout(r, 50));
    // A request's line just before the signal: it and the stopping line are still in the buffer when shutdown starts.
    await fetch(ready![1], { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{ __typename }"}' });
    service.kill("SIGTERM");
    expect(await exited).toBe(0);
    const lines: { pid: number; msg: string }[] = fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    // With workers, each process's lines keep their order, and the primary's "stopped" comes last.
    for (const pid of new Set(lines.map((l) => l.pid))) {
      expect(lines.filter((l) => l.pid === pid).slice(-2).map((l) => l.msg)).toEqual(["qingdao-graph stopping (SIGTERM)", "qingdao-graph stopped (SIGTERM)"]);
    }
    expect(lines.at(-1)).toMatchObject({ pid: service.pid, msg: "qingdao-graph stopped (SIGTERM)" });
  } finally {
    if (service.exitCode === null) service.kill("SIGKILL");
    fs.closeSync(fd);
    await own.drop();
  }
});
