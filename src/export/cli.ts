import "reflect-metadata";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { createPrismaClient } from "../db";
import { persistedCursorSecret, setCursorSecret } from "../pagination";
import { createServer } from "../server";
import { ExportError, encode, openExport, runThrough } from "./exporter";
import { EXPORT_FORMATS, EXPORT_TYPE_NAMES, type ExportFormat } from "./types";

const HELP = `Usage: npm run export -- <type> [--format csv|json|ndjson] [--where JSON] [--out FILE] [--bom]

Streams one list of the graph, every row with its source passage, from DATABASE_URL.

  <type>           ${EXPORT_TYPE_NAMES.join(", ")}
  --format, -f     csv (RFC 4180, header row; the default), json (one array) or ndjson (one object per line)
  --where, -w      a filter, as JSON: the same object as the GraphQL where input of that list,
                   e.g. '{"investment":{"gte":5000000000}}' or '{"place":{"is":{"within":{"slug":"qingdao"}}}}'
  --out, -o        write to FILE instead of standard output
  --bom            start CSV with a UTF-8 byte order mark (Excel then reads Chinese text right)
  --help, -h       this text

Progress (rows and rows per second) goes to standard error when it is a terminal.
Exit codes: 0 done, 2 bad arguments or a filter the API refuses, 1 anything else.
The same exports over HTTP: GET /export/<type>.<format>?where=<JSON>.`;

class UsageError extends Error {}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: "string", short: "f", default: "csv" },
      where: { type: "string", short: "w" },
      out: { type: "string", short: "o" },
      bom: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return { help: true as const };
  const [type, ...rest] = positionals;
  if (!type) throw new UsageError(`name what to export: one of ${EXPORT_TYPE_NAMES.join(", ")}`);
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (!EXPORT_TYPE_NAMES.includes(type)) throw new UsageError(`no export named "${type}": one of ${EXPORT_TYPE_NAMES.join(", ")}`);
  if (!(EXPORT_FORMATS as readonly string[]).includes(values.format!)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(", ")} (got "${values.format}")`);
  let where: unknown = null;
  if (values.where !== undefined) {
    try {
      where = JSON.parse(values.where);
    } catch {
      throw new UsageError("--where must be JSON: the same object as the GraphQL where input");
    }
  }
  return { help: false as const, type, format: values.format as ExportFormat, where, out: values.out, bom: values.bom! };
}

/** Passes rows on, counting them, and reports the count on a terminal twice a second at most. */
async function* withProgress<T>(rows: AsyncIterable<T>): AsyncGenerator<T> {
  const started = performance.now();
  let count = 0;
  let shown = 0;
  const show = (end: string) => {
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(`\r${count.toLocaleString("en")} rows, ${Math.round(count / Math.max(seconds, 0.001)).toLocaleString("en")} rows/s${end}`);
  };
  for await (const row of rows) {
    count += 1;
    if (process.stderr.isTTY && performance.now() - shown > 500) {
      shown = performance.now();
      show("");
    }
    yield row;
  }
  if (process.stderr.isTTY) show("\n");
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parse(argv);
  } catch (error) {
    process.stderr.write(`export: ${(error as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  // A deadline per page (REQUEST_TIMEOUT_MS) as for any request; no rate limit or cache in a local process.
  const config = loadConfig({ ...process.env, RATE_LIMIT_POINTS: "0", RESPONSE_CACHE_BYTES: "0" });
  const db = createPrismaClient(config.DATABASE_URL);
  setCursorSecret(config.CURSOR_SECRET ?? (await persistedCursorSecret(db)));
  const apollo = await createServer({ config });
  await apollo.start();
  try {
    const { type, rows } = await openExport(runThrough(apollo, db), args.type, args.where);
    const out = args.out ? fs.createWriteStream(args.out) : process.stdout;
    await pipeline(encode(withProgress(rows), type, args.format, { bom: args.bom }), out);
    return 0;
  } catch (error) {
    if (error instanceof ExportError) {
      process.stderr.write(`export: ${error.code}: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`export failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await apollo.stop();
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    process.stderr.write(`export failed: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
