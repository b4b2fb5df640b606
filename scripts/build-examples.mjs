// Bundles the example front-end (examples/src/main.ts with Apollo Client and
// the kit) into dist/examples/app.js for src/http/examples.ts to serve: one
// file, nothing loaded from elsewhere. Part of `npm run build`.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
await build({
  entryPoints: [path.join(root, "examples/src/main.ts")],
  outfile: path.join(root, "dist/examples/app.js"),
  bundle: true,
  minify: true,
  format: "iife",
  platform: "browser",
  target: "es2020",
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
});
