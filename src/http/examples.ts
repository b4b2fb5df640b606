import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import { projectRoot } from "../adapter";

/**
 * The example front-end (examples/): a page built with Apollo Client and the
 * kit in client/, bundled by `npm run build` (scripts/build-examples.mjs) into
 * one script. Served here so it runs against this service with nothing from
 * elsewhere; like every route, under the rate limit and load shedding, and
 * compressed by @fastify/compress.
 */

const FILES: Record<string, { file: string; type: string }> = {
  "": { file: path.join(projectRoot, "examples", "index.html"), type: "text/html; charset=utf-8" },
  "app.js": { file: path.join(projectRoot, "dist", "examples", "app.js"), type: "text/javascript; charset=utf-8" },
};

const loaded = new Map<string, Buffer>();

function send(reply: FastifyReply, name: string) {
  const entry = FILES[name];
  let body = loaded.get(name);
  if (!body) {
    if (!fs.existsSync(entry.file)) return reply.callNotFound();
    body = fs.readFileSync(entry.file);
    loaded.set(name, body);
  }
  // Revalidated on each load: the bundle has no versioned URL.
  return reply.header("content-type", entry.type).header("cache-control", "no-cache").send(body);
}

export function registerExamples(app: FastifyInstance): void {
  app.get("/examples", (_request, reply) => reply.redirect("/examples/"));
  app.get("/examples/", (_request, reply) => send(reply, ""));
  app.get("/examples/app.js", (_request, reply) => send(reply, "app.js"));
}
