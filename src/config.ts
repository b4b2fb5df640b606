import { z } from "zod";
import { defaultDatabaseUrl, providerOf } from "./adapter";

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
  DATABASE_URL: z
    .string()
    .default(defaultDatabaseUrl)
    .refine((url) => /^(file:|postgres(ql)?:\/\/)/i.test(url), { error: "must be a file: (SQLite) or postgresql:// URL" })
    .describe("`file:` path (SQLite; relative paths are taken from the project folder) or `postgresql://` URL"),
  PG_POOL_MAX: integer(1, 1000).default(10).describe("connections per process, PostgreSQL only"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info").describe("pino log level; one JSON line per request at `info`"),
  BODY_LIMIT_BYTES: integer(1024, 64 * 1024 * 1024).default(1024 * 1024).describe("largest request body accepted; larger ones get 413"),
  REQUEST_TIMEOUT_MS: integer(100, 600_000).default(10_000).describe("execution deadline of one GraphQL request; past it no further SQL is sent and the client gets `TIMEOUT`"),
  SHUTDOWN_TIMEOUT_MS: integer(0, 600_000).default(10_000).describe("on SIGTERM/SIGINT, how long in-flight requests may finish before the process exits"),
  INTROSPECTION: flag.default(true).describe("`false` turns off introspection and field suggestions in error messages"),
  CORS_ORIGINS: z.string().min(1).default("*").describe("allowed browser origins, comma-separated, or `*` (no credentials either way)"),
});

export type Config = z.infer<typeof configSchema>;

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
  return parsed.data;
}

/** Variable, default and meaning of every setting, in declaration order: the README's table. */
export function configTable(): { name: string; default: string; meaning: string }[] {
  return Object.entries(configSchema.shape).map(([name, schema]) => {
    const value = configSchema.parse({})[name as keyof Config];
    return { name, default: name === "DATABASE_URL" ? "file:<project>/data/qingdao-graph.db" : String(value), meaning: schema.description ?? "" };
  });
}
