import { ApolloClient, CombinedGraphQLErrors, HttpLink, InMemoryCache, NetworkStatus, type ObservableQuery, gql } from "@apollo/client";
import fs from "node:fs";
import { cacheConfig, possibleTypes, typePolicies } from "../client";
import { clientFacts } from "../client/facts";
import { createSchema } from "../src/schema";
import { type GeneratedDataset, generateDataset } from "../src/seed/generate";
import type { TestDatabase } from "./support/databases";
import { type HttpApp, seededDatabase, startHttpApp } from "./support/http";

/**
 * The Apollo Client kit (client/) with the real @apollo/client 4 in Node,
 * against the real HTTP server over the article plus 10,000 generated projects.
 */
let database: TestDatabase;
let http: HttpApp;
let generated: GeneratedDataset;
beforeAll(async () => {
  database = await seededDatabase();
  http = await startHttpApp({ RATE_LIMIT_POINTS: "0" }, { database });
  generated = await generateDataset((http as HttpApp & { db: Parameters<typeof generateDataset>[0] }).db, { projects: 10_000 });
}, 180_000);
afterAll(async () => {
  await http?.close();
  await database?.drop();
});

const newClient = (config = cacheConfig) => new ApolloClient({ link: new HttpLink({ uri: http.endpoint }), cache: new InMemoryCache(config) });

const TIANAN = "tianan-sci-tech-city";

test("the committed possibleTypes.json and client/connections.json match the schema (run `npm run schema` after changing types)", async () => {
  for (const [file, text] of Object.entries(clientFacts(await createSchema()))) expect(fs.readFileSync(file, "utf8")).toBe(text);
});

describe("normalization", () => {
  test("project, projects and node answers for one project share one cache entry", async () => {
    const client = newClient();
    const one = await client.query({ query: gql`query One($slug: String!) { project(slug: $slug) { id name } }`, variables: { slug: TIANAN } });
    const id = one.data!.project.id;
    const list = await client.query({
      query: gql`query Listed($slug: String!) { projects(where: { slug: { equals: $slug } }) { nodes { id name } } }`,
      variables: { slug: TIANAN },
    });
    const byNode = await client.query({ query: gql`query ByNode($id: ID!) { node(id: $id) { id ... on Project { name } } }`, variables: { id } });
    expect(one.data!.project.name).toBe("青岛天安科创城");
    expect(list.data!.projects.nodes).toEqual([{ __typename: "Project", id, name: "青岛天安科创城" }]);
    expect(byNode.data!.node).toEqual({ __typename: "Project", id, name: "青岛天安科创城" });

    const entries = Object.keys(client.cache.extract()).filter((key) => key.startsWith("Project:"));
    expect(entries).toEqual([client.cache.identify({ __typename: "Project", id })]);
    // A change to the one entry shows in all three answers.
    client.cache.modify({ id: client.cache.identify({ __typename: "Project", id }), fields: { name: () => "改名" } });
    const read = (query: any, variables: object) => client.readQuery<any>({ query, variables });
    expect(read(gql`query One($slug: String!) { project(slug: $slug) { id name } }`, { slug: TIANAN }).project.name).toBe("改名");
    expect(read(gql`query ByNode($id: ID!) { node(id: $id) { id ... on Project { name } } }`, { id }).node.name).toBe("改名");
  });

  test("a fragment on Node keeps its type's fields with the kit's possibleTypes (and loses them without)", async () => {
    const query = gql`
      query NodeFragment($id: ID!) { node(id: $id) { ...Described } }
      fragment Described on Node { id ... on Project { name } ... on Place { name kind } }
    `;
    const id = (await newClient().query({ query: gql`query Id { place(slug: "chengyang") { id } }` })).data!.place.id;
    const withKit = await newClient().query({ query, variables: { id } });
    expect(withKit.data!.node).toEqual({ __typename: "Place", id, name: "城阳区", kind: "DISTRICT" });
    expect(possibleTypes.Node).toContain("Place");

    const withoutKit = await newClient({ typePolicies }).query({ query, variables: { id } });
    expect(withoutKit.data?.node).not.toHaveProperty("name");
  });
});

describe("paging with fetchMore", () => {
  const subscriptions: { unsubscribe(): void }[] = [];
  afterAll(() => subscriptions.forEach((s) => s.unsubscribe()));

  /**
   * A watched query, subscribed as a component is: `next` fetches more and
   * resolves with the watched result once the merged list is emitted (which
   * comes after fetchMore's own promise resolves).
   */
  function watch(observable: ObservableQuery<any>) {
    let waiting: ((result: any) => void) | undefined;
    const result = new Promise<any>((resolve) => (waiting = resolve));
    subscriptions.push(
      observable.subscribe((r) => {
        if (r.dataState !== "complete" || r.networkStatus !== NetworkStatus.ready || !waiting) return;
        const resolve = waiting;
        waiting = undefined;
        resolve(r);
      }),
    );
    const next = async (variables: object) => {
      const emitted = new Promise<any>((resolve) => (waiting = resolve));
      await observable.fetchMore({ variables });
      return emitted;
    };
    return { result, next };
  }
  const generatedSlugs = () => generated.projects.map((p) => p.slug).sort();

  async function pageAll(style: "nodes" | "edges", prefix: string): Promise<{ slugs: string[]; pages: number; totalCount: number; hasNextPage: boolean }> {
    const selection = style === "nodes" ? "nodes { id slug }" : "edges { cursor node { id slug } }";
    const query = gql(`query GeneratedProjects($after: String) {
      projects(first: 100, after: $after, where: { slug: { startsWith: "${prefix}" } }, orderBy: [{ field: NAME }]) {
        totalCount ${selection} pageInfo { endCursor hasNextPage }
      }
    }`);
    const client = newClient();
    const { result: first, next } = watch(client.watchQuery<any>({ query }));
    let result = await first;
    let pages = 1;
    while (result.data.projects.pageInfo.hasNextPage) {
      result = await next({ after: result.data.projects.pageInfo.endCursor });
      pages += 1;
    }
    const items: { slug: string }[] = style === "nodes" ? result.data.projects.nodes : result.data.projects.edges.map((e: any) => e.node);
    return { slugs: items.map((n) => n.slug), pages, totalCount: result.data.projects.totalCount, hasNextPage: result.data.projects.pageInfo.hasNextPage };
  }

  // Edges cost Apollo's cache more per row (an edge object around each node), so that style pages the first 999.
  test.each([
    ["nodes", "gen-", 10_000, 100],
    ["edges", "gen-project-000", 999, 10],
  ] as const)("paging generated projects selecting %s (%s…) gives every one exactly once, in order", async (style, prefix, count, pageCount) => {
    const { slugs, pages, totalCount, hasNextPage } = await pageAll(style, prefix);
    expect(totalCount).toBe(count);
    expect(pages).toBe(pageCount);
    expect(hasNextPage).toBe(false);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect([...slugs].sort()).toEqual(generatedSlugs().filter((s) => s.startsWith(prefix)));
    const names = new Map(generated.projects.map((p) => [p.slug, p.name]));
    const inOrder = slugs.map((s) => names.get(s)!);
    expect(inOrder).toEqual([...inOrder].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  }, 180_000);

  test("a loop of client.query calls pages through all 10,000, each page read back alone; held pages come from the cache", async () => {
    let requests = 0;
    const client = new ApolloClient({
      link: new HttpLink({ uri: http.endpoint, fetch: (input, init) => (requests++, fetch(input, init)) }),
      cache: new InMemoryCache(cacheConfig),
    });
    const query = gql`query Loop($after: String) { projects(first: 100, after: $after, where: { slug: { startsWith: "gen-" } }) { nodes { id slug } pageInfo { endCursor hasNextPage } } }`;
    const cursors: (string | null)[] = [];
    let after: string | null = null;
    do {
      cursors.push(after);
      const { data }: { data: any } = await client.query({ query, variables: { after }, fetchPolicy: "network-only" });
      expect(data.projects.nodes.length).toBeLessThanOrEqual(100);
      after = data.projects.pageInfo.hasNextPage ? data.projects.pageInfo.endCursor : null;
    } while (after);
    expect(requests).toBe(100);
    const all = client.readQuery<any>({ query })!.projects.nodes.map((n: any) => n.slug);
    expect(all).toHaveLength(10_000);
    expect(new Set(all).size).toBe(10_000);
    // Page 37 again, cache-first: from the cache, the same 100 rows the server gave, no request.
    const page = await client.query<any>({ query, variables: { after: cursors[37] } });
    expect(requests).toBe(100);
    expect(page.data!.projects.nodes.map((n: any) => n.slug)).toEqual(all.slice(3700, 3800));
    expect(page.data!.projects.pageInfo).toMatchObject({ endCursor: cursors[38], hasNextPage: true });
  }, 180_000);

  test("lists with other filters or orders are kept apart; the same list merges its pages", async () => {
    const client = newClient();
    const query = gql`query Filtered($where: ProjectWhere, $after: String) { projects(first: 2, after: $after, where: $where) { nodes { id slug } pageInfo { endCursor hasNextPage } } }`;
    const article = { slug: { startsWith: "gen-" }, NOT: { slug: { startsWith: "gen-" } } };
    const gen = { slug: { startsWith: "gen-" } };
    const first = await client.query({ query, variables: { where: gen } });
    await client.query({ query, variables: { where: article } });
    // A query for the next page must go to the server: the cache answers any page of a list it holds with the whole list.
    await client.query({ query, variables: { where: gen, after: first.data!.projects.pageInfo.endCursor }, fetchPolicy: "network-only" });
    const merged = client.readQuery<any>({ query, variables: { where: gen } })!;
    expect(merged.projects.nodes).toHaveLength(4);
    expect(merged.projects.nodes.every((n: any) => n.slug.startsWith("gen-"))).toBe(true);
    const other = client.readQuery<any>({ query, variables: { where: article } })!;
    expect(other.projects.nodes).toEqual([]);
  });

  test("refetching the first page starts the list again", async () => {
    const client = newClient();
    const query = gql`query Refetched($after: String) { projects(first: 3, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } }`;
    const first = await client.query({ query });
    await client.query({ query, variables: { after: first.data!.projects.pageInfo.endCursor }, fetchPolicy: "network-only" });
    expect(client.readQuery<any>({ query })!.projects.nodes).toHaveLength(6);
    await client.query({ query, fetchPolicy: "network-only" });
    expect(client.readQuery<any>({ query })!.projects.nodes).toHaveLength(3);
  });
});

describe("errors", () => {
  test("bad input and an over-budget query reach the client as CombinedGraphQLErrors with their codes", async () => {
    const client = newClient();
    const codes = async (query: any, variables?: object) => {
      try {
        await client.query({ query, variables });
        return [];
      } catch (error) {
        expect(CombinedGraphQLErrors.is(error)).toBe(true);
        return (error as CombinedGraphQLErrors).errors.map((e) => e.extensions?.code);
      }
    };
    expect(await codes(gql`query TooMany { projects(first: 1000) { nodes { id } } }`)).toEqual(["BAD_USER_INPUT"]);
    expect(await codes(gql`query BadId { node(id: "not-an-id") { id } }`)).toEqual(["BAD_USER_INPUT"]);
    const deep = gql(`query Deep { ${"projects(first: 100) { nodes { organizations(first: 100) { nodes { ".repeat(4)} id ${"} } } }".repeat(4)} }`);
    expect(await codes(deep)).toEqual(["QUERY_BUDGET_EXCEEDED"]);
  });
});
