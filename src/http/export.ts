import type { ApolloServer } from "@apollo/server";
import type { FastifyInstance } from "fastify";
import type { Context } from "../context";
import type { Db } from "../db";
import { ErrorCode } from "../errors";
import { CONTENT_TYPES, ExportError, encode, openExport, runThrough } from "../export/exporter";
import { EXPORT_FORMATS, EXPORT_TYPE_NAMES, type ExportFormat } from "../export/types";
import { sendError } from "./errors";

const STATUS_BY_CODE: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.QUERY_BUDGET_EXCEEDED]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.TIMEOUT]: 504,
};

/**
 * `GET /export/<type>.<csv|json|ndjson>?where=<JSON>&bom=1`: a whole list,
 * streamed page by page as the client reads it. The `where` is the GraphQL
 * where input as JSON; a refused one is answered with its GraphQL error and
 * status before the stream starts. A client that goes away stops the paging.
 */
export function registerExportRoutes(app: FastifyInstance, apollo: ApolloServer<Context>, db: Db): void {
  app.get("/export/:file", async (request, reply) => {
    const { file } = request.params as { file: string };
    const match = /^([a-z]+)\.([a-z]+)$/.exec(file);
    const [typeName, format] = match ? [match[1], match[2] as ExportFormat] : [];
    if (!typeName || !EXPORT_TYPE_NAMES.includes(typeName) || !EXPORT_FORMATS.includes(format!)) {
      return sendError(reply, 404, `No export ${file}: try /export/<${EXPORT_TYPE_NAMES.join("|")}>.<${EXPORT_FORMATS.join("|")}>`);
    }
    const query = request.query as { where?: unknown; bom?: unknown };
    let where: unknown = null;
    if (typeof query.where === "string" && query.where.trim() !== "") {
      try {
        where = JSON.parse(query.where);
      } catch {
        return sendError(reply, 400, "where must be JSON: the same object as the GraphQL where input", {}, ErrorCode.BAD_USER_INPUT);
      }
    }
    const client = new AbortController();
    reply.raw.once("close", () => reply.raw.writableFinished || client.abort(new Error("client disconnected")));
    let opened;
    try {
      opened = await openExport(runThrough(apollo, db, { signal: client.signal, requestId: request.id }), typeName, where, { signal: client.signal });
    } catch (error) {
      if (!(error instanceof ExportError)) throw error;
      const { code: _code, ...extensions } = error.errors[0].extensions ?? {};
      return sendError(reply, STATUS_BY_CODE[error.code] ?? 500, error.errors[0].message, extensions, error.code);
    }
    const body = encode(opened.rows, opened.type, format!, { bom: query.bom === "1" || query.bom === "true" });
    // A failure after the first page can no longer change the status: the stream is cut, and the log says why.
    body.on("error", (error) => request.log.warn({ err: error }, "export stopped"));
    return reply
      .header("content-type", CONTENT_TYPES[format!])
      .header("content-disposition", `attachment; filename="${typeName}.${format}"`)
      .header("cache-control", "no-store")
      .send(body);
  });
}
