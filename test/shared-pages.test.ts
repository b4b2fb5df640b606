import { type TestApi, startTestApi } from "./support/api";

/*
 * A request makes each nested page once for its arguments and parent
 * (NodeService.once in src/services/base.service.ts): an organization reached
 * under several projects hands each of them the same page. These tests check
 * that page against the one the organization's (or person's) own lookup
 * makes, where it is asked for once.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const PEOPLE = `people(first: 2) { totalCount nodes { slug } edges { cursor role node { slug } } pageInfo { startCursor endCursor hasNextPage hasPreviousPage } }`;
const QUOTES = `quotes(first: 1) { totalCount nodes { text } pageInfo { endCursor hasNextPage } }`;

test("an organization under several projects answers its people page under each as its own lookup does", async () => {
  const data = await api.data(`{ projects(first: 100) { nodes { slug organizations { edges { node { slug ${PEOPLE} } } } } } }`);
  const seen = new Map<string, unknown[]>();
  for (const project of data.projects.nodes) {
    for (const { node } of project.organizations.edges) seen.set(node.slug, [...(seen.get(node.slug) ?? []), node.people]);
  }
  for (const project of data.projects.nodes) {
    const own = await api.data(`{ project(slug: "${project.slug}") { organizations { edges { node { slug } } } } }`);
    expect(project.organizations.edges.map((e: { node: { slug: string } }) => e.node.slug)).toEqual(own.project.organizations.edges.map((e: { node: { slug: string } }) => e.node.slug));
  }
  const repeated = [...seen].filter(([, pages]) => pages.length > 1);
  // The article has organizations behind more than one project (the memo is exercised, not skipped).
  expect(repeated.length).toBeGreaterThan(0);
  for (const [slug, pages] of seen) {
    const own = await api.data(`{ organization(slug: "${slug}") { ${PEOPLE} } }`);
    for (const page of pages) expect(page).toEqual(own.organization.people);
  }
});

test("a person reached through several organizations answers its quotes page under each as its own lookup does, and its cursor pages on", async () => {
  const data = await api.data(`{ organizations(first: 100) { nodes { people(first: 20) { nodes { slug ${QUOTES} } } } } }`);
  const seen = new Map<string, unknown[]>();
  for (const org of data.organizations.nodes) for (const person of org.people.nodes) seen.set(person.slug, [...(seen.get(person.slug) ?? []), person.quotes]);
  expect([...seen.values()].some((pages) => pages.length > 1)).toBe(true);
  for (const [slug, pages] of seen) {
    const own = await api.data(`{ person(slug: "${slug}") { ${QUOTES} } }`);
    for (const page of pages) expect(page).toEqual(own.person.quotes);
    const { endCursor, hasNextPage } = own.person.quotes.pageInfo;
    if (!hasNextPage) continue;
    const next = await api.data(`query($after: String) { person(slug: "${slug}") { quotes(first: 1, after: $after) { nodes { text } } } }`, { after: endCursor });
    expect(next.person.quotes.nodes[0].text).not.toBe(own.person.quotes.nodes[0].text);
  }
});

/** Lazy parts of a shared page (totalCount, aggregate, signed cursors), with and without a filter (firstBy's and connectionFromRows' paths). */
const FIGURES = `all: figures(first: 1) { totalCount aggregate { count sum avg min max approximate overlapping excluded { slug } overlaps { slug } } edges { cursor node { slug } } pageInfo { endCursor hasNextPage } }
  cny: figures(first: 1, where: { unit: { equals: CNY } }) { totalCount aggregate { count sum approximate } edges { cursor node { slug } } pageInfo { endCursor hasNextPage } }`;

test("an organization under several projects answers its figures' totalCount, aggregate and cursors under each as its own lookup does", async () => {
  const data = await api.data(`{ projects(first: 100) { nodes { organizations { edges { node { slug ${FIGURES} } } } } } }`);
  const seen = new Map<string, unknown[]>();
  for (const project of data.projects.nodes) {
    for (const { node } of project.organizations.edges) seen.set(node.slug, [...(seen.get(node.slug) ?? []), { all: node.all, cny: node.cny }]);
  }
  // Organizations behind more than one project, with figures: the shared page's lazy parts are read more than once.
  expect([...seen.values()].some((pages) => pages.length > 1 && (pages[0] as { all: { totalCount: number } }).all.totalCount > 0)).toBe(true);
  for (const [slug, pages] of seen) {
    const own = await api.data(`{ organization(slug: "${slug}") { ${FIGURES} } }`);
    for (const page of pages) expect(page).toEqual({ all: own.organization.all, cny: own.organization.cny });
  }
});
