import path from "node:path";

export type Provider = "sqlite" | "postgresql";

/** The project root, whether running from src/ (tests, CLI config) or dist/src/. */
export const projectRoot = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../.." : "..");

export const defaultDatabaseUrl = `file:${path.join(projectRoot, "data", "qingdao-graph.db")}`;

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || defaultDatabaseUrl;
}

export function providerOf(url: string): Provider {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must be a file: (SQLite) or postgresql:// URL, got "${url.replace(/\/\/[^@]*@/, "//***@")}"`);
}
