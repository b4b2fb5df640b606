import Fastify from "fastify";
import { conditionalGet, dataEtag, etagMatches } from "../src/plugins/use-http-caching";
import { generateDataset } from "../src/seed/generate";
import { readDataVersion } from "../src/services/data-version";
import type { TestDatabase } from "./support/databases";
import { type HttpApp, postJson, seededDatabase, startHttpApp } from "./support/http";

type App = HttpApp & { db: Parameters<typeof generateDataset>[0] };
let database: TestDatabase;
let http: App;
beforeAll(async () => {
  database = await seededDatabase();
  // Without the response cache, so that each 200 below is computed.
  http = (await startHttpApp({ RESPONSE_CACHE_BYTES: "0" }, { database })) as App;
});
afterAll(async () => {
  await http?.close();
  await database?.drop();
});

const QUERY = 'query Districts { places(where: { kind: { equals: DISTRICT } }) { nodes { name projects { nodes { name } } } } }';
const get = (query: string, headers: Record<string, string> = {}) =>
  fetch(`${http.endpoint}?query=${encodeURIComponent(query)}`, {
    // Apollo's CSRF prevention wants a header a simple cross-site request cannot send.
    headers: { accept: "application/graphql-response+json", "apollo-require-preflight": "1", ...headers },
  });

describe("GET queries", () => {
  test("carry an ETag and may be stored if revalidated; If-None-Match with it gets a bodiless 304", async () => {
    const first = await get(QUERY);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(first.headers.get("cache-control")).toBe("public, no-cache");
    expect(JSON.stringify(await first.json())).toContain("青岛天安科创城");

    const again = await get(QUERY, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");

    const other = await get(QUERY.replace("Districts", "Districts2"), { "if-none-match": etag });
    expect(other.status).toBe(200);
    expect(other.headers.get("etag")).not.toBe(etag);
  });

  test("a write to the data gives a new ETag, so the old one gets the new answer", async () => {
    const before = (await get(QUERY)).headers.get("etag")!;
    await generateDataset(http.db, { projects: 5 });
    const after = await get(QUERY, { "if-none-match": before });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(before);
    expect(after.headers.get("etag")).toBe(dataEtag(await readDataVersion(http.db), `?query=${encodeURIComponent(QUERY)}`, "application/graphql-response+json"));
  });

  test("POSTs and answers with errors are not stored", async () => {
    const post = await postJson(http.endpoint, { query: QUERY });
    expect(post.status).toBe(200);
    expect(post.headers.get("etag")).toBeNull();
    expect(post.headers.get("cache-control")).toBe("no-store");
    const failed = await get('query Bad { node(id: "nope") { id } }');
    expect(failed.headers.get("etag")).toBeNull();
    expect(failed.headers.get("cache-control")).toBe("no-store");
  });

  test("large answers are compressed for clients that accept it (gzip or Brotli)", async () => {
    for (const encoding of ["gzip", "br"]) {
      const response = await get(QUERY, { "accept-encoding": encoding });
      expect(response.headers.get("content-encoding")).toBe(encoding);
      expect(JSON.stringify(await response.json())).toContain("青岛天安科创城");
    }
  });
});

describe("conditionalGet, for GET routes beside GraphQL (exports)", () => {
  test("answers 304 to the ETag it sent for the same version and URL, and 200 otherwise", async () => {
    const app = Fastify();
    let version = "1";
    app.get("/export/x.csv", (request, reply) => (conditionalGet(request, reply, version) ? reply : reply.send("a,b\n")));
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    const first = await fetch(`${base}/export/x.csv`);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(first.headers.get("cache-control")).toBe("public, no-cache");
    const again = (path: string) => fetch(`${base}${path}`, { headers: { "if-none-match": etag } });
    expect((await again("/export/x.csv")).status).toBe(304);
    expect((await again("/export/x.csv?where=1")).status).toBe(200);
    version = "2";
    expect((await again("/export/x.csv")).status).toBe(200);
    await app.close();
  });

  test("If-None-Match compares weakly, in lists and with *", () => {
    expect(etagMatches('"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('W/"x", W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches("*", 'W/"abc"')).toBe(true);
    expect(etagMatches('W/"abd"', 'W/"abc"')).toBe(false);
    expect(etagMatches(undefined, 'W/"abc"')).toBe(false);
  });
});

describe("CORS", () => {
  test("any origin by default, without credentials", async () => {
    const response = await fetch(http.endpoint, { method: "OPTIONS", headers: { origin: "https://app.example", "access-control-request-method": "POST" } });
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  test("CORS_ORIGINS lets only the listed origins read answers", async () => {
    const listed = await startHttpApp({ CORS_ORIGINS: "https://a.example, https://b.example" }, { database });
    try {
      const preflight = (origin: string) =>
        fetch(listed.endpoint, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" } });
      expect((await preflight("https://b.example")).headers.get("access-control-allow-origin")).toBe("https://b.example");
      expect((await preflight("https://c.example")).headers.get("access-control-allow-origin")).toBeNull();
      const answer = await postJson(listed.endpoint, { query: "query Name { article { title } }" }, { origin: "https://a.example" });
      expect(answer.headers.get("access-control-allow-origin")).toBe("https://a.example");
    } finally {
      await listed.close();
    }
  });
});
