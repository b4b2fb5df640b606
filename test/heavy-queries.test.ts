import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../src/context";
import { postJson, startHttpApp } from "./support/http";

/**
 * Heavy operations (HEAVY_QUERY_NODES or more possible nodes) execute
 * HEAVY_QUERY_CONCURRENCY at a time; everything else runs at once. A test
 * plugin holds chosen requests at the start of execution (while the gate's
 * slot is theirs) until the test lets them go, and records when each
 * request's resolvers started, so the order is seen through real HTTP.
 */

const HEAVY = `{ places(first: 50) { nodes { name projects(first: 50) { nodes { name } } } } }`; // 2,550 nodes
const LIGHT = `{ project(slug: "tianan-sci-tech-city") { name } }`;

function holdingPlugin() {
  const held = new Map<string, () => void>();
  const resolving: string[] = [];
  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart({ request }) {
      const name = request.http?.headers.get("x-test-name") ?? "";
      return {
        async executionDidStart() {
          if (request.http?.headers.get("x-test-hold")) await new Promise<void>((release) => held.set(name, release));
          let first = true;
          return {
            willResolveField() {
              if (first) resolving.push(name);
              first = false;
            },
          };
        },
      };
    },
  };
  return { plugin, held, resolving };
}

const send = (endpoint: string, query: string, name: string, hold = false) =>
  postJson(endpoint, { query }, { "x-test-name": name, accept: "application/graphql-response+json", ...(hold ? { "x-test-hold": "1" } : {}) }).then(async (r) => ({
    status: r.status,
    json: await r.json(),
  }));

const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

test("with one slot, a second heavy query waits for the first while light queries run at once", async () => {
  const { plugin, held, resolving } = holdingPlugin();
  const server = await startHttpApp({ HEAVY_QUERY_NODES: "1000", HEAVY_QUERY_CONCURRENCY: "1", RESPONSE_CACHE_BYTES: "0" }, { plugins: [plugin] });
  try {
    const first = send(server.endpoint, HEAVY, "first", true);
    await until(() => held.has("first"));
    const second = send(server.endpoint, HEAVY, "second");
    const light = await send(server.endpoint, LIGHT, "light");
    expect(light.json.data.project.name).toBe("青岛天安科创城");
    await new Promise((r) => setTimeout(r, 200));
    expect(resolving).toEqual(["light"]);
    held.get("first")!();
    const [a, b] = await Promise.all([first, second]);
    expect(resolving).toEqual(["light", "first", "second"]);
    expect(a.json.data.places.nodes.length).toBeGreaterThan(0);
    expect(b.json).toEqual(a.json);
  } finally {
    await server.close();
  }
});

test("with two slots, two heavy queries run side by side", async () => {
  const { plugin, held, resolving } = holdingPlugin();
  const server = await startHttpApp({ HEAVY_QUERY_NODES: "1000", HEAVY_QUERY_CONCURRENCY: "2", RESPONSE_CACHE_BYTES: "0" }, { plugins: [plugin] });
  try {
    const first = send(server.endpoint, HEAVY, "first", true);
    await until(() => held.has("first"));
    const second = await send(server.endpoint, HEAVY, "second");
    expect(second.status).toBe(200);
    expect(resolving).toEqual(["second"]);
    held.get("first")!();
    expect((await first).status).toBe(200);
  } finally {
    await server.close();
  }
});

test("a heavy query that waits past its deadline gets TIMEOUT, and the slot is still there for the next", async () => {
  const { plugin, held, resolving } = holdingPlugin();
  const server = await startHttpApp({ HEAVY_QUERY_NODES: "1000", HEAVY_QUERY_CONCURRENCY: "1", REQUEST_TIMEOUT_MS: "300", RESPONSE_CACHE_BYTES: "0" }, { plugins: [plugin] });
  try {
    const first = send(server.endpoint, HEAVY, "first", true);
    await until(() => held.has("first"));
    const late = await send(server.endpoint, HEAVY, "late");
    expect(late.status).toBe(504);
    expect(late.json.errors.map((e: any) => e.extensions.code)).toEqual(["TIMEOUT"]);
    expect(late.json.data).toBeUndefined();
    held.get("first")!();
    await first;
    // Both slots' holders are done (the late one never held it): the next heavy query runs.
    const next = await send(server.endpoint, HEAVY, "next");
    expect(next.status).toBe(200);
    expect(next.json.data.places.nodes.length).toBeGreaterThan(0);
    expect(resolving).toContain("next");
  } finally {
    await server.close();
  }
});

test("a query under HEAVY_QUERY_NODES never waits for a slot", async () => {
  const { plugin, held, resolving } = holdingPlugin();
  const server = await startHttpApp({ HEAVY_QUERY_NODES: "1000000", HEAVY_QUERY_CONCURRENCY: "1", RESPONSE_CACHE_BYTES: "0" }, { plugins: [plugin] });
  try {
    const first = send(server.endpoint, HEAVY, "first", true);
    await until(() => held.has("first"));
    const second = await send(server.endpoint, HEAVY, "second");
    expect(second.status).toBe(200);
    expect(resolving).toEqual(["second"]);
    held.get("first")!();
    await first;
  } finally {
    await server.close();
  }
});
