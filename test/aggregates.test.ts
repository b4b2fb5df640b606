import { type TestApi, startTestApi } from "./support/api";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

test("total planned investment by district, rolled up to the city", async () => {
  const data = await api.data(`{
    districts: investmentByPlace(kind: [DISTRICT, COUNTY_LEVEL_CITY]) { place { name } projectCount investment { sum approximate } }
    city: investmentByPlace(rollup: true, kind: [CITY]) { place { name } projectCount investment { count sum min max avg approximate unit } }
  }`);
  expect(data.districts).toEqual([
    { place: { name: "城阳区" }, projectCount: 1, investment: { sum: 7_500_000_000, approximate: true } },
    { place: { name: "平度" }, projectCount: 1, investment: { sum: 3_500_000_000, approximate: false } },
  ]);
  expect(data.city).toEqual([
    {
      place: { name: "青岛" },
      projectCount: 2,
      investment: { count: 2, sum: 11_000_000_000, min: 3_500_000_000, max: 7_500_000_000, avg: 5_500_000_000, approximate: true, unit: "CNY" },
    },
  ]);
});

test("investmentByPlace without rollup leaves 青岛 out (no project sits directly in it); within narrows", async () => {
  const data = await api.data(`{
    all: investmentByPlace { place { name } }
    west: investmentByPlace(within: { slug: "west-coast-new-area" }, rollup: true) { place { name } }
  }`);
  expect(data.all.map((g: any) => g.place.name)).toEqual(["城阳区", "平度"]);
  expect(data.west).toEqual([]);
});

test("figure aggregates cover the whole filtered list, not the page, and keep exact yuan", async () => {
  const data = await api.data(`{
    figures(where: { metric: { in: [INVESTMENT, COMPLETED_INVESTMENT] } }, first: 1) {
      totalCount
      nodes { originalText }
      aggregate { count unit sum min max approximate }
    }
  }`);
  expect(data.figures.nodes).toHaveLength(1);
  expect(data.figures.aggregate).toEqual({
    count: 5,
    unit: "CNY",
    sum: 18_290_000_000 + 7_500_000_000 + 3_500_000_000 + 58_200_000_000 + 22_100_000_000,
    min: 3_500_000_000,
    max: 58_200_000_000,
    approximate: true,
  });
});

test("exact inputs give an exact result; mixed units give no sum", async () => {
  const data = await api.data(`{
    exact: figures(where: { unit: { equals: CNY }, approximate: { equals: false } }) { aggregate { sum approximate } }
    mixed: figures { aggregate { count unit sum min max avg } }
  }`);
  expect(data.exact.aggregate).toEqual({ sum: 18_290_000_000 + 3_500_000_000 + 20_000_000_000 + 22_100_000_000, approximate: false });
  expect(data.mixed.aggregate).toEqual({ count: 22, unit: null, sum: null, min: null, max: null, avg: null });
});

test("figures grouped by place, with child places rolled up into their parents", async () => {
  const query = (rollup: boolean) => `{
    figures(where: { metric: { equals: INVESTMENT } }) { groups(by: PLACE, rollup: ${rollup}) { place { name } aggregate { count sum approximate } } }
  }`;
  const flat = await api.data(query(false));
  expect(flat.figures.groups).toEqual([
    { place: { name: "城阳区" }, aggregate: { count: 2, sum: 65_700_000_000, approximate: true } },
    { place: { name: "青岛" }, aggregate: { count: 1, sum: 18_290_000_000, approximate: false } },
    { place: { name: "平度" }, aggregate: { count: 1, sum: 3_500_000_000, approximate: false } },
  ]);
  const rolled = await api.data(query(true));
  expect(rolled.figures.groups.map((g: any) => [g.place.name, g.aggregate.count, g.aggregate.sum])).toEqual([
    ["山东", 4, 87_490_000_000],
    ["青岛", 4, 87_490_000_000],
    ["城阳区", 2, 65_700_000_000],
    ["平度", 1, 3_500_000_000],
  ]);
});

test("figures grouped by organization and by event", async () => {
  const data = await api.data(`{
    byOrg: figures(where: { metric: { equals: INVESTMENT } }) { groups(by: ORGANIZATION) { organization { name } aggregate { sum } } }
    byEvent: figures(where: { unit: { equals: CNY } }) { groups(by: EVENT) { event { name } aggregate { count sum approximate } } }
  }`);
  expect(data.byOrg.groups).toEqual([
    { organization: { name: "天安数码城集团" }, aggregate: { sum: 7_500_000_000 } },
    { organization: { name: "深圳爱能森清洁能源投资有限公司" }, aggregate: { sum: 3_500_000_000 } },
  ]);
  expect(data.byEvent.groups).toEqual([
    { event: { name: "“深圳企业家青岛行”暨青岛市“学深圳、赶深圳”学会成立大会" }, aggregate: { count: 2, sum: 25_790_000_000, approximate: true } },
  ]);
});

test("nested connections aggregate their own filtered list", async () => {
  const data = await api.data(`{
    place(slug: "chengyang") {
      figures(where: { unit: { equals: CNY } }) { aggregate { count sum approximate } }
      projects { investment { count sum approximate } }
    }
    organization(slug: "enesoon") { projects { investment { count sum } } }
    projects(where: { place: { is: { within: { slug: "qingdao" } } } }) { totalCount investment { count sum } }
  }`);
  expect(data.place.figures.aggregate).toEqual({ count: 2, sum: 80_300_000_000, approximate: true });
  expect(data.place.projects.investment).toEqual({ count: 1, sum: 7_500_000_000, approximate: true });
  expect(data.organization.projects.investment).toEqual({ count: 1, sum: 3_500_000_000 });
  expect(data.projects).toEqual({ totalCount: 8, investment: { count: 2, sum: 11_000_000_000 } });
});
