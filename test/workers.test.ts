import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../src/adapter";
import { type TestDatabase, copyTemplate } from "./support/databases";

/**
 * The built service with WORKERS=2 over real HTTP: two processes behind one
 * port, started on an empty database that one of them must seed.
 */
const mainJs = path.join(projectRoot, "dist", "src", "main.js");

interface Service {
  process: ChildProcess;
  endpoint: string;
  lines: () => any[];
  exited: Promise<number | null>;
}

const running: Service[] = [];
const databases: TestDatabase[] = [];

async function startService(env: Record<string, string>): Promise<Service> {
  const database = await copyTemplate("empty");
  databases.push(database);
  const child = spawn(process.execPath, [mainJs], {
    env: { ...process.env, DATABASE_URL: database.url, PORT: "0", HOST: "127.0.0.1", WORKERS: "2", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const match = stdout.match(/ready at (http:\/\/\S+)/);
      if (match) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`service exited with ${code}: ${stderr}`)));
  });
  // Complete lines only: the pipe hands over chunks that can end mid-line while the service is still writing.
  const complete = () => stdout.slice(0, stdout.lastIndexOf("\n") + 1);
  const service = { process: child, endpoint, exited, lines: () => complete().trim().split("\n").filter(Boolean).map((line) => JSON.parse(line)) };
  running.push(service);
  return service;
}

afterAll(async () => {
  for (const service of running) if (service.process.exitCode === null) service.process.kill("SIGKILL");
  for (const database of databases) await database.drop();
});

/** One POST on a connection of its own, so that the cluster hands each to the next worker. */
function postOnNewConnection(endpoint: string, body: unknown, requestId?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }> {
  return new Promise((resolve, reject) => {
    const headers = { "content-type": "application/json", ...(requestId ? { "x-request-id": requestId } : {}) };
    const request = http.request(endpoint, { method: "POST", agent: false, headers }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: JSON.parse(text) }));
    });
    request.on("error", reject);
    request.end(JSON.stringify(body));
  });
}

const pidsThatAnswered = (service: Service) => new Set(service.lines().filter((line) => line.path === "/graphql").map((line) => line.pid));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const waitFor = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe("WORKERS=2", () => {
  let service: Service;
  beforeAll(async () => {
    // Rate limiting on (a budget no test spends), so that every request also goes through the primary.
    service = await startService({ RATE_LIMIT_POINTS: "1000000" });
  });

  test("two processes answer on one port, and the service says it is ready once", async () => {
    const ready = service.lines().filter((line) => /ready/.test(line.msg));
    expect(ready.map((line) => line.msg)).toEqual([expect.stringMatching(/^qingdao-graph ready at http:\/\/127\.0\.0\.1:\d+\/graphql \((sqlite|postgresql), 2 workers\)$/)]);
    const answers = await Promise.all(Array.from({ length: 6 }, () => postOnNewConnection(service.endpoint, { query: "{ places { totalCount } }" })));
    expect(answers.map((a) => [a.status, a.body])).toEqual(Array(6).fill([200, { data: { places: { totalCount: 18 } } }]));
    await waitFor(() => pidsThatAnswered(service).size === 2, "request log lines from both workers");
    expect(pidsThatAnswered(service).has(service.process.pid)).toBe(false);
  });

  test("each worker runs with the semi-space and garbage collection flags the primary gives it", async () => {
    const serving = () => service.lines().filter((line) => /^worker \d+ serving$/.test(line.msg));
    // Workers write their lines in batches, at the latest 20 ms after they were logged.
    await waitFor(() => serving().length === 2, "both workers' serving lines");
    const workerPids = serving().map((line) => line.pid as number);
    expect(workerPids).toHaveLength(2);
    for (const pid of workerPids) {
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      expect(argv).toContain("--max-semi-space-size=24");
      // WORKER_GC=auto: two workers fill a machine of two cores or fewer.
      expect(argv.includes("--single-threaded-gc")).toBe(os.availableParallelism() <= 2);
    }
  });

  test("both workers' request lines reach stdout whole and each once, gathered in batches under load", async () => {
    // Long request ids make lines of some 370 bytes: a batch holds about eleven, and two workers write at once.
    const ids = Array.from({ length: 300 }, (_, i) => `batch-${i}-${"x".repeat(100)}`);
    const answers = await Promise.all(ids.map((id) => postOnNewConnection(service.endpoint, { query: "{ __typename }" }, id)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    // lines() parses every line as JSON: a line cut or mixed with another worker's would throw.
    const logged = () => service.lines().filter((line) => typeof line.reqId === "string" && line.reqId.startsWith("batch-"));
    await waitFor(() => logged().length >= ids.length, "every request's line");
    expect(logged().map((line) => line.reqId).sort()).toEqual([...ids].sort());
    expect(new Set(logged().map((line) => line.pid)).size).toBe(2);
  });

  test("a cursor from one worker reads the next page on the other", async () => {
    const page = (requestId: string, after?: string) =>
      postOnNewConnection(service.endpoint, { query: "query($after: String) { projects(first: 2, after: $after) { edges { cursor node { slug } } } }", variables: { after } }, requestId);
    const first = await page("cursor-page-1");
    const second = await page("cursor-page-2", first.body.data.projects.edges[1].cursor);
    // Handed connection by connection, one after the other: the second page is the other worker's.
    const pidOf = (requestId: string) => service.lines().find((line) => line.reqId === requestId)?.pid;
    await waitFor(() => pidOf("cursor-page-2") !== undefined, "the second page's log line");
    expect(pidOf("cursor-page-2")).not.toBe(pidOf("cursor-page-1"));
    const both = await postOnNewConnection(service.endpoint, { query: "{ projects(first: 4) { edges { node { slug } } } }" });
    expect(second.status).toBe(200);
    const slugs = [...first.body.data.projects.edges, ...second.body.data.projects.edges].map((e: any) => e.node.slug);
    expect(slugs).toEqual(both.body.data.projects.edges.map((e: any) => e.node.slug));
    expect(new Set(slugs).size).toBe(4);
  });

  test("a worker that dies is replaced, and the other answers meanwhile", async () => {
    const [victim] = [...pidsThatAnswered(service)];
    process.kill(victim, "SIGKILL");
    await waitFor(() => service.lines().some((line) => line.msg === "a worker stopped; starting another" && line.pid === service.process.pid), "the replacement");
    const during = await Promise.all(Array.from({ length: 4 }, () => postOnNewConnection(service.endpoint, { query: "{ article { title } }" })));
    expect(during.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    await waitFor(() => service.lines().filter((line) => /^worker \d+ serving$/.test(line.msg)).length === 3, "the replacement to serve");
    const after = await Promise.all(Array.from({ length: 6 }, () => postOnNewConnection(service.endpoint, { query: "{ places { totalCount } }" })));
    expect(after.map((a) => a.status)).toEqual(Array(6).fill(200));
    await waitFor(() => [...pidsThatAnswered(service)].filter((pid) => pid !== victim && alive(pid)).length === 2, "answers from the new worker");
    expect(service.lines().filter((line) => /ready at/.test(line.msg))).toHaveLength(1);
  });

  test("SIGTERM stops every worker and the service exits 0", async () => {
    const workers = [...pidsThatAnswered(service)].filter(alive);
    expect(workers).toHaveLength(2);
    service.process.kill("SIGTERM");
    expect(await service.exited).toBe(0);
    expect(workers.filter(alive)).toEqual([]);
    expect(service.lines().at(-1)).toMatchObject({ pid: service.process.pid, msg: "qingdao-graph stopped (SIGTERM)" });
  });
});

test("workers spend from one rate-limit budget per client", async () => {
  const service = await startService({ RATE_LIMIT_POINTS: "5" });
  const statuses: number[] = [];
  const remaining: string[] = [];
  for (let i = 0; i < 8; i++) {
    const answer = await postOnNewConnection(service.endpoint, { query: "{ places { totalCount } }" });
    statuses.push(answer.status);
    remaining.push(String(answer.headers["ratelimit-remaining"]));
  }
  // Counted in each process, every one of the eight (four per worker) would pass.
  expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
  expect(remaining).toEqual(["4", "3", "2", "1", "0", "0", "0", "0"]);
  await waitFor(() => pidsThatAnswered(service).size === 2, "request log lines from both workers");
  service.process.kill("SIGTERM");
  expect(await service.exited).toBe(0);
});

test("a worker that cannot start stops the service with exit code 1", async () => {
  const blocker = http.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  const port = (blocker.address() as { port: number }).port;
  try {
    const database = await copyTemplate("empty");
    databases.push(database);
    const child = spawn(process.execPath, [mainJs], { env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), HOST: "127.0.0.1", WORKERS: "2" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(output).toContain("a worker stopped before it could serve; stopping qingdao-graph");
    expect(output).not.toMatch(/ready at/);
  } finally {
    blocker.close();
  }
});
