import fs from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import Negotiator from "negotiator";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { projectRoot } from "../adapter";

/**
 * GraphiQL with the Explorer plugin, served by the service itself: the page
 * and every script, style and worker it loads come from this server, so it
 * works on a machine without internet (Apollo Sandbox, the previous
 * playground, loads from Apollo's CDN). The bundle is the one graphql-yoga
 * ships prebuilt (@graphql-yoga/render-graphiql); its 6 MB are compressed once
 * and sent under a versioned URL that browsers keep for a year.
 */

const BUNDLE_VERSION: string = JSON.parse(fs.readFileSync(require.resolve("@graphql-yoga/render-graphiql/package.json"), "utf8")).version;
const ASSET_PREFIX = `/explorer/${BUNDLE_VERSION}`;

interface Asset {
  type: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

interface Bundle {
  js: string;
  css: string;
  favicon: string;
  editorWorkerService: string;
  jsonWorker: string;
  graphqlWorker: string;
}

const compress = (type: string, text: string): Asset => {
  const identity = Buffer.from(text);
  return {
    type,
    identity,
    gzip: gzipSync(identity, { level: 9 }),
    // Quality 9 is within a few percent of 11 on this bundle, at a fraction of the time.
    br: brotliCompressSync(identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
  };
};

let assets: Map<string, Asset> | undefined;

/** Loaded on the first request for an asset, not at start: most replicas never serve the explorer. */
function explorerAssets(): Map<string, Asset> {
  if (!assets) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundle = require("@graphql-yoga/render-graphiql/graphiql") as Bundle;
    const js = "text/javascript; charset=utf-8";
    assets = new Map([
      ["graphiql.js", compress(js, bundle.js)],
      ["graphiql.css", compress("text/css; charset=utf-8", bundle.css)],
      ["worker/editorWorkerService.js", compress(js, bundle.editorWorkerService)],
      ["worker/json.js", compress(js, bundle.jsonWorker)],
      ["worker/graphql.js", compress(js, bundle.graphqlWorker)],
    ]);
  }
  return assets;
}

export interface ExampleOperation {
  name: string;
  query: string;
}

/**
 * The README's example operations (every ```graphql block, each a named
 * operation), which the explorer opens as its tabs: the examples a reader
 * sees are the ones they can run.
 */
export function readmeExamples(readme = path.join(projectRoot, "README.md")): ExampleOperation[] {
  if (!fs.existsSync(readme)) return [];
  const examples: ExampleOperation[] = [];
  for (const [, body] of fs.readFileSync(readme, "utf8").matchAll(/```graphql\n([\s\S]*?)```/g)) {
    const name = /^\s*query\s+(\w+)/.exec(body)?.[1];
    if (name && !examples.some((e) => e.name === name)) examples.push({ name, query: body.trimEnd() });
  }
  return examples;
}

/** JSON for a <script> element: "</script>" and U+2028/9 inside strings cannot end or break it. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

function explorerPage(options: { examples: ExampleOperation[]; query?: string; variables?: string; favicon: string }): string {
  // A deep link (`?query=`, `?variables=`) opens as the first tab, before the examples.
  const link = options.query ? [{ query: options.query, variables: options.variables ?? null }] : [];
  const graphiqlOptions = {
    endpoint: "/graphql",
    title: "qingdao-graph explorer",
    defaultTabs: [...link, ...options.examples.map((e) => ({ query: e.query }))],
    ...(options.variables ? { variables: options.variables } : {}),
    shouldPersistHeaders: false,
  };
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>qingdao-graph explorer</title>
    <link rel="icon" href="${options.favicon}" />
    <link rel="stylesheet" href="${ASSET_PREFIX}/graphiql.css" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>The explorer needs JavaScript. Any GraphQL client can POST to /graphql.</noscript>
    <div id="root"></div>
    <script>
      self.MonacoEnvironment = {
        globalAPI: false,
        getWorkerUrl: (_moduleId, label) => "${ASSET_PREFIX}/worker/" + label + ".js",
      };
    </script>
    <script src="${ASSET_PREFIX}/graphiql.js"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.querySelector("#root"), ${scriptJson(graphiqlOptions)});
    </script>
  </body>
</html>
`;
}

/** Deep links longer than a GraphQL document may be are not put into the page. */
const MAX_LINK_CHARS = 15_000;

const GRAPHQL_MEDIA_TYPES = ["application/graphql-response+json", "application/json", "text/html"];

/** A browser's GET (Accept prefers HTML) gets the explorer; GraphQL clients get GraphQL. */
export function wantsExplorer(request: FastifyRequest): boolean {
  if (request.method !== "GET") return false;
  return new Negotiator({ headers: { accept: request.headers.accept ?? "*/*" } }).mediaType(GRAPHQL_MEDIA_TYPES) === "text/html";
}

function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: Asset) {
  const encoding = new Negotiator({ headers: { "accept-encoding": request.headers["accept-encoding"] ?? "identity" } }).encoding(["br", "gzip", "identity"]);
  const body = encoding === "br" ? asset.br : encoding === "gzip" ? asset.gzip : asset.identity;
  void reply
    .header("content-type", asset.type)
    .header("cache-control", "public, max-age=31536000, immutable")
    .header("vary", "accept-encoding");
  if (encoding === "br" || encoding === "gzip") void reply.header("content-encoding", encoding);
  return reply.send(body);
}

/** GET / and browser GETs of /graphql render the explorer; its assets live under /explorer/<bundle version>/. */
export function registerExplorer(app: FastifyInstance): void {
  const examples = readmeExamples();
  const page = (request: FastifyRequest, reply: FastifyReply) => {
    const { query, variables } = request.query as { query?: unknown; variables?: unknown };
    const text = (value: unknown) => (typeof value === "string" && value.length <= MAX_LINK_CHARS ? value : undefined);
    const html = explorerPage({ examples, query: text(query), variables: text(variables), favicon: FAVICON });
    return reply.header("content-type", "text/html; charset=utf-8").header("cache-control", "no-cache").header("vary", "accept").send(html);
  };
  app.get("/", page);
  // A callback hook: every POST to /graphql passes it, and an async hook costs a promise and a microtask each time.
  app.addHook("onRequest", (request, reply, done) => {
    // GET first: every POST to /graphql passes this hook.
    if (request.method === "GET" && request.url.split("?")[0] === "/graphql" && wantsExplorer(request)) return void page(request, reply);
    done();
  });
  app.get(`${ASSET_PREFIX}/*`, { compress: false }, (request, reply) => {
    const asset = explorerAssets().get((request.params as { "*": string })["*"]);
    if (!asset) return reply.callNotFound();
    return sendAsset(request, reply, asset);
  });
}

/** The service's icon: a small inline SVG, so the page asks for nothing it does not need. */
const FAVICON =
  "data:image/svg+xml," +
  encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#e10098"/></svg>');
