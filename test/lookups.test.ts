import { type TestApi, startTestApi } from "./support/api";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

/** Every Node type with its lookup field, list field and a slug the article gives it. */
const TYPES = [
  ["Place", "place", "places", "chengyang"],
  ["Organization", "organization", "organizations", "tianan"],
  ["Person", "person", "people", "yan-pengfei"],
  ["Position", "position", "positions", "yan-pengfei-cosmoplat-coo"],
  ["Event", "event", "events", "founding-conference"],
  ["Project", "project", "projects", "tianan-sci-tech-city"],
  ["Participation", "participation", "participations", "industrial-route-yan-pengfei"],
  ["Quote", "quote", "quotes", "huang-bei-qingdao-story"],
  ["Figure", "figure", "figures", "tianan-sci-tech-city-investment"],
  ["Technology", "technology", "technologies", "enesoon-heais-system"],
] as const;

describe.each(TYPES)("%s", (typeName, one, many, slug) => {
  test(`${one}(slug:) and ${one}(id:) find the same record, which node(id:) finds too`, async () => {
    const bySlug = await api.data(`{ ${one}(slug: "${slug}") { __typename id slug } }`);
    expect(bySlug[one]).toMatchObject({ __typename: typeName, slug });
    const id = bySlug[one].id;
    const byId = await api.data(`query($id: ID!) { ${one}(id: $id) { id slug } node(id: $id) { __typename id } }`, { id });
    expect(byId[one]).toEqual({ id, slug });
    expect(byId.node).toEqual({ __typename: typeName, id });
  });

  test(`${many} lists them all with distinct ids`, async () => {
    const data = await api.data(`{ ${many}(first: 100) { totalCount nodes { id slug } } }`);
    const ids = new Set(data[many].nodes.map((n: any) => n.id));
    expect(ids.size).toBe(data[many].totalCount);
    expect(data[many].nodes.map((n: any) => n.slug)).toContain(slug);
  });

  test(`unknown slugs and ids give null from ${one}`, async () => {
    const data = await api.data(`{ a: ${one}(slug: "no-such-${one}") { id } b: ${one}(id: "${Buffer.from(`${typeName}:99999`).toString("base64")}") { id } }`);
    expect(data).toEqual({ a: null, b: null });
  });
});

test("an id of another type gives null, not the record of that type", async () => {
  const data = await api.data(`{ project(slug: "tianan-sci-tech-city") { id } }`);
  const result = await api.data(`query($id: ID!) { place(id: $id) { name } }`, { id: data.project.id });
  expect(result.place).toBeNull();
});

test("a malformed id, or both or neither of id and slug, is BAD_USER_INPUT", async () => {
  for (const query of [`{ place(id: "garbage") { name } }`, `{ place { name } }`, `{ place(id: "UGxhY2U6MQ==", slug: "qingdao") { name } }`, `{ node(id: "UGxhY2U6eA==") { id } }`]) {
    const result = await api.run(query);
    expect(result.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
  }
});

test("nodes(ids:) keeps the order asked and gives null for unknown ids", async () => {
  const data = await api.data(`{ a: place(slug: "qingdao") { id } b: person(slug: "nie-yuan") { id } }`);
  const unknown = Buffer.from("Quote:424242").toString("base64");
  const result = await api.data(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id slug } }`, { ids: [data.b.id, unknown, data.a.id] });
  expect(result.nodes).toEqual([{ __typename: "Person", id: data.b.id, slug: "nie-yuan" }, null, { __typename: "Place", id: data.a.id, slug: "qingdao" }]);
});

test("nodes(ids:) takes at most 100 ids", async () => {
  const ids = Array.from({ length: 101 }, (_, i) => Buffer.from(`Place:${i + 1}`).toString("base64"));
  const result = await api.run(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
  expect(result.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
});

test("every object's id is unique across types", async () => {
  const queries = TYPES.map(([, , many]) => `${many}(first: 100) { nodes { id } }`).join(" ");
  const data = await api.data(`{ article { id } ${queries} }`);
  const ids = [data.article.id, ...TYPES.flatMap(([, , many]) => data[many].nodes.map((n: any) => n.id))];
  expect(new Set(ids).size).toBe(ids.length);
});

describe("a project looked up with its place and investment", () => {
  const PLACE = `id slug name kind description parent { slug } source { start end excerpt }`;
  const FIGURE = `id slug label value unit approximate originalText project { slug }`;

  test("answers as the place and the figure looked up on their own, by slug, by id and through fragments", async () => {
    const alone = await api.data(`{ place(slug: "chengyang") { ${PLACE} } figure(slug: "tianan-sci-tech-city-investment") { ${FIGURE} } project(slug: "tianan-sci-tech-city") { id } }`);
    const bySlug = await api.data(`{ project(slug: "tianan-sci-tech-city") { slug place { ${PLACE} } investment { ${FIGURE} } } }`);
    expect(bySlug.project).toEqual({ slug: "tianan-sci-tech-city", place: alone.place, investment: alone.figure });
    const byId = await api.data(
      `query($id: ID!) { project(id: $id) { ...P ... on Project { investment { ${FIGURE} } } } } fragment P on Project { slug place { ${PLACE} } }`,
      { id: alone.project.id },
    );
    expect(byId.project).toEqual(bySlug.project);
  });

  test("gives a null investment to a project whose figures hold none, and its figures still list", async () => {
    const data = await api.data(`{ project(slug: "tianan-digital-city") { place { slug } investment { value } figures { totalCount } } }`);
    expect(data.project).toEqual({ place: { slug: "chengyang" }, investment: null, figures: { totalCount: 5 } });
  });

  test("picks the INVESTMENT figure among the project's other figures, and two lookups in one request each get their own", async () => {
    const data = await api.data(
      `{ a: project(slug: "enesoon-equipment-park") { investment { slug } place { slug } } b: project(slug: "tianan-sci-tech-city") { investment { slug } place { slug } } c: project(slug: "no-such-project") { investment { slug } } }`,
    );
    const figures = await api.data(`{ project(slug: "enesoon-equipment-park") { figures { nodes { slug metric } } } place(id: "${Buffer.from("Place:15").toString("base64")}") { slug } }`);
    const investment = figures.project.figures.nodes.filter((f: any) => f.metric === "INVESTMENT");
    expect(investment).toHaveLength(1);
    expect(data.a).toEqual({ investment: { slug: investment[0].slug }, place: { slug: figures.place.slug } });
    expect(data.b).toEqual({ investment: { slug: "tianan-sci-tech-city-investment" }, place: { slug: "chengyang" } });
    expect(data.c).toBeNull();
  });

  test("with a malformed id, or both or neither of id and slug, is still BAD_USER_INPUT", async () => {
    for (const query of [`{ project(id: "garbage") { place { name } } }`, `{ project { investment { value } } }`, `{ project(id: "UHJvamVjdDoz", slug: "x") { place { name } } }`]) {
      const result = await api.run(query);
      expect(result.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    }
  });
});
