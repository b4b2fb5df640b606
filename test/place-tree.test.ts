import type { ApolloServerPlugin } from "@apollo/server";
import { type Context, createContext } from "../src/context";
import { RequestStop } from "../src/request-stop";
import { createServer } from "../src/server";
import { sqlReader } from "../src/services/sql";
import { type TestApi, startTestApi } from "./support/api";

/**
 * `within` walks the place tree, which is kept between requests for the data
 * version they read (Repositories.placeTree): it must follow every change of
 * the tree, and be read again only when the data has changed.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

const WITHIN_QINGDAO = `{ projects(first: 100, where: { place: { is: { within: { slug: "qingdao" } } } }) { totalCount nodes { slug } } }`;
const isTreeRead = (sql: string) => /^SELECT "id", "parentId", "slug" FROM "Place"/.test(sql);

async function projectsWithinQingdao(): Promise<{ slugs: string[]; treeReads: number }> {
  const sent: string[] = [];
  const stop = sqlReader(api.db).onStatement((s) => sent.push(s.sql));
  try {
    const data = await api.data(WITHIN_QINGDAO);
    return { slugs: data.projects.nodes.map((n: { slug: string }) => n.slug).sort(), treeReads: sent.filter(isTreeRead).length };
  } finally {
    stop();
  }
}

test("projects within 青岛 are read from the place tree once per data version", async () => {
  const first = await projectsWithinQingdao();
  const again = await projectsWithinQingdao();
  expect(first.slugs.length).toBeGreaterThan(0);
  expect(again.slugs).toEqual(first.slugs);
  expect(again.treeReads).toBe(0);
});

test("a district moved out of 青岛 and back is outside it and then inside it again on the next request", async () => {
  const before = await projectsWithinQingdao();
  const chengyang = await api.db.place.findUniqueOrThrow({ where: { slug: "chengyang" }, include: { projects: true } });
  const shandong = await api.db.place.findUniqueOrThrow({ where: { slug: "shandong" } });
  const inChengyang = chengyang.projects.map((p) => p.slug).sort();
  expect(inChengyang.length).toBeGreaterThan(0);
  expect(before.slugs).toEqual(expect.arrayContaining(inChengyang));

  await api.db.place.update({ where: { id: chengyang.id }, data: { parentId: shandong.id } });
  try {
    const moved = await projectsWithinQingdao();
    expect(moved.treeReads).toBe(1);
    expect(moved.slugs).toEqual(before.slugs.filter((slug) => !inChengyang.includes(slug)));
  } finally {
    await api.db.place.update({ where: { id: chengyang.id }, data: { parentId: chengyang.parentId } });
  }
  expect((await projectsWithinQingdao()).slugs).toEqual(before.slugs);
});

test("a tree read refused because its request stopped is not kept: the next request reads the tree and answers in full", async () => {
  const before = await projectsWithinQingdao();
  // A new data version, so that no tree is kept for it yet.
  const chengyang = await api.db.place.findUniqueOrThrow({ where: { slug: "chengyang" } });
  const shandong = await api.db.place.findUniqueOrThrow({ where: { slug: "shandong" } });
  await api.db.place.update({ where: { id: chengyang.id }, data: { parentId: shandong.id } });
  await api.db.place.update({ where: { id: chengyang.id }, data: { parentId: chengyang.parentId } });

  // The caller goes away as the operation starts executing, before the filter's first statement: the tree read.
  const caller = new RequestStop();
  const goneAtExecution: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async executionDidStart() {
          caller.abort(new Error("caller gone"));
        },
      };
    },
  };
  const server = await createServer({ plugins: [goneAtExecution] });
  await server.start();
  const sent: string[] = [];
  const stop = sqlReader(api.db).onStatement((s) => sent.push(s.sql));
  try {
    const response = await server.executeOperation({ query: WITHIN_QINGDAO }, { contextValue: createContext(api.db, { signal: caller }) });
    if (response.body.kind !== "single") throw new Error("expected a single result");
    expect(response.body.singleResult.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[["projects"], "CLIENT_CLOSED_REQUEST"]]);
    expect(sent.filter(isTreeRead)).toEqual([]);
  } finally {
    stop();
    await server.stop();
  }

  const next = await projectsWithinQingdao();
  expect(next).toEqual({ slugs: before.slugs, treeReads: 1 });
  expect((await projectsWithinQingdao()).treeReads).toBe(0);
});
