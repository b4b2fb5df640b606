import { createContext } from "../src/context";
import { sqlReader } from "../src/services/sql";
import { type TestApi, startTestApi } from "./support/api";

/**
 * Reads leave out the columns no field of the operation needs
 * (src/services/read-columns.ts): what a request selects still comes back
 * in full, however it is selected, and sorts and lookups still find their rows.
 */
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

/** The SQL texts sent while `work` runs. */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const texts: string[] = [];
  const unsubscribe = sqlReader(api.db).onStatement((s) => texts.push(s.sql));
  try {
    await work();
  } finally {
    unsubscribe();
  }
  return texts;
}

const NAMES_ONLY = `{ places(first: 100) { nodes { name projects(first: 100) { nodes { name organizations { nodes { name } } events { nodes { name } } figures { nodes { value } } } } } } }`;

test("an operation that selects no description or passage reads neither column", async () => {
  const texts = await statementsOf(() => api.data(NAMES_ONLY));
  // What each statement reads: its SELECT list, up to the first FROM.
  const lists = texts.map((t) => /^\s*SELECT\s+([\s\S]*?)\s+FROM\s/.exec(t)?.[1] ?? t);
  expect(lists.some((l) => l.includes('"name"'))).toBe(true);
  expect(lists.filter((l) => /(^|[\s.,])\*/.test(l) || l.includes('"description"') || l.includes('"sourceExcerpt"'))).toEqual([]);
});

test("a nested page's description and passage come back when selected, as the project's own lookup gives them", async () => {
  const data = await api.data(`{ place(slug: "chengyang") { projects(first: 10) { nodes { slug description source { start end excerpt } } } } }`);
  const nodes = data.place.projects.nodes;
  expect(nodes.length).toBeGreaterThan(1);
  expect(nodes.some((n: any) => n.description)).toBe(true);
  for (const node of nodes) {
    const own = await api.data(`query($slug: String!) { project(slug: $slug) { slug description source { start end excerpt } } }`, { slug: node.slug });
    expect(node).toEqual(own.project);
    expect(node.source.excerpt.length).toBeGreaterThan(0);
  }
});

test("fields selected only through fragments on an interface or a union still come back", async () => {
  const plain = await api.data(`{ place(slug: "chengyang") { projects(first: 10) { nodes { name description source { excerpt } } } } }`);
  const viaFragments = await api.data(`
    fragment Passage on Node { source { excerpt } }
    { place(slug: "chengyang") { projects(first: 10) { nodes { name ...Passage ... on Project { description } } } } }`);
  expect(viaFragments).toEqual(plain);
  const found = await api.data(`{ search(query: "城阳", first: 20) { nodes { __typename ... on Node { id source { excerpt } } ... on Project { description } } } }`);
  const projects = found.search.nodes.filter((n: any) => n.__typename === "Project");
  expect(found.search.nodes.every((n: any) => n.source.excerpt.length > 0)).toBe(true);
  for (const project of projects) {
    const own = await api.data(`query($id: ID!) { project(id: $id) { description } }`, { id: project.id });
    expect(project.description).toBe(own.project.description);
  }
});

test("a lookup by slug that selects only the name finds the project", async () => {
  const data = await api.data(`{ project(slug: "tianan-sci-tech-city") { name } place(slug: "chengyang") { name } }`);
  expect(data.project?.name).toBeTruthy();
  expect(data.place?.name).toBe("城阳区");
});

test("a nested list sorted by slug, which no field selects, pages on by its cursors", async () => {
  const whole = await api.data(`{ place(slug: "chengyang") { projects(first: 10, orderBy: [{ field: SLUG }]) { nodes { id slug } } } }`);
  const slugs = whole.place.projects.nodes.map((n: any) => n.slug);
  const ids = whole.place.projects.nodes.map((n: any) => n.id);
  expect(slugs.length).toBeGreaterThanOrEqual(4);
  // The same projects looked up by id first in the same request (a lookup with its place primes the project loader): the
  // page's items are those, and its cursors are made of their slugs, which no field here selects.
  const lookups = ids.map((id: string, i: number) => `p${i}: project(id: "${id}") { name place { name } }`).join(" ");
  const first = await api.data(`{ ${lookups} place(slug: "chengyang") { projects(first: 2, orderBy: [{ field: SLUG }]) { pageInfo { endCursor } nodes { name } } } }`);
  // The same cursor as the page's own, read alone.
  const alone = await api.data(`{ place(slug: "chengyang") { projects(first: 2, orderBy: [{ field: SLUG }]) { pageInfo { endCursor } } } }`);
  expect(first.place.projects.pageInfo.endCursor).toBe(alone.place.projects.pageInfo.endCursor);
  const next = await api.data(
    `query($after: String, $order: [ProjectOrder!]) { place(slug: "chengyang") { projects(first: 2, after: $after, orderBy: $order) { nodes { slug } } } }`,
    { after: first.place.projects.pageInfo.endCursor, order: [{ field: "SLUG" }] },
  );
  expect(next.place.projects.nodes.map((n: any) => n.slug)).toEqual(slugs.slice(2, 4));
});

test("one context running two operations that read different columns answers the second in full", async () => {
  const context = createContext(api.db);
  const run = async (query: string) => {
    const response = await api.server.executeOperation({ query }, { contextValue: context });
    if (response.body.kind !== "single" || response.body.singleResult.errors) throw new Error(JSON.stringify(response.body));
    return response.body.singleResult.data as any;
  };
  await run(`{ place(slug: "chengyang") { projects(first: 10) { nodes { name } } } }`);
  const second = await run(`{ place(slug: "chengyang") { projects(first: 10) { nodes { name description } } } }`);
  const fresh = await api.data(`{ place(slug: "chengyang") { projects(first: 10) { nodes { name description } } } }`);
  expect(second).toEqual(fresh);
  expect(second.place.projects.nodes.some((n: any) => n.description)).toBe(true);
  // At once, as the operations of a batched request share their context.
  const shared = createContext(api.db);
  const [narrow, wide] = await Promise.all(
    [`{ place(slug: "chengyang") { projects(first: 10) { nodes { name } } } }`, `{ place(slug: "chengyang") { projects(first: 10) { nodes { name description } } } }`].map(async (query) => {
      const response = await api.server.executeOperation({ query }, { contextValue: shared });
      return response.body.kind === "single" ? response.body.singleResult : null;
    }),
  );
  expect(narrow?.errors).toBeUndefined();
  expect(wide).toEqual({ data: fresh });
});
