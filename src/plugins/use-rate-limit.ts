import { type ApolloServerPlugin, type GraphQLResponse, HeaderMap } from "@apollo/server";
import type { FastifyBaseLogger, FastifyInstance, FastifyReply } from "fastify";
import { Redis } from "ioredis";
import { type RateLimiterAbstract, RateLimiterCluster, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Config } from "../config";
import type { Context } from "../context";
import { ErrorCode } from "../errors";
import { sendError } from "../http/errors";
import { isWorkerProcess } from "../workers";

/** What a client has left, as the `RateLimit-*` headers say it. */
export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the client's points are whole again. */
  resetSeconds: number;
}

/** How long a worker waits for the primary's count before it counts on its own. */
const CLUSTER_TIMEOUT_MS = 1000;

type CostOnContext = Context & { cost?: { nodes: number; points: number } };

/**
 * Points per client address per fixed window, counted in process (in the
 * primary for the processes of WORKERS, over IPC) or, with REDIS_URL, in Redis
 * so that every replica spends from one budget. When Redis or the primary cannot
 * answer, the count falls back to this process rather than failing requests.
 */
export class RateLimiter {
  private constructor(
    private readonly store: RateLimiterAbstract,
    readonly limit: number,
    readonly windowSeconds: number,
    private readonly redis?: Redis,
    private readonly fallback?: RateLimiterAbstract,
  ) {}

  /** Null when RATE_LIMIT_POINTS is 0 (rate limiting off). */
  static async create(config: Config, logger: FastifyBaseLogger, keyPrefix = "qingdao-graph:rate"): Promise<RateLimiter | null> {
    const points = config.RATE_LIMIT_POINTS;
    const duration = config.RATE_LIMIT_WINDOW_SECONDS;
    if (points === 0) return null;
    const memory = new RateLimiterMemory({ points, duration, keyPrefix });
    if (!config.REDIS_URL && isWorkerProcess()) {
      const shared = new RateLimiterCluster({ points, duration, keyPrefix, timeoutMs: CLUSTER_TIMEOUT_MS });
      return new RateLimiter(shared, points, duration, undefined, memory);
    }
    if (!config.REDIS_URL) return new RateLimiter(memory, points, duration);

    const redis = new Redis(config.REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
    redis.on("error", (error: Error) => logger.warn({ err: { message: error.message } }, "rate limit: Redis unavailable; counting in this process"));
    try {
      await redis.connect();
    } catch {
      // Reconnection goes on in the background; until then the insurance limiter counts.
    }
    const store = new RateLimiterRedis({ storeClient: redis, points, duration, keyPrefix, rejectIfRedisNotReady: true, insuranceLimiter: memory });
    return new RateLimiter(store, points, duration, redis);
  }

  /**
   * Spends `points` for `key`. A refused charge is taken back when `refundRefused`
   * is set, so a client refused a heavy query can still afford cheap ones.
   */
  async charge(key: string, points: number, { refundRefused = false } = {}): Promise<RateLimitState> {
    return this.chargeTo(this.store, key, points, refundRefused);
  }

  private async chargeTo(store: RateLimiterAbstract, key: string, points: number, refundRefused: boolean): Promise<RateLimitState> {
    try {
      return this.state(await store.consume(key, points), true);
    } catch (outcome) {
      if (!(outcome instanceof RateLimiterRes)) {
        if (!this.fallback || store === this.fallback) throw outcome;
        return this.chargeTo(this.fallback, key, points, refundRefused);
      }
      if (!refundRefused) return this.state(outcome, false);
      await store.reward(key, points).catch(() => undefined);
      return this.state(outcome, false, points);
    }
  }

  async close(): Promise<void> {
    if (this.redis?.status === "ready") await this.redis.quit().catch(() => undefined);
    this.redis?.disconnect();
  }

  private state(res: RateLimiterRes, allowed: boolean, refunded = 0): RateLimitState {
    const remaining = Math.max(0, this.limit - (res.consumedPoints - refunded));
    return { allowed, limit: this.limit, remaining, resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
  }
}

/** IETF draft-ietf-httpapi-ratelimit-headers names, on every GraphQL response. */
export function headersOf(limiter: RateLimiter, state: RateLimitState): [string, string][] {
  const headers: [string, string][] = [
    ["ratelimit-limit", String(state.limit)],
    ["ratelimit-remaining", String(state.remaining)],
    ["ratelimit-reset", String(state.resetSeconds)],
    ["ratelimit-policy", `${limiter.limit};w=${limiter.windowSeconds}`],
  ];
  if (!state.allowed) headers.push(["retry-after", String(state.resetSeconds)]);
  return headers;
}

function refusal(limiter: RateLimiter, state: RateLimitState, cost: number) {
  const message = `Rate limit exceeded: a client may spend ${limiter.limit} points per ${limiter.windowSeconds} s and this operation costs ${cost}; retry in ${state.resetSeconds} s`;
  return { message, extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: state.resetSeconds } };
}

/**
 * Every request to /graphql (and each export) costs one point up front, before
 * its body is read, so a client over its limit costs almost nothing to turn
 * away, whatever it sends.
 */
export function registerRateLimit(app: FastifyInstance, limiter: RateLimiter, paths: readonly string[] = ["/graphql", "/export/:file"]): void {
  app.addHook("onRequest", async (request, reply: FastifyReply) => {
    if (!paths.includes(request.routeOptions.url ?? "") || request.method === "OPTIONS") return;
    const state = await limiter.charge(request.ip, 1);
    for (const [name, value] of headersOf(limiter, state)) void reply.header(name, value);
    if (!state.allowed) {
      const { message, extensions } = refusal(limiter, state, 1);
      return sendError(reply, 429, message, { retryAfterSeconds: extensions.retryAfterSeconds });
    }
  });
  app.addHook("onClose", async () => limiter.close());
}

/**
 * The rest of an operation's cost (`context.cost.points`, set by the query
 * budget before execution; 1 when absent) is charged once the operation is
 * known and has passed the budget, before it runs: a refused operation is
 * answered 429 without touching the database. Runs as `responseForOperation`,
 * which Apollo calls only after every `didResolveOperation` hook has passed.
 */
export function useRateLimit(limiter: RateLimiter): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ contextValue, response }): Promise<GraphQLResponse | null> {
          const { clientAddress, cost } = contextValue as CostOnContext;
          const points = Math.max(1, Math.ceil(cost?.points ?? 1));
          if (clientAddress === undefined || points <= 1) return null;
          const state = await limiter.charge(clientAddress, points - 1, { refundRefused: true });
          if (state.allowed) {
            for (const [name, value] of headersOf(limiter, state)) response.http.headers.set(name, value);
            return null;
          }
          return {
            http: { status: 429, headers: new HeaderMap(headersOf(limiter, state)) },
            body: { kind: "single", singleResult: { errors: [refusal(limiter, state, points)] } },
          };
        },
      };
    },
  };
}
