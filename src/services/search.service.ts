import { BadUserInputError } from "../errors";
import { SearchType } from "../models/search.type";
import { NODE_TYPES, type NodeTypeName } from "../node";
import { type OrderTerm, type PageArgs, encodeCursor, listShape, pageWindow } from "../pagination";
import type { Db } from "../db";
import type { ServiceDeps } from "./base.service";
import type { Repositories } from "./repository";

export const MAX_QUERY_LENGTH = 100;
const SNIPPET_CONTEXT = 25;

/** Hits are ranked by field, then by where and in how long a text the query appears. */
const RANK_TERMS: OrderTerm[] = [
  { column: "rank", desc: false, nullable: false, bigint: false },
  { column: "type", desc: false, nullable: false, bigint: false },
];

interface Hit {
  type: NodeTypeName;
  recordId: number;
  field: string;
  text: string;
  rank: number;
}

/**
 * Substring search in any script and of any length. SQLite: an FTS5 trigram
 * index answers queries of three or more characters; shorter ones (青, 青岛)
 * scan the same table with LIKE. PostgreSQL: ILIKE over a pg_trgm GIN index.
 * Triggers keep both indexes in step with the data (see the migrations).
 */
export class SearchService {
  private readonly repos: Repositories;

  constructor(
    deps: ServiceDeps,
    private readonly db: Db,
  ) {
    this.repos = deps.repos;
  }

  async search(args: { query: string; types?: SearchType[] | null } & PageArgs) {
    const query = args.query.trim();
    const length = Array.from(query).length;
    if (length === 0 || length > MAX_QUERY_LENGTH) {
      throw new BadUserInputError(`query must be 1 to ${MAX_QUERY_LENGTH} characters`, { argumentName: "query" });
    }
    if (args.last != null || args.before != null) throw new BadUserInputError("search pages forward only: use first and after", { argumentName: "last" });
    const types = args.types?.length ? [...new Set(args.types)] : Object.values(SearchType);
    const shape = listShape(RANK_TERMS, { search: query.toLowerCase(), types: [...types].sort() });
    const w = pageWindow(args, shape);
    const after = w.after ? { rank: Number(w.after.values[0]), type: String(w.after.values[1]), id: w.after.id } : null;
    const [hits, totalCount] = await Promise.all([this.page(query, types, after, w.size + 1), this.count(query, types)]);
    const page = hits.slice(0, w.size);
    const nodes = await Promise.all(page.map((h) => this.repos[NODE_TYPES[h.type]].byId.load(h.recordId)));
    const edges = page.map((hit, i) => ({
      cursor: encodeCursor(shape, { dbId: hit.recordId, rank: hit.rank, type: hit.type }),
      node: nodes[i],
      rank: hit.rank,
      field: hit.field,
      ...snippet(hit.text, query),
    }));
    return {
      edges,
      nodes,
      totalCount,
      pageInfo: {
        hasNextPage: hits.length > w.size,
        hasPreviousPage: after !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }

  /** The matching documents as SQL, with its parameters, in this database's dialect. */
  private matches(query: string, types: string[]): { sql: string; params: unknown[] } {
    const like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    if (this.db.provider === "postgresql") {
      const typeList = types.map((_, i) => `$${i + 3}`).join(", ");
      return {
        sql: `SELECT "type", "recordId", "field", "text",
                (CASE "field" WHEN 'name' THEN 0 WHEN 'alias' THEN 1 WHEN 'text' THEN 2 ELSE 3 END) * 1000000
                + LEAST(strpos(lower("text"), lower($1)) - 1, 999) * 1000 + LEAST(char_length("text"), 999) AS "rank"
              FROM "SearchDocument" WHERE "text" ILIKE $2 AND "type" IN (${typeList})`,
        params: [query, like, ...types],
      };
    }
    const long = Array.from(query).length >= 3;
    return {
      sql: `SELECT "type", "recordId", "field", "text",
              (CASE "field" WHEN 'name' THEN 0 WHEN 'alias' THEN 1 WHEN 'text' THEN 2 ELSE 3 END) * 1000000
              + MIN(instr(lower("text"), lower(?)) - 1, 999) * 1000 + MIN(length("text"), 999) AS "rank"
            FROM "SearchIndex" WHERE ${long ? `"SearchIndex" MATCH ?` : `"text" LIKE ? ESCAPE '\\'`}
              AND "type" IN (${types.map(() => "?").join(", ")})`,
      params: [query, long ? `"${query.replace(/"/g, '""')}"` : like, ...types],
    };
  }

  /** One page of records, each with its best-ranked matching text; keyset on (rank, type, id). */
  private async page(query: string, types: string[], after: { rank: number; type: string; id: number } | null, limit: number): Promise<Hit[]> {
    const { sql, params } = this.matches(query, types);
    const pg = this.db.provider === "postgresql";
    const p = (i: number) => (pg ? `$${params.length + i}` : "?");
    const keyset = after ? `AND ("rank", "type", "recordId") > (${p(1)}, ${p(2)}, ${p(3)})` : "";
    const rows = await this.db.$queryRawUnsafe<Hit[]>(
      `WITH hits AS (${sql}),
            best AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY "type", "recordId" ORDER BY "rank", "field") AS n FROM hits)
       SELECT "type", "recordId", "field", "text", "rank" FROM best
       WHERE n = 1 ${keyset}
       ORDER BY "rank", "type", "recordId" LIMIT ${pg ? `$${params.length + (after ? 4 : 1)}` : "?"}`,
      ...params,
      ...(after ? [after.rank, after.type, after.id] : []),
      limit,
    );
    return rows.map((r) => ({ ...r, recordId: Number(r.recordId), rank: Number(r.rank) }));
  }

  private async count(query: string, types: string[]): Promise<number> {
    const { sql, params } = this.matches(query, types);
    const [row] = await this.db.$queryRawUnsafe<{ n: number | bigint }[]>(
      `SELECT COUNT(*) AS n FROM (SELECT DISTINCT "type", "recordId" FROM (${sql}) AS hits) AS records`,
      ...params,
    );
    return Number(row.n);
  }
}

/** The text around the first match, cut at about SNIPPET_CONTEXT characters each side. */
function snippet(text: string, query: string): { snippet: string; matchStart: number } {
  const chars = Array.from(text);
  const lower = Array.from(text.toLowerCase());
  const q = Array.from(query.toLowerCase());
  let at = 0;
  for (let i = 0; i + q.length <= lower.length; i++) {
    if (q.every((c, j) => lower[i + j] === c)) {
      at = i;
      break;
    }
  }
  const start = Math.max(0, at - SNIPPET_CONTEXT);
  const end = Math.min(chars.length, at + q.length + SNIPPET_CONTEXT);
  const prefix = start > 0 ? "…" : "";
  return { snippet: prefix + chars.slice(start, end).join("") + (end < chars.length ? "…" : ""), matchStart: at - start + prefix.length };
}
