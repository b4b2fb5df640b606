import path from "node:path";
import { defineConfig } from "prisma/config";
import { createAdapter, databaseUrl, providerOf } from "./src/adapter";

// One config for both providers: DATABASE_URL picks the schema (and so the
// migrations folder) and the driver adapter the bundled WebAssembly schema
// engine runs on, so no engine binary is ever downloaded.
const url = databaseUrl();
const postgres = providerOf(url) === "postgresql";

export default defineConfig({
  schema: path.join("prisma", postgres ? "postgresql/schema.prisma" : "schema.prisma"),
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => createAdapter(url, { idleTimeoutMillis: 100, statementTimeoutMs: 0 }),
});
