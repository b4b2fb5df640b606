import { Readable, Transform } from "node:stream";
import type { ApolloServer } from "@apollo/server";
import { stringify } from "csv-stringify";
import type { GraphQLFormattedError } from "graphql";
import { type Context, createContext } from "../context";
import type { Db } from "../db";
import { ErrorCode } from "../errors";
import { type ExportFormat, type ExportType, EXPORT_TYPES, type Row, pageQuery } from "./types";

/** Rows per page: the API's largest page, read by keyset (cursors), never OFFSET. */
export const EXPORT_PAGE_SIZE = 100;

export type RunOperation = (query: string, variables: Record<string, unknown>) => Promise<{ data?: any; errors?: readonly GraphQLFormattedError[] }>;

/** An export the API refused (bad `where`, over budget, past a page's deadline): its GraphQL errors, codes included. */
export class ExportError extends Error {
  constructor(readonly errors: readonly GraphQLFormattedError[]) {
    super(errors.map((e) => e.message).join("; "));
  }

  get code(): string {
    return String(this.errors[0]?.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
  }
}

/**
 * Each page is its own GraphQL operation with a fresh context: the budget and
 * the deadline apply per page, and nothing (DataLoader caches included) grows
 * with the export, so memory stays flat however many rows it has.
 */
export function runThrough(apollo: ApolloServer<Context>, db: Db, scope: { signal?: AbortSignal; requestId?: string } = {}): RunOperation {
  return async (query, variables) => {
    const response = await apollo.executeOperation({ query, variables }, { contextValue: createContext(db, scope) });
    if (response.body.kind !== "single") throw new Error("an export page must be a single result");
    return response.body.singleResult;
  };
}

/**
 * Reads the first page before returning, so that a refused export fails
 * before anything is written (an HTTP status can still be chosen); later
 * pages are read as the consumer pulls rows.
 */
export async function openExport(
  run: RunOperation,
  typeName: string,
  where: unknown,
  { pageSize = EXPORT_PAGE_SIZE, signal }: { pageSize?: number; signal?: AbortSignal } = {},
): Promise<{ type: ExportType; rows: AsyncGenerator<Row> }> {
  const type = EXPORT_TYPES[typeName];
  if (!type) throw new ExportError([{ message: `No export named "${typeName}"`, extensions: { code: ErrorCode.NOT_FOUND } }]);
  const query = pageQuery(type);
  const read = async (after: string | null) => {
    const result = await run(query, { where: where ?? null, first: pageSize, after });
    if (result.errors?.length) throw new ExportError(result.errors);
    return result.data[type.list] as { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  };
  const first = await read(null);
  async function* rows(): AsyncGenerator<Row> {
    for (let page = first; ; ) {
      for (const node of page.nodes) yield type.row(node);
      if (!page.pageInfo.hasNextPage) return;
      signal?.throwIfAborted();
      page = await read(page.pageInfo.endCursor);
    }
  }
  return { type, rows: rows() };
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  ndjson: "application/x-ndjson; charset=utf-8",
};

/**
 * Rows as bytes: CSV by RFC 4180 (header row, CRLF, quotes where needed;
 * booleans as true/false, nulls empty) with an optional UTF-8 BOM so that
 * Excel reads Chinese text right; a JSON array; or one JSON object per line.
 */
export function encode(rows: AsyncIterable<Row>, type: ExportType, format: ExportFormat, { bom = false } = {}): Readable {
  const source = Readable.from(rows, { objectMode: true, highWaterMark: EXPORT_PAGE_SIZE });
  if (format === "csv") {
    return source.pipe(
      stringify({ header: true, columns: type.columns, bom, record_delimiter: "windows", cast: { boolean: (value) => String(value) } }),
    );
  }
  let first = true;
  const json = format === "json";
  const out = new Transform({
    writableObjectMode: true,
    transform(row: Row, _encoding, done) {
      const text = JSON.stringify(row);
      done(null, json ? `${first ? "[\n" : ",\n"}${text}` : `${text}\n`);
      first = false;
    },
    flush(done) {
      done(null, json ? (first ? "[]\n" : "\n]\n") : "");
    },
  });
  source.on("error", (error) => out.destroy(error));
  return source.pipe(out);
}
