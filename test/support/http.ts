import "reflect-metadata";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import type { ApolloServerPlugin } from "@apollo/server";
import type { FastifyInstance } from "fastify";
import { projectRoot } from "../../src/adapter";
import { loadConfig } from "../../src/config";
import type { Context } from "../../src/context";
import { type Db, createPrismaClient } from "../../src/db";
import { createApp } from "../../src/server";
import { type Template, type TestDatabase, copyTemplate } from "./databases";

export interface HttpApp {
  app: FastifyInstance;
  url: string;
  endpoint: string;
  close(): Promise<void>;
}

/**
 * The real Fastify app (createApp) listening on a free port of 127.0.0.1,
 * configured from `env` only (not the test process's environment).
 * Load shedding is off unless a test sets it: a Jest worker holds the heaps
 * and event-loop stalls of every suite it has run, so its figures say nothing
 * about the app under test (CI saw 503 from the heap check mid-suite).
 */
export async function startHttpApp(
  env: Record<string, string> = {},
  { database, plugins = [] }: { database?: TestDatabase; plugins?: ApolloServerPlugin<Context>[] } = {},
): Promise<HttpApp & { db: Db }> {
  const owned = database ? undefined : await copyTemplate("seeded");
  const db = createPrismaClient((database ?? owned!).url);
  const config = loadConfig({ LOG_LEVEL: "silent", MAX_EVENT_LOOP_DELAY_MS: "0", MAX_HEAP_USED_BYTES: "0", ...env, DATABASE_URL: (database ?? owned!).url });
  const { app } = await createApp(db, config, { plugins });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    app,
    db,
    url,
    endpoint: `${url}/graphql`,
    async close() {
      await app.close();
      await db.$disconnect();
      await owned?.drop();
    },
  };
}

/** A shared copy of the seeded template for several apps in one file. */
export const seededDatabase = (template: Template = "seeded") => copyTemplate(template);

export const postJson = (endpoint: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(endpoint, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

/** Redis at 127.0.0.1:6379, started as .ci/run starts it when it is not running. */
export async function ensureRedis(): Promise<string> {
  if (!(await canConnect(6379))) {
    execFileSync("redis-server", ["--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379", "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log"]);
    for (let i = 0; i < 50 && !(await canConnect(6379)); i++) await new Promise((r) => setTimeout(r, 100));
  }
  return "redis://127.0.0.1:6379";
}

export interface Service {
  child: ChildProcess;
  endpoint: string;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited: Promise<number | string | null>;
  /** pino's JSON lines so far. */
  lines(): any[];
}

/**
 * The service as a supervisor starts it: `npm start` (whose build step runs as
 * `prestart`, skipped here by --ignore-scripts because the suite has built
 * already and other test files run dist/ meanwhile), or the built entry point
 * directly. NODE_ENV is unset, as on a plain `npm start`.
 */
export async function startService(env: Record<string, string>, how: "npm start" | "node" = "node"): Promise<Service> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env };
  delete childEnv.NODE_ENV;
  const child =
    how === "npm start"
      ? spawn("npm", ["start", "--ignore-scripts", "--silent"], { cwd: projectRoot, env: childEnv, stdio: ["ignore", "pipe", "pipe"] })
      : spawn(process.execPath, [path.join(projectRoot, "dist", "src", "main.js")], { cwd: projectRoot, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | string | null>((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal)));
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = output.match(/ready at (http:\/\/\S+)/);
      if (match) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`service exited with ${code}: ${output}`));
    });
  });
  return {
    child,
    endpoint,
    output: () => output,
    exited,
    lines: () =>
      output
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line)),
  };
}

/**
 * Stands in for the query budget's figure where a test needs to choose it:
 * `context.cost` set from the `x-test-cost` header (1 point by default), and
 * `onExecution` called for every operation that executes.
 */
export function costFromHeader(onExecution: () => void = () => {}): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      return {
        async didResolveOperation({ contextValue }) {
          const points = Number(request.http?.headers.get("x-test-cost") ?? 1);
          Object.assign(contextValue, { cost: { nodes: points * 10, points } });
        },
        async executionDidStart() {
          onExecution();
        },
      };
    },
  };
}
