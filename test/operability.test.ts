import { execFile } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { projectRoot } from "../src/adapter";
import { type TestDatabase, copyTemplate, provider } from "./support/databases";
import { postJson, startHttpApp, startService } from "./support/http";

/**
 * Shutdown, timeouts, overload and the replica start race, over real HTTP
 * against the built service (as `npm start` runs it) or createApp listening
 * on a free port.
 */

const QUERY = '{"query":"{ article { title } }"}';
const TITLE = "接力冲刺 百余位深圳代表落地考察,要把青岛工业互联网介绍出去";

/** A raw HTTP/1.1 request on its own socket, its body sent only as far as the test says. */
function rawRequest(url: string, body = QUERY) {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  let response = "";
  socket.on("data", (chunk) => (response += chunk));
  const closed = new Promise<string>((resolve) => socket.on("close", () => resolve(response)));
  socket.on("error", () => undefined);
  const head = `POST /graphql HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  return { socket, closed, head, body, response: () => response };
}

const connectable = (url: string) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = net.connect(Number(port), hostname);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

const waitFor = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

const bodyOf = (raw: string) => JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4));

describe("shutdown", () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await copyTemplate("seeded");
  });
  afterEach(async () => {
    await database?.drop();
  });

  test("SIGTERM to `npm start` drains: /readyz says 503 at once, then new connections are refused, the request in flight completes, exit 0", async () => {
    const service = await startService({ DATABASE_URL: database.url, SHUTDOWN_DELAY_MS: "1500", RATE_LIMIT_POINTS: "0" }, "npm start");
    const origin = new URL(service.endpoint).origin;
    try {
      expect((await fetch(`${origin}/readyz`)).status).toBe(200);
      const inFlight = rawRequest(service.endpoint);
      inFlight.socket.write(inFlight.head + inFlight.body.slice(0, 10));
      await new Promise((resolve) => setTimeout(resolve, 100));

      const signalled = Date.now();
      service.child.kill("SIGTERM");
      await waitFor("the stopping line", () => service.output().includes("qingdao-graph stopping (SIGTERM)"));
      const readyz = await fetch(`${origin}/readyz`);
      expect(readyz.status).toBe(503);
      expect(await readyz.json()).toEqual({ status: "draining" });
      // Until the delay has passed, requests are still served, so the load balancer can move clients away.
      const during = await postJson(service.endpoint, JSON.parse(QUERY));
      expect(during.status).toBe(200);

      await waitFor("the listener to close", async () => !(await connectable(origin)));
      expect(Date.now() - signalled).toBeGreaterThanOrEqual(1400);
      expect(inFlight.response()).toBe("");
      inFlight.socket.write(inFlight.body.slice(10));
      const response = await inFlight.closed;
      expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(response).toMatch(/\r\nconnection: close\r\n/i);
      expect(bodyOf(response)).toEqual({ data: { article: { title: TITLE } } });

      expect(await service.exited).toBe(0);
      expect(service.output()).toContain("qingdao-graph stopped (SIGTERM)");
      // The server itself exited, not only npm: its pid (from its log lines) is gone.
      const pid = service.lines().find((l) => l.msg?.startsWith("qingdao-graph ready"))!.pid;
      expect(pid).not.toBe(service.child.pid);
      expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      if (service.child.exitCode === null) service.child.kill("SIGKILL");
    }
  });

  test("a request still in flight after SHUTDOWN_TIMEOUT_MS has its connection cut, and the process still exits 0", async () => {
    const service = await startService({ DATABASE_URL: database.url, SHUTDOWN_TIMEOUT_MS: "1000", RATE_LIMIT_POINTS: "0" });
    try {
      const stuck = rawRequest(service.endpoint);
      stuck.socket.write(stuck.head + stuck.body.slice(0, 5));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const signalled = Date.now();
      service.child.kill("SIGTERM");
      expect(await service.exited).toBe(0);
      await stuck.closed;
      const took = Date.now() - signalled;
      expect(took).toBeGreaterThanOrEqual(900);
      expect(took).toBeLessThan(5000);
      expect(service.lines().some((l) => l.level === 40 && /did not finish within 1000 ms/.test(l.msg))).toBe(true);
    } finally {
      if (service.child.exitCode === null) service.child.kill("SIGKILL");
    }
  });
});

describe("timeouts", () => {
  let server: Awaited<ReturnType<typeof startHttpApp>>;
  beforeAll(async () => {
    server = await startHttpApp({ RECEIVE_TIMEOUT_MS: "1000", HEADERS_TIMEOUT_MS: "1000", KEEP_ALIVE_TIMEOUT_MS: "1000" });
  });
  afterAll(async () => server?.close());

  test("a trickled body is cut off after RECEIVE_TIMEOUT_MS with 408 REQUEST_TIMEOUT", async () => {
    const request = rawRequest(server.endpoint);
    request.socket.write(request.head);
    let sent = 0;
    const trickle = setInterval(() => sent < request.body.length - 1 && request.socket.write(request.body[sent++]), 100);
    const started = Date.now();
    const response = await request.closed;
    clearInterval(trickle);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(3000);
    expect(response).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(bodyOf(response)).toEqual({ errors: [{ message: "The request was not received in time", extensions: { code: "REQUEST_TIMEOUT" } }] });
  });

  test("trickled headers are cut off after HEADERS_TIMEOUT_MS", async () => {
    const request = rawRequest(server.endpoint);
    const head = request.head;
    let sent = 0;
    const trickle = setInterval(() => sent < head.length - 4 && request.socket.write(head[sent++]), 100);
    const started = Date.now();
    const response = await request.closed;
    clearInterval(trickle);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(response).toMatch(/^HTTP\/1\.1 408 /);
    expect(bodyOf(response).errors[0].extensions.code).toBe("REQUEST_TIMEOUT");
  });

  test("an idle keep-alive connection is closed after KEEP_ALIVE_TIMEOUT_MS", async () => {
    const request = rawRequest(server.endpoint);
    request.socket.write(request.head + request.body);
    await waitFor("the response", () => request.response().includes(TITLE));
    const answered = Date.now();
    await request.closed;
    const idle = Date.now() - answered;
    expect(idle).toBeGreaterThanOrEqual(800);
    expect(idle).toBeLessThan(3000);
  });
});

test("an overloaded server (heap above MAX_HEAP_USED_BYTES) answers 503 with Retry-After and a typed error; /healthz still answers", async () => {
  const server = await startHttpApp({ MAX_HEAP_USED_BYTES: "1" });
  try {
    await new Promise((resolve) => setTimeout(resolve, 700));
    const response = await postJson(server.endpoint, JSON.parse(QUERY));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({ errors: [{ message: "The server is overloaded; retry the request later", extensions: { code: "SERVICE_UNAVAILABLE" } }] });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  } finally {
    await server.close();
  }
});

test(`three replicas started at once on one empty ${provider} database all come up serving the same data`, async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(projectRoot, "scripts", "replica-race.mjs"), "--provider", provider, "--replicas", "3", "--runs", "1", "--json"], {
    cwd: projectRoot,
    timeout: 240_000,
  });
  const report = JSON.parse(stdout);
  expect(report.results[0]).toMatchObject({ clean: true, seeded: 1, exitCodes: [0, 0, 0], failures: [] });
  expect(report.results[0].answer).toEqual({
    data: { places: { totalCount: 18 }, organizations: { totalCount: expect.any(Number) }, projects: { totalCount: expect.any(Number) }, quotes: { totalCount: expect.any(Number) }, figures: { totalCount: expect.any(Number) } },
  });
}, 300_000);
