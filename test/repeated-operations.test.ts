import { type TestApi, startTestApi } from "./support/api";

/*
 * Apollo Server hands every request with the same text the same parsed
 * document, and arguments written in it are validated once for all of them
 * (src/resolvers/inputs/validate.ts): these tests send each text several
 * times and check that every request gets its own, right answer.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const LOOKUP = `{ project(slug: "tianan-sci-tech-city") { name place { name } investment { value originalText } } }`;

test("the same lookup sent three times answers the same each time, with 城阳区 and 约75亿元", async () => {
  const answers = [];
  for (let i = 0; i < 3; i++) answers.push(await api.data(LOOKUP));
  expect(answers[0].project).toEqual({ name: "青岛天安科创城", place: { name: "城阳区" }, investment: { value: 7500000000, originalText: "约75亿元" } });
  expect(answers[1]).toEqual(answers[0]);
  expect(answers[2]).toEqual(answers[0]);
});

test("a lookup by variable is not shared: each request finds the project its variables name", async () => {
  const query = `query($slug: String) { project(slug: $slug) { slug } }`;
  const first = await api.data(query, { slug: "tianan-sci-tech-city" });
  const other = await api.data(`{ projects(first: 2) { nodes { slug } } }`);
  const second = await api.data(query, { slug: other.projects.nodes[1].slug });
  expect(first.project.slug).toBe("tianan-sci-tech-city");
  expect(second.project.slug).toBe(other.projects.nodes[1].slug);
  expect(second.project.slug).not.toBe("tianan-sci-tech-city");
});

test("an invalid literal argument is refused with BAD_USER_INPUT on every request, not only the first", async () => {
  for (let i = 0; i < 3; i++) {
    const result = await api.run(`{ projects(first: 1000) { nodes { id } } }`);
    expect(result.data).toBeNull();
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
  }
});

test("the same page and filter written in the document page the same way on every request, and its cursor pages on", async () => {
  const query = `{ projects(first: 2, where: { place: { is: { within: { slug: "qingdao" } } } }, orderBy: [{ field: NAME, direction: ASC }]) { nodes { slug } pageInfo { endCursor hasNextPage } } }`;
  const first = await api.data(query);
  const again = await api.data(query);
  expect(again).toEqual(first);
  expect(first.projects.nodes).toHaveLength(2);
  const next = await api.data(
    `query($after: String) { projects(first: 2, after: $after, where: { place: { is: { within: { slug: "qingdao" } } } }, orderBy: [{ field: NAME, direction: ASC }]) { nodes { slug } } }`,
    { after: first.projects.pageInfo.endCursor },
  );
  const seen = first.projects.nodes.map((n: { slug: string }) => n.slug);
  for (const node of next.projects.nodes) expect(seen).not.toContain(node.slug);
});
