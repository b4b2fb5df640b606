import { z } from "zod";
import { defaultDatabaseUrl, providerOf } from "./database-url";

/*
 * Every setting the service reads from its environment, with its default and
 * meaning. The README's configuration table is checked against this list, so
 * the two cannot drift. A bad value stops the service at start-up with one
 * line that names the variable, instead of failing on the first request.
 */

const integer = (min: number, max: number) =>
  z.coerce
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number" })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });
const flag = z.enum(["true", "false", "1", "0"], { error: 'must be "true" or "false"' }).transform((v) => v === "true" || v === "1");

export const configSchema = z.object({
  PORT: integer(0, 65535).default(4000).describe("HTTP port (0 picks a free one)"),
  HOST: z.string().min(1).default("0.0.0.0").describe("interface to listen on"),
  WORKERS: integer(0, 64)
    .default(0)
    .describe("processes that serve PORT together (node:cluster), each a replica: 0 starts one per CPU core, at most 4; 1 serves from the started process itself. Rate limits are shared between them; PG_POOL_MAX, HEAVY_QUERY_CONCURRENCY, RESPONSE_CACHE_BYTES and MAX_HEAP_USED_BYTES are per process"),
  DATABASE_URL: z
    .string()
    .default(defaultDatabaseUrl)
    .refine((url) => /^(file:|postgres(ql)?:\/\/)/i.test(url), { error: "must be a file: (SQLite) or postgresql:// URL" })
    .describe("`file:` path (SQLite; relative paths are taken from the project folder) or `postgresql://` URL"),
  PG_POOL_MAX: integer(1, 1000).default(10).describe("connections per process, PostgreSQL only"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info").describe("pino log level; one JSON line per request at `info`"),
  BODY_LIMIT_BYTES: integer(1024, 64 * 1024 * 1024).default(1024 * 1024).describe("largest request body accepted; larger ones get 413"),
  REQUEST_TIMEOUT_MS: integer(100, 600_000).default(10_000).describe("execution deadline of one GraphQL request; past it no further SQL is sent and the client gets `TIMEOUT`"),
  PG_STATEMENT_TIMEOUT_MS: integer(0, 600_000).default(5_000).describe("longest one SQL statement may run on PostgreSQL (`statement_timeout` of every pooled connection; 0 turns it off)"),
  MAX_QUERY_NODES: integer(1, 1e12).default(100_000_000).describe("most objects an operation may ask for, counted before it runs as GitHub does: each list multiplies by its `first`/`last` (default 20)"),
  MAX_QUERY_DEPTH: integer(1, 1000).default(15).describe("deepest field nesting of an operation (introspection fields excluded)"),
  MAX_ALIASES: integer(0, 10_000).default(15).describe("most aliased fields in an operation"),
  MAX_DIRECTIVES: integer(0, 10_000).default(50).describe("most directives in an operation"),
  MAX_TOKENS: integer(10, 1_000_000).default(1000).describe("most lexical tokens in a document; parsing stops at the first token over it"),
  MAX_DOCUMENT_BYTES: integer(100, 10_000_000).default(15_000).describe("largest GraphQL document (the query text), in bytes"),
  MAX_FRAGMENT_SPREADS: integer(0, 1_000_000).default(100).describe("most fragment spreads in an operation once every fragment is expanded where it is used"),
  MAX_FIELDS: integer(1, 1_000_000).default(400).describe("most field selections in an operation once fragments are expanded (repeated fields count each time; introspection fields excluded)"),
  MAX_WHERE_DEPTH: integer(1, 1000).default(4).describe("deepest nesting of `where` filters: each AND/OR/NOT branch and each relation filter (is, some, every…) is one level"),
  MAX_WHERE_SIZE: integer(1, 1_000_000).default(20).describe("most conditions in all `where` filters of an operation together"),
  HEAVY_QUERY_NODES: integer(1, 1e12).default(1000).describe("operations that may return this many objects or more (the `nodes` count above) are heavy: they execute `HEAVY_QUERY_CONCURRENCY` at a time and the others wait their turn within their deadline"),
  HEAVY_QUERY_CONCURRENCY: integer(1, 1000).default(1).describe("heavy operations executing at once per process; other requests never wait for them"),
  CURSOR_SECRET: z
    .string()
    .min(32, { error: "must be at least 32 characters" })
    .optional()
    .describe("secret that signs page cursors; unset, one is generated on first start and kept in the database, so every replica shares it"),
  SHUTDOWN_TIMEOUT_MS: integer(0, 600_000).default(10_000).describe("on SIGTERM/SIGINT, once the server stops accepting, how long in-flight requests may finish before their connections are cut (the process exits 0 either way)"),
  SHUTDOWN_DELAY_MS: integer(0, 600_000).default(0).describe("on SIGTERM/SIGINT, how long `/readyz` says 503 while requests are still served, before the server stops accepting (a load balancer's readiness period)"),
  HEADERS_TIMEOUT_MS: integer(1000, 600_000).default(10_000).describe("how long a client may take to send the request line and headers; slower gets 408"),
  RECEIVE_TIMEOUT_MS: integer(1000, 600_000).default(15_000).describe("how long a client may take to send the whole request, headers and body; slower gets 408 and the connection is closed"),
  KEEP_ALIVE_TIMEOUT_MS: integer(1000, 600_000).default(72_000).describe("how long an idle keep-alive connection stays open (above a load balancer's idle timeout)"),
  MAX_EVENT_LOOP_DELAY_MS: integer(0, 600_000).default(1000).describe("mean event-loop delay above which new requests get 503 with `Retry-After` (0: no check)"),
  HEAP_GROWING_PERCENT: integer(0, 1000).default(50).describe("how far V8 lets the JavaScript heap grow past what its last full garbage collection kept, in percent, before collecting again (0: V8's own choice, up to 300 %); bounds the memory a heavy answer leaves behind"),
  SEMI_SPACE_MB: integer(0, 1024)
    .default(24)
    .describe("V8 semi-space size of each worker process, in MiB (its young generation is three times that): fewer collections for the short-lived objects of large answers, for more memory; 0 keeps V8's 16. Set on the command line, so it applies to WORKERS above 1 (or give node `--max-semi-space-size`)"),
  WORKER_GC: z
    .enum(["auto", "single", "parallel"])
    .default("auto")
    .describe("how each worker collects garbage: `single` on its own thread only (V8's `--single-threaded-gc`), `parallel` with V8's helper threads; `auto` is `single` when the workers are as many as the CPU cores, where a helper thread can only take a core from another worker. Set on the command line, so it applies to WORKERS above 1"),
  MAX_HEAP_USED_BYTES: integer(0, 2 ** 40).default(1024 ** 3).describe("JavaScript heap in use above which new requests get 503 with `Retry-After` (0: no check)"),
  RATE_LIMIT_POINTS: integer(0, 10_000_000).default(1000).describe("points one client address may spend per window (a query costs its budget points, at least 1); 0 turns rate limiting off"),
  RATE_LIMIT_WINDOW_SECONDS: integer(1, 86_400).default(60).describe("length of the rate-limit window"),
  REDIS_URL: z
    .string()
    .default("")
    .refine((url) => url === "" || /^rediss?:\/\//i.test(url), { error: "must be a redis:// or rediss:// URL" })
    .describe("`redis://` URL: replicas share one rate-limit budget per client and one response cache there; empty keeps both on this machine (the rate limit in the primary for all its workers, the cache in each process)"),
  RESPONSE_CACHE_BYTES: integer(0, 2 ** 40)
    .default(64 * 1024 ** 2)
    .describe("largest total size of cached query answers in process (least recently used go first); with `REDIS_URL` the largest single answer stored there; 0 turns the cache off"),
  RESPONSE_CACHE_TTL_SECONDS: integer(1, 30 * 86_400).default(3600).describe("how long Redis keeps a cached answer (in process, answers stay until pushed out; a new data version makes old ones unused either way)"),
  TRUST_PROXY: z
    .string()
    .default("false")
    .refine((v) => /^(true|false|\d+|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/i.test(v), { error: "must be true, false, a hop count or comma-separated proxy addresses/CIDRs" })
    .describe("which `X-Forwarded-For` entries name the client: `false` (use the socket address), `true` (the left-most), a hop count, or the proxies' addresses/CIDRs (or `loopback`, `uniquelocal`)"),
  INTROSPECTION: flag.default(true).describe("`false` turns off introspection and field suggestions in error messages"),
  CORS_ORIGINS: z.string().min(1).default("*").describe("allowed browser origins, comma-separated, or `*` (no credentials either way)"),
});

export type Config = z.infer<typeof configSchema>;

/** TRUST_PROXY in the form Fastify's `trustProxy` takes (a hop count as the function proxy-addr makes of it). */
export function trustProxy(config: Pick<Config, "TRUST_PROXY">): boolean | string[] | ((address: string, hop: number) => boolean) {
  const value = config.TRUST_PROXY.trim();
  if (/^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  if (/^\d+$/.test(value)) return (_address, hop) => hop < Number(value);
  return value.split(",").map((entry) => entry.trim());
}

/** A configuration that cannot run; its message is the one line the service prints before it exits. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads and checks the environment; unset and empty variables take their defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.keys(configSchema.shape).flatMap((key) => (env[key]?.trim() ? [[key, env[key]!.trim()]] : [])));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]);
      return `${key} ${issue.message} (got "${present[key]}")`;
    });
    throw new ConfigError(`invalid configuration: ${problems.join("; ")}`);
  }
  providerOf(parsed.data.DATABASE_URL);
  if (parsed.data.HEADERS_TIMEOUT_MS > parsed.data.RECEIVE_TIMEOUT_MS) {
    throw new ConfigError(`invalid configuration: HEADERS_TIMEOUT_MS must not be above RECEIVE_TIMEOUT_MS (got ${parsed.data.HEADERS_TIMEOUT_MS} > ${parsed.data.RECEIVE_TIMEOUT_MS})`);
  }
  return parsed.data;
}

/** Variable, default and meaning of every setting, in declaration order: the README's table. */
export function configTable(): { name: string; default: string; meaning: string }[] {
  return Object.entries(configSchema.shape).map(([name, schema]) => {
    const value = configSchema.parse({})[name as keyof Config];
    const shown = name === "DATABASE_URL" ? "file:<project>/data/qingdao-graph.db" : value === undefined ? "generated" : String(value) || "(empty)";
    return { name, default: shown, meaning: schema.description ?? "" };
  });
}
