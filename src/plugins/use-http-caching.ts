import crypto from "node:crypto";
import { type ApolloServerPlugin, HeaderMap } from "@apollo/server";
import type { FastifyReply, FastifyRequest } from "fastify";
import { OperationTypeNode } from "graphql";
import type { Context } from "../context";

/**
 * ETag and Cache-Control for answers that are a function of the data version
 * (src/services/data-version.ts) and the request: GET queries here, exports
 * through `conditionalGet`. The data changes only when it is seeded or
 * generated, and every such write moves the version, so a browser or proxy
 * may keep an answer and revalidate it with If-None-Match: a 304 costs one
 * read of the version instead of the query. Answers are stored but always
 * revalidated (`no-cache`), since nobody can say when the next seed comes.
 */

export const REVALIDATE = "public, no-cache";

/** A weak ETag (compressed and identity bodies share it) over the data version and what chose the answer. */
export function dataEtag(version: string, ...parts: string[]): string {
  const hash = crypto.createHash("sha256").update(version);
  for (const part of parts) hash.update("\0").update(part);
  return `W/"${hash.digest("base64url").slice(0, 27)}"`;
}

/** If-None-Match against an ETag, weak comparison (RFC 9110 13.1.2): a list of tags or `*`. */
export function etagMatches(ifNoneMatch: string | undefined | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}

/**
 * For GET routes beside GraphQL (exports): sends ETag and Cache-Control and,
 * when the client already has this version, a bodiless 304. Returns true when
 * it answered; the caller then sends nothing.
 */
export function conditionalGet(request: FastifyRequest, reply: FastifyReply, version: string, parts: string[] = [request.url]): boolean {
  const etag = dataEtag(version, ...parts);
  void reply.header("etag", etag).header("cache-control", REVALIDATE);
  if (!etagMatches(request.headers["if-none-match"], etag)) return false;
  void reply.code(304).send();
  return true;
}

/**
 * GET queries: ETag over the data version, the query string and Accept (which
 * chooses the content type), and 304 on If-None-Match. Registered after the
 * query budget and the rate limit (a 304 is checked and paid for like any
 * answer) and before the response cache (a 304 needs no answer at all).
 * Everything else (POSTs, answers with errors) gets `no-store`, which
 * Apollo's cache-control plugin used to send (it is off: src/server.ts).
 */
export function useHttpCaching(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      if (request.http?.method !== "GET") {
        return { willSendResponse: async ({ response }) => void response.http.headers.set("cache-control", "no-store") };
      }
      let etag: string | undefined;
      let notModified = false;
      return {
        async responseForOperation({ contextValue, operation }) {
          if (operation.operation !== OperationTypeNode.QUERY) return null;
          etag = dataEtag(await contextValue.dataVersion(), request.http!.search, request.http!.headers.get("accept") ?? "");
          notModified = etagMatches(request.http!.headers.get("if-none-match"), etag);
          return notModified ? { http: { status: 304, headers: new HeaderMap() }, body: { kind: "single", singleResult: {} } } : null;
        },
        async willSendResponse({ response }) {
          if (!etag || response.body.kind !== "single" || (!notModified && response.body.singleResult.errors)) {
            response.http.headers.set("cache-control", "no-store");
            return;
          }
          response.http.headers.set("etag", etag);
          response.http.headers.set("cache-control", REVALIDATE);
          if (notModified) response.http.status = 304;
        },
      };
    },
  };
}
