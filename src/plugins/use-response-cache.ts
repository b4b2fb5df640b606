import crypto from "node:crypto";
import { type ApolloServerPlugin, HeaderMap } from "@apollo/server";
import type { FastifyBaseLogger } from "fastify";
import { type DocumentNode, OperationTypeNode, print } from "graphql";
import { Redis } from "ioredis";
import { LRUCache } from "lru-cache";
import type { Config } from "../config";
import type { Context } from "../context";

/**
 * Whole responses of queries, keyed by the operation, its variables and the
 * data version. The data changes only when it is seeded or generated, and
 * every change moves the data version (src/services/data-version.ts), so an
 * entry can never be served for data it was not computed from: nothing has to
 * be invalidated, old versions just age out.
 *
 * A hit is answered in `responseForOperation`, after the query budget and the
 * rate limit have run (`didResolveOperation`): a cached answer is checked and
 * paid for like any other. Answers with errors are never stored.
 *
 * Apollo's @apollo/server-plugin-response-cache was not taken: it caches only
 * what @cacheControl hints allow and keys by them, while here every query of
 * a version may be kept; this plugin is its `responseForOperation` half.
 */

/** Sent as `X-Cache`, which the request log copies into the request's line. */
export type CacheStatus = "HIT" | "MISS";

interface ResponseStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}

/** In process, bounded by the bytes it holds (UTF-16 code units × 2, as V8 keeps them at worst). */
function memoryStore(maxBytes: number): ResponseStore {
  const lru = new LRUCache<string, string>({ maxSize: maxBytes, sizeCalculation: (value, key) => (value.length + key.length) * 2 });
  return {
    get: async (key) => lru.get(key),
    set: async (key, value) => {
      if ((value.length + key.length) * 2 <= maxBytes) lru.set(key, value);
    },
    close: async () => lru.clear(),
  };
}

/**
 * Shared by every replica. Redis failing must not fail a request: a get that
 * fails is a miss, a set that fails is dropped (and logged once per outage).
 */
function redisStore(url: string, ttlSeconds: number, maxEntryBytes: number, log?: FastifyBaseLogger): ResponseStore {
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  let warned = false;
  const warn = (error: unknown) => {
    if (!warned) log?.warn({ err: error }, "response cache: Redis unavailable, answering without it");
    warned = true;
  };
  const ready = redis.connect().catch(warn);
  const prefix = "qingdao-graph:response:";
  return {
    async get(key) {
      await ready;
      try {
        const value = await redis.get(prefix + key);
        warned = false;
        return value ?? undefined;
      } catch (error) {
        warn(error);
        return undefined;
      }
    },
    async set(key, value) {
      if (value.length * 2 > maxEntryBytes) return;
      await ready;
      await redis.set(prefix + key, value, "EX", ttlSeconds).catch(warn);
    },
    async close() {
      redis.disconnect();
    },
  };
}

/** Variables in a canonical order, so `{a, b}` and `{b, a}` share an entry. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

function cacheKey(version: string, document: DocumentNode, source: string | undefined, operationName: string | null | undefined, variables: unknown): string {
  return crypto
    .createHash("sha256")
    .update(`${version}\0${source ?? print(document)}\0${operationName ?? ""}\0${canonical(variables)}`)
    .digest("base64url");
}

/** The plugin, and `close` for whoever owns the server's end (Fastify's onClose: Apollo is never stopped there). */
export function useResponseCache(
  config: Pick<Config, "RESPONSE_CACHE_BYTES" | "RESPONSE_CACHE_TTL_SECONDS" | "REDIS_URL">,
  log?: FastifyBaseLogger,
): ApolloServerPlugin<Context> & { close(): Promise<void> } {
  const store = config.REDIS_URL
    ? redisStore(config.REDIS_URL, config.RESPONSE_CACHE_TTL_SECONDS, config.RESPONSE_CACHE_BYTES, log)
    : memoryStore(config.RESPONSE_CACHE_BYTES);
  return {
    close: () => store.close(),
    async requestDidStart() {
      let key: string | undefined;
      let status: CacheStatus | undefined;
      return {
        async responseForOperation({ contextValue, operation, document, source, request }) {
          if (operation.operation !== OperationTypeNode.QUERY) return null;
          key = cacheKey(await contextValue.dataVersion(), document, source, request.operationName, request.variables);
          const hit = await store.get(key);
          status = hit === undefined ? "MISS" : "HIT";
          if (hit === undefined) return null;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: "single", singleResult: JSON.parse(hit) } };
        },
        async willSendResponse({ response }) {
          if (!status || !key) return;
          response.http.headers.set("x-cache", status);
          if (status === "MISS" && response.body.kind === "single" && !response.body.singleResult.errors) {
            await store.set(key, JSON.stringify(response.body.singleResult));
          }
        },
      };
    },
  };
}
