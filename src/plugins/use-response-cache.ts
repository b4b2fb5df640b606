import crypto from "node:crypto";
import path from "node:path";
import { type ApolloServerPlugin, type HeaderMap } from "@apollo/server";
import Database from "better-sqlite3";
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { OperationTypeNode } from "graphql";
import { Redis } from "ioredis";
import { LRUCache } from "lru-cache";
import pg from "pg";
import { projectRoot, providerOf } from "../adapter";
import type { Config } from "../config";
import type { Context } from "../context";
import { etagMatches } from "./use-http-caching";
import { type RateLimiter, headersOf } from "./use-rate-limit";
import { noteCachedSummary } from "./use-request-log";

/**
 * Whole answers to queries, kept as the bytes that were sent, keyed by the
 * request as received and the data version. The data changes only when it
 * is seeded or generated, and every change moves the data version
 * (src/services/data-version.ts), so an entry can never be served for data
 * it was not computed from: nothing has to be invalidated, old versions age
 * out. An entry's key and its answer never change together, which is also
 * why a replica may keep entries it read from Redis in its own memory.
 *
 * A hit is answered at the HTTP layer (a preHandler hook on /graphql), before
 * Apollo Server: no parse, validation, query budget or JSON.stringify, one
 * read of the data version by a prepared statement outside Prisma, and the
 * stored bytes and headers written back. What the query budget measured (the
 * operation's cost) is stored with the answer, so a hit pays the rate limit
 * the same points as the miss did; a hit the rate limit refuses, and anything
 * unexpected on the way (the version cannot be read, Redis fails), goes on to
 * Apollo, which answers it as if there were no cache.
 *
 * A miss runs the whole pipeline; the Apollo plugin below marks queries whose
 * answer has no errors, and the onSend hook stores the bytes Fastify is about
 * to write, with the headers Apollo chose.
 *
 * Apollo's @apollo/server-plugin-response-cache was not taken: it caches only
 * what @cacheControl hints allow and answers from inside Apollo's pipeline,
 * which is what made a hit cost 5× the hand-written floor.
 */

/** Sent as `X-Cache`, which the request log copies into the request's line. */
export type CacheStatus = "HIT" | "MISS";

/** One stored answer. */
interface Entry {
  status: number;
  /** The headers Apollo and its plugins chose from the request and the data (RESPONSE_HEADERS). */
  headers: Record<string, string>;
  body: Buffer;
  /** Rate-limit points the operation costs (the query budget's figure, at least 1). */
  points: number;
  operationName: string | null;
  cost: { nodes: number; points: number } | null;
}

/**
 * Headers of an answer that depend only on the request and the data, so a hit
 * sends them as the miss did. Everything else on a response is per request
 * (X-Request-Id, RateLimit-*, CORS, X-Cache) and is set anew on a hit.
 */
const RESPONSE_HEADERS = ["content-type", "cache-control", "etag", "vary", "content-language"];

/**
 * Request headers that change the answer: Accept picks the content type
 * (application/json or application/graphql-response+json) and the error
 * status; Content-Type and the two preflight headers decide whether Apollo's
 * CSRF prevention lets a GET through. A GET the explorer takes (Accept
 * prefers HTML) never reaches the route.
 */
const KEY_HEADERS = ["accept", "content-type", "x-apollo-operation-name", "apollo-require-preflight"] as const;

/** Per-request state shared by the hook, the context and the Apollo plugin (through the context's symbol key). */
interface RequestState {
  key: string;
  version: string;
  /** Set when a query reached execution: its answer gets `X-Cache: MISS`. */
  reached?: boolean;
  /** Set when the answer may be stored (a query, no errors). */
  answer?: { headers: HeaderMap; operationName: string | null; cost: Entry["cost"] };
}

/**
 * Apollo gives plugins a shallow copy of the context, so the state is an
 * object the copy shares with the request, under a symbol key.
 */
const STATE = Symbol("response cache state");
type WithState = Context & { [STATE]?: RequestState };

interface EntryStore {
  get(key: string): Entry | undefined | Promise<Entry | undefined>;
  set(key: string, entry: Entry): void;
  close(): Promise<void>;
}

/** What an entry holds in memory, in bytes: the body, its headers and key (UTF-16 at worst), and the object around them. */
function entryBytes(entry: Entry, key: string): number {
  let bytes = entry.body.length + key.length * 2 + 200;
  for (const name in entry.headers) bytes += (name.length + entry.headers[name].length) * 2;
  return bytes;
}

/** In process, least recently used first out once the entries hold RESPONSE_CACHE_BYTES. */
function memoryStore(maxBytes: number): EntryStore & { clear(): void } {
  const lru = new LRUCache<string, Entry>({ maxSize: maxBytes, maxEntrySize: maxBytes, sizeCalculation: entryBytes });
  return {
    get: (key) => lru.get(key),
    set: (key, entry) => void lru.set(key, entry),
    clear: () => lru.clear(),
    close: async () => lru.clear(),
  };
}

/** Redis holds an entry as one value: the length of its metadata (4 bytes), the metadata as JSON, the body. */
function encode(entry: Entry): Buffer {
  const meta = Buffer.from(JSON.stringify({ s: entry.status, h: entry.headers, p: entry.points, o: entry.operationName, c: entry.cost }));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(meta.length);
  return Buffer.concat([length, meta, entry.body]);
}

function decode(value: Buffer): Entry {
  const metaEnd = 4 + value.readUInt32BE(0);
  const meta = JSON.parse(value.subarray(4, metaEnd).toString());
  return { status: meta.s, headers: meta.h, points: meta.p, operationName: meta.o, cost: meta.c, body: value.subarray(metaEnd) };
}

/**
 * Shared by every replica, in front of which each replica keeps its own LRU
 * (entries never change, so a copy cannot go stale). Redis failing must not
 * fail a request: a get that fails is a miss, a set that fails is dropped
 * (and logged once per outage).
 */
function redisStore(url: string, ttlSeconds: number, maxBytes: number, database: string, log?: FastifyBaseLogger): EntryStore {
  const local = memoryStore(maxBytes);
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  let warned = false;
  const warn = (error: unknown) => {
    if (!warned) log?.warn({ err: error }, "response cache: Redis unavailable, answering without it");
    warned = true;
  };
  redis.on("error", warn);
  const ready = redis.connect().catch(warn);
  // Keys in process are the request as received; Redis gets their digest, under the database's: two databases
  // (a SQLite and a PostgreSQL one, staging and production) may well be at the same version number.
  const namespace = `qingdao-graph:response:v2:${crypto.hash("sha256", database, "base64url").slice(0, 16)}:`;
  const redisKey = (key: string) => namespace + crypto.hash("sha256", key, "base64url");
  return {
    get(key) {
      const held = local.get(key);
      if (held) return held;
      return ready.then(async () => {
        try {
          const value = await redis.getBuffer(redisKey(key));
          warned = false;
          if (!value) return undefined;
          const entry = decode(value);
          local.set(key, entry);
          return entry;
        } catch (error) {
          warn(error);
          return undefined;
        }
      });
    },
    set(key, entry) {
      if (entryBytes(entry, key) > maxBytes) return;
      local.set(key, entry);
      void ready.then(() => redis.set(redisKey(key), encode(entry), "EX", ttlSeconds)).catch(warn);
    },
    async close() {
      local.clear();
      redis.disconnect();
    },
  };
}

/** The current data version, read for every request that may be answered from the cache. */
interface VersionReader {
  read(): string | Promise<string>;
  close(): Promise<void>;
}

/**
 * SQLite: a read-only connection of its own and one prepared statement, run
 * synchronously for each request (a few microseconds; Prisma's client takes
 * about 0.2 ms for the same row). No interval: a seed is visible to the next
 * request. The short busy timeout keeps a writer's commit from holding the
 * event loop; a read that fails leaves the request to the uncached path.
 */
function sqliteVersionReader(url: string): VersionReader {
  const file = url.slice("file:".length);
  let statement: Database.Statement<[string], string> | undefined;
  let database: Database.Database | undefined;
  return {
    read() {
      if (!statement) {
        database = new Database(path.isAbsolute(file) ? file : path.resolve(projectRoot, file), { readonly: true, fileMustExist: true, timeout: 100 });
        statement = database.prepare<[string], string>(`SELECT "value" FROM "ServiceState" WHERE "key" = ?`).pluck();
      }
      const value = statement.get("dataVersion");
      if (value === undefined) throw new Error('ServiceState has no "dataVersion" row');
      return value;
    },
    async close() {
      database?.close();
    },
  };
}

/**
 * PostgreSQL: one connection of its own and a named (prepared) statement.
 * Requests that ask while a read is on its way wait for the next read, which
 * starts when that one ends: every request sees a version read that began
 * after it arrived (so every replica sees a new seed at once), and under load
 * one round trip answers all the requests that arrived during the previous one.
 */
function postgresVersionReader(url: string, log?: FastifyBaseLogger): VersionReader {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema");
  parsed.searchParams.delete("schema");
  const table = schema ? `"${schema.replaceAll('"', '""')}"."ServiceState"` : `"ServiceState"`;
  const pool = new pg.Pool({ connectionString: parsed.toString(), max: 1, idleTimeoutMillis: 60_000 });
  pool.on("error", (error) => log?.warn({ err: { message: error.message } }, "response cache: data version connection lost"));
  const query = { name: "qingdao-graph-data-version", text: `SELECT "value" FROM ${table} WHERE "key" = 'dataVersion'` };
  let inFlight: Promise<string> | undefined;
  let next: Promise<string> | undefined;
  const start = (): Promise<string> => {
    const read = pool.query<{ value: string }>(query).then((result) => {
      const value = result.rows[0]?.value;
      if (value === undefined) throw new Error('ServiceState has no "dataVersion" row');
      return value;
    });
    inFlight = read;
    const done = () => {
      if (inFlight === read) inFlight = undefined;
    };
    read.then(done, done);
    return read;
  };
  return {
    read() {
      if (!inFlight) return start();
      return (next ??= inFlight
        .then(
          () => undefined,
          () => undefined,
        )
        .then(() => {
          next = undefined;
          return start();
        }));
    },
    close: () => pool.end(),
  };
}

/** Which database a URL names, without its credentials: replicas of one deployment name the same one. */
function databaseIdentity(url: string): string {
  if (providerOf(url) === "sqlite") {
    const file = url.slice("file:".length);
    return `sqlite:${path.isAbsolute(file) ? file : path.resolve(projectRoot, file)}`;
  }
  const parsed = new URL(url);
  return `postgresql://${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}?schema=${parsed.searchParams.get("schema") ?? ""}`;
}

/** Bodies of JSON requests as received, kept by the JSON parser for the cache key. */
const rawBodies = new WeakMap<FastifyRequest, string>();

/**
 * The response cache: an Apollo plugin (put it last, after the rate limit and
 * HTTP caching plugins), plus `register` (Fastify hooks; call it before
 * @fastify/compress is registered, so that the stored bytes are the
 * uncompressed ones), `bind` (from the GraphQL context function) and `close`
 * (from Fastify's onClose: Apollo is never stopped there).
 */
export function useResponseCache(
  config: Pick<Config, "RESPONSE_CACHE_BYTES" | "RESPONSE_CACHE_TTL_SECONDS" | "REDIS_URL" | "DATABASE_URL">,
  log?: FastifyBaseLogger,
  graphqlPath = "/graphql",
): ApolloServerPlugin<Context> & {
  register(app: FastifyInstance, limiter: RateLimiter | null): void;
  bind(request: FastifyRequest, context: Context): void;
  close(): Promise<void>;
} {
  const store: EntryStore = config.REDIS_URL
    ? redisStore(config.REDIS_URL, config.RESPONSE_CACHE_TTL_SECONDS, config.RESPONSE_CACHE_BYTES, databaseIdentity(config.DATABASE_URL), log)
    : memoryStore(config.RESPONSE_CACHE_BYTES);
  const versions = providerOf(config.DATABASE_URL) === "postgresql" ? postgresVersionReader(config.DATABASE_URL, log) : sqliteVersionReader(config.DATABASE_URL);
  const states = new WeakMap<FastifyRequest, RequestState>();
  /** Set while the version or the store fails, so that an outage is logged once. */
  let skipping = false;

  /** The key of a request as received (method, URL with its query string, the headers that choose the answer, the body). */
  const requestKey = (request: FastifyRequest, body: string): string => {
    let key = `${request.method} ${request.url}`;
    for (const name of KEY_HEADERS) key += `\n${request.headers[name] ?? ""}`;
    return `${key}\n\n${body}`;
  };

  const answerHit = async (request: FastifyRequest, reply: FastifyReply, entry: Entry, limiter: RateLimiter | null): Promise<boolean> => {
    // The onRequest hook (use-rate-limit.ts) has charged 1 point; the rest of the cost is charged here, as useRateLimit would.
    if (limiter && entry.points > 1) {
      const state = await limiter.charge(request.ip, entry.points - 1, { refundRefused: true });
      // Refused (and refunded): Apollo's path charges again and answers the 429 the same way a miss would get it.
      if (!state.allowed) return false;
      for (const [name, value] of headersOf(limiter, state)) void reply.header(name, value);
    }
    noteCachedSummary(request, { operationName: entry.operationName, cost: entry.cost, errorCodes: [] });
    void reply.headers(entry.headers).header("x-cache", "HIT" satisfies CacheStatus);
    if (entry.headers.etag && etagMatches(request.headers["if-none-match"], entry.headers.etag)) {
      void reply.code(304).send();
    } else {
      void reply.code(entry.status).send(entry.body);
    }
    return true;
  };

  return {
    register(app, limiter) {
      // The default JSON parser, which also keeps the body's text: the key is the request as received, not a re-serialisation.
      const parseJson = app.getDefaultJsonParser(app.initialConfig.onProtoPoisoning ?? "error", app.initialConfig.onConstructorPoisoning ?? "error");
      app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
        rawBodies.set(request, body as string);
        parseJson(request, body as string, done);
      });

      app.addHook("preHandler", async (request, reply) => {
        if (request.routeOptions.url !== graphqlPath) return;
        const body = request.method === "GET" ? "" : request.method === "POST" ? rawBodies.get(request) : undefined;
        if (body === undefined) return;
        let key: string;
        let version: string;
        let entry: Entry | undefined;
        try {
          version = await versions.read();
          key = `${version}\n${requestKey(request, body)}`;
          entry = await store.get(key);
        } catch (error) {
          if (!skipping) request.log.warn({ err: error }, "response cache: data version or store unavailable, answering without the cache");
          skipping = true;
          return;
        }
        skipping = false;
        if (entry && (await answerHit(request, reply, entry, limiter))) return reply;
        states.set(request, { key, version });
      });

      // Before @fastify/compress's onSend (hooks run in the order they were added): the bytes stored are the uncompressed ones.
      app.addHook("onSend", (request, reply, payload, done) => {
        const answer = states.get(request)?.answer;
        if (answer && reply.statusCode === 200 && typeof payload === "string") {
          const headers: Record<string, string> = {};
          for (const name of RESPONSE_HEADERS) {
            const value = answer.headers.get(name);
            if (value !== undefined) headers[name] = value;
          }
          const points = Math.max(1, Math.ceil(answer.cost?.points ?? 1));
          store.set(states.get(request)!.key, { status: 200, headers, body: Buffer.from(payload), points, operationName: answer.operationName, cost: answer.cost });
        }
        done(null, payload);
      });
    },

    bind(request, context) {
      const state = states.get(request);
      if (!state) return;
      (context as WithState)[STATE] = state;
      // The answer stored under this version is computed from data read after it was: ETags and the key agree.
      const version = Promise.resolve(state.version);
      context.dataVersion = () => version;
    },

    close: async () => {
      await Promise.all([store.close(), versions.close()]);
    },

    async requestDidStart() {
      return {
        // Last of the plugins' responseForOperation: the query passed the budget, the rate limit and HTTP caching.
        async responseForOperation({ contextValue, operation }) {
          const state = (contextValue as WithState)[STATE];
          if (state && operation.operation === OperationTypeNode.QUERY) state.reached = true;
          return null;
        },
        async willSendResponse({ contextValue, response, operationName, request }) {
          const state = (contextValue as WithState)[STATE];
          if (!state?.reached) return;
          response.http.headers.set("x-cache", "MISS" satisfies CacheStatus);
          if (response.body.kind === "single" && !response.body.singleResult.errors && (response.http.status ?? 200) === 200) {
            state.answer = { headers: response.http.headers, operationName: operationName ?? request.operationName ?? null, cost: contextValue.cost ?? null };
          }
        },
      };
    },
  };
}
