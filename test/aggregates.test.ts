import type { Db } from "../src/db";
import { type TestApi, startTestApi } from "./support/api";

const CONFERENCE = "“深圳企业家青岛行”暨青岛市“学深圳、赶深圳”学会成立大会";

describe("over the article", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  test("total planned investment by district, rolled up to the city", async () => {
    const data = await api.data(`{
      districts: investmentByPlace(kind: [DISTRICT, COUNTY_LEVEL_CITY]) { place { name } projectCount investment { sum approximate } }
      city: investmentByPlace(rollup: true, kind: [CITY]) { place { name } projectCount investment { count sum min max avg approximate unit overlapping } }
    }`);
    expect(data.districts).toEqual([
      { place: { name: "城阳区" }, projectCount: 1, investment: { sum: 7_500_000_000, approximate: true } },
      { place: { name: "平度" }, projectCount: 1, investment: { sum: 3_500_000_000, approximate: false } },
    ]);
    expect(data.city).toEqual([
      {
        place: { name: "青岛" },
        projectCount: 2,
        investment: { count: 2, sum: 11_000_000_000, min: 3_500_000_000, max: 7_500_000_000, avg: 5_500_000_000, approximate: true, unit: "CNY", overlapping: false },
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

  test("all investment figures of 青岛 overlap: 182.9亿元 and 城阳区's 582亿元以上 both count 青岛天安科创城, so there is no total", async () => {
    const data = await api.data(`{
      figures(where: { metric: { in: [INVESTMENT, COMPLETED_INVESTMENT] } }, first: 1) {
        totalCount
        nodes { originalText }
        aggregate { count unit sum min max avg approximate overlapping excluded { originalText } overlaps { originalText } }
      }
    }`);
    expect(data.figures.nodes).toHaveLength(1);
    expect(data.figures.aggregate).toEqual({
      count: 5,
      unit: "CNY",
      sum: null,
      min: 3_500_000_000,
      max: 58_200_000_000,
      avg: null,
      approximate: true,
      overlapping: true,
      excluded: [{ originalText: "约75亿元" }, { originalText: "221亿元" }],
      overlaps: [{ originalText: "182.9亿元" }, { originalText: "582亿元以上" }],
    });
  });

  test("without the 7月16日 signing total the set has a sum: 582亿元以上 holds 约75亿元 and 221亿元, 平度's 35亿元 adds to it", async () => {
    const data = await api.data(`{
      figures(where: { metric: { in: [INVESTMENT, COMPLETED_INVESTMENT] }, event: { isNull: true } }) {
        aggregate { count sum avg approximate overlapping excluded { originalText } overlaps { originalText } }
      }
    }`);
    expect(data.figures.aggregate).toEqual({
      count: 4,
      sum: 58_200_000_000 + 3_500_000_000,
      avg: (58_200_000_000 + 3_500_000_000) / 2,
      approximate: true,
      overlapping: false,
      excluded: [{ originalText: "约75亿元" }, { originalText: "221亿元" }],
      overlaps: [],
    });
  });

  test("exact inputs give an exact result; mixed units give no sum", async () => {
    const data = await api.data(`{
      exact: figures(where: { unit: { equals: CNY }, approximate: { equals: false } }) { aggregate { sum approximate overlapping } }
      mixed: figures { aggregate { count unit sum min max avg overlapping } }
    }`);
    expect(data.exact.aggregate).toEqual({ sum: 18_290_000_000 + 3_500_000_000 + 20_000_000_000 + 22_100_000_000, approximate: false, overlapping: false });
    expect(data.mixed.aggregate).toEqual({ count: 22, unit: null, sum: null, min: null, max: null, avg: null, overlapping: false });
  });

  test("figures grouped by place count 约75亿元 inside 城阳区's 582亿元以上 once; 青岛 and 山东, holding both wide totals, have none", async () => {
    const query = (rollup: boolean) => `{
      figures(where: { metric: { equals: INVESTMENT } }) { groups(by: PLACE, rollup: ${rollup}) { place { name } aggregate { count sum approximate overlapping } } }
    }`;
    const flat = await api.data(query(false));
    expect(flat.figures.groups).toEqual([
      { place: { name: "城阳区" }, aggregate: { count: 2, sum: 58_200_000_000, approximate: true, overlapping: false } },
      { place: { name: "青岛" }, aggregate: { count: 1, sum: 18_290_000_000, approximate: false, overlapping: false } },
      { place: { name: "平度" }, aggregate: { count: 1, sum: 3_500_000_000, approximate: false, overlapping: false } },
    ]);
    const rolled = await api.data(query(true));
    expect(rolled.figures.groups.map((g: any) => [g.place.name, g.aggregate.count, g.aggregate.sum, g.aggregate.overlapping])).toEqual([
      ["城阳区", 2, 58_200_000_000, false],
      ["平度", 1, 3_500_000_000, false],
      ["山东", 4, null, true],
      ["青岛", 4, null, true],
    ]);
  });

  test("figures grouped by organization and by event: the conference's 182.9亿元 holds the 约75亿元 signed there", async () => {
    const data = await api.data(`{
      byOrg: figures(where: { metric: { equals: INVESTMENT } }) { groups(by: ORGANIZATION) { organization { name } aggregate { sum } } }
      byEvent: figures(where: { unit: { equals: CNY } }) { groups(by: EVENT) { event { name } aggregate { count sum approximate excluded { originalText } } } }
    }`);
    expect(data.byOrg.groups).toEqual([
      { organization: { name: "天安数码城集团" }, aggregate: { sum: 7_500_000_000 } },
      { organization: { name: "深圳爱能森清洁能源投资有限公司" }, aggregate: { sum: 3_500_000_000 } },
    ]);
    expect(data.byEvent.groups).toEqual([
      { event: { name: CONFERENCE }, aggregate: { count: 2, sum: 18_290_000_000, approximate: false, excluded: [{ originalText: "约75亿元" }] } },
    ]);
  });

  test("nested connections aggregate their own filtered list: 城阳区's 221亿元 completed is inside its 582亿元以上 planned", async () => {
    const data = await api.data(`{
      place(slug: "chengyang") {
        figures(where: { unit: { equals: CNY } }) { aggregate { count sum approximate excluded { originalText } } }
        projects { investment { count sum approximate } }
      }
      organization(slug: "enesoon") { projects { investment { count sum } } }
      projects(where: { place: { is: { within: { slug: "qingdao" } } } }) { totalCount investment { count sum } }
    }`);
    expect(data.place.figures.aggregate).toEqual({ count: 2, sum: 58_200_000_000, approximate: true, excluded: [{ originalText: "221亿元" }] });
    expect(data.place.projects.investment).toEqual({ count: 1, sum: 7_500_000_000, approximate: true });
    expect(data.organization.projects.investment).toEqual({ count: 1, sum: 3_500_000_000 });
    expect(data.projects).toEqual({ totalCount: 8, investment: { count: 2, sum: 11_000_000_000 } });
  });

  test("categories of one total are never added together: 14家总部企业 and 19家高新技术企业 may be the same companies", async () => {
    const data = await api.data(`{
      parts: figures(where: { slug: { in: ["tianan-digital-city-hq-companies", "tianan-digital-city-high-tech-companies"] } }) {
        aggregate { count sum overlapping overlaps { originalText } }
      }
      whole: figures(where: { project: { is: { slug: { equals: "tianan-digital-city" } } } }) { aggregate { count sum excluded { originalText } } }
    }`);
    expect(data.parts.aggregate).toEqual({ count: 2, sum: null, overlapping: true, overlaps: [{ originalText: "14家" }, { originalText: "19家" }] });
    expect(data.whole.aggregate).toEqual({ count: 5, sum: 510, excluded: ["14家", "19家", "21家", "9家"].map((originalText) => ({ originalText })) });
  });
});

/**
 * Overlapping figure sets built by hand in a database of their own, every
 * sum checked through the API. The shape, in yuan:
 *
 *   province p ⊃ city ⊃ districts d1, d2;  event e1 held in the city;  organization O behind projects a and c
 *   projects: a (D1) 100, b (D1) 约200, c (D2) 50, d (D2) 30 — d's 30 is a phase inside c's 50 (figure part)
 *   W1  event E1 signing total 1000: counts projects a and b
 *   W2  D1 cumulative 500: counts project a
 *   W3  the city's total 2000: holds W2, and X (D2, 80 completed, a part that may overlap W3's others)
 *   K   project c's 100 companies: categories k1 40 and k2 30 (both may overlap)
 *   m1, m2  project d: 10 and 12 companies, two figures of one thing (no link)
 */
describe("hand-built overlapping sets", () => {
  let api: TestApi;
  const id: Record<string, number> = {};
  const NO_SOURCE = { sourceStart: 0, sourceEnd: 0, sourceExcerpt: "" };

  async function build(db: Db) {
    const place = async (slug: string, kind: "PROVINCE" | "CITY" | "DISTRICT", parent?: string) =>
      (id[slug] = (await db.place.create({ data: { slug, name: slug, kind, parentId: parent ? id[parent] : null, ...NO_SOURCE } })).id);
    await place("p", "PROVINCE");
    await place("city", "CITY", "p");
    await place("d1", "DISTRICT", "city");
    await place("d2", "DISTRICT", "city");
    id.e1 = (await db.event.create({ data: { slug: "e1", name: "e1", kind: "SIGNING", placeId: id.city, ...NO_SOURCE } })).id;
    id.o = (await db.organization.create({ data: { slug: "o", name: "o", kind: "COMPANY", ...NO_SOURCE } })).id;
    const project = async (slug: string, placeSlug: string, investment: bigint, approximate = false) => {
      const row = await db.project.create({
        data: { slug, name: slug, kind: "INDUSTRIAL_PARK", placeId: id[placeSlug], investment, investmentApproximate: approximate, ...NO_SOURCE },
      });
      id[slug] = row.id;
      await figure(`f${slug}`, investment, { projectId: row.id, qualifier: approximate ? "APPROXIMATE" : "EXACT" });
    };
    const figure = async (slug: string, value: bigint, data: Record<string, unknown>) =>
      (id[slug] = (
        await db.figure.create({
          data: { slug, metric: "INVESTMENT", label: slug, value, unit: "CNY", qualifier: "EXACT", originalText: slug, ...NO_SOURCE, ...data } as never,
        })
      ).id);
    await project("a", "d1", 100n);
    await project("b", "d1", 200n, true);
    await project("c", "d2", 50n);
    await project("d", "d2", 30n);
    await db.projectOrganization.createMany({ data: ["a", "c"].map((p) => ({ projectId: id[p], organizationId: id.o, ...NO_SOURCE })) });
    await db.eventProject.create({ data: { eventId: id.e1, projectId: id.a, ...NO_SOURCE } });
    await figure("w1", 1000n, { eventId: id.e1 });
    await figure("w2", 500n, { placeId: id.d1 });
    await figure("w3", 2000n, { placeId: id.city });
    await figure("x", 80n, { placeId: id.d2, metric: "COMPLETED_INVESTMENT" });
    await figure("k", 100n, { projectId: id.c, metric: "COMPANIES", unit: "COUNT" });
    await figure("k1", 40n, { projectId: id.c, metric: "COMPANIES", unit: "COUNT" });
    await figure("k2", 30n, { projectId: id.c, metric: "COMPANIES", unit: "COUNT" });
    await figure("m1", 10n, { projectId: id.d, metric: "COMPANIES", unit: "COUNT" });
    await figure("m2", 12n, { projectId: id.d, metric: "COMPANIES", unit: "COUNT" });
    const part = (whole: string, part: { figure?: string; project?: string }, mayOverlap = false) => ({
      wholeId: id[whole],
      partFigureId: part.figure ? id[part.figure] : null,
      partProjectId: part.project ? id[part.project] : null,
      mayOverlap,
      ...NO_SOURCE,
    });
    await db.figurePart.createMany({
      data: [
        part("w1", { project: "a" }),
        part("w1", { project: "b" }),
        part("w2", { project: "a" }),
        part("w3", { figure: "w2" }),
        part("w3", { figure: "x" }, true),
        part("fc", { figure: "fd" }),
        part("k", { figure: "k1" }, true),
        part("k", { figure: "k2" }, true),
      ],
    });
  }

  beforeAll(async () => {
    api = await startTestApi("empty");
    await build(api.db);
  });
  afterAll(() => api.close());

  const SUM = "count sum avg approximate overlapping excluded { slug } overlaps { slug }";
  const slugs = (...s: string[]) => s.map((slug) => ({ slug }));
  const of = async (...s: string[]) =>
    (await api.data(`query($s: [String!]) { figures(where: { slug: { in: $s } }) { aggregate { ${SUM} } } }`, { s })).figures.aggregate;

  test("a figure inside another of the set is left out; the widest counts", async () => {
    expect(await of("w2", "w3")).toEqual({ count: 2, sum: 2000, avg: 2000, approximate: false, overlapping: false, excluded: slugs("w2"), overlaps: [] });
    expect(await of("w1", "fa", "fb")).toEqual({ count: 3, sum: 1000, avg: 1000, approximate: false, overlapping: false, excluded: slugs("fa", "fb"), overlaps: [] });
    expect(await of("fa", "w2", "w3")).toEqual({ count: 3, sum: 2000, avg: 2000, approximate: false, overlapping: false, excluded: slugs("fa", "w2"), overlaps: [] });
  });

  test("figures that count a common project overlap: no sum, and the figures are named", async () => {
    expect(await of("w1", "w2")).toEqual({ count: 2, sum: null, avg: null, approximate: false, overlapping: true, excluded: [], overlaps: slugs("w1", "w2") });
    expect(await of("w1", "w3")).toEqual({ count: 2, sum: null, avg: null, approximate: false, overlapping: true, excluded: [], overlaps: slugs("w1", "w3") });
  });

  test("disjoint figures add up, approximate when an added one is", async () => {
    expect(await of("w2", "fb")).toEqual({ count: 2, sum: 700, avg: 350, approximate: true, overlapping: false, excluded: [], overlaps: [] });
    expect(await of("w1", "fc")).toEqual({ count: 2, sum: 1050, avg: 525, approximate: false, overlapping: false, excluded: [], overlaps: [] });
    expect(await of("w1", "fb")).toMatchObject({ sum: 1000, approximate: false, excluded: slugs("fb") });
  });

  test("a part that may overlap its whole's other parts is never added to them", async () => {
    expect(await of("fa", "x")).toMatchObject({ sum: null, overlapping: true, overlaps: slugs("fa", "x") });
    expect(await of("x", "fc")).toMatchObject({ sum: 130, overlapping: false });
    expect(await of("k1", "k2")).toMatchObject({ sum: null, overlapping: true, overlaps: slugs("k1", "k2") });
    expect(await of("k", "k1", "k2")).toMatchObject({ sum: 100, overlapping: false, excluded: slugs("k1", "k2") });
  });

  test("two figures of the same project measuring the same thing overlap", async () => {
    expect(await of("m1", "m2")).toMatchObject({ sum: null, overlapping: true, overlaps: slugs("m1", "m2") });
    expect(await of("m1", "k")).toMatchObject({ sum: 110, overlapping: false });
  });

  test("every investment figure: the widest left overlap, so no total", async () => {
    const data = await api.data(`{ figures(where: { metric: { equals: INVESTMENT } }) { aggregate { ${SUM} min max } } }`);
    expect(data.figures.aggregate).toEqual({
      count: 7, sum: null, avg: null, approximate: true, overlapping: true, min: 30, max: 2000,
      excluded: slugs("fa", "fb", "fd", "w2"), overlaps: slugs("w1", "w3"),
    });
  });

  test("groups by place, flat and rolled up, each summed on its own", async () => {
    const query = (rollup: boolean) => `{ figures(where: { metric: { equals: INVESTMENT } }) { groups(by: PLACE, rollup: ${rollup}) { place { slug } aggregate { count sum approximate overlapping } } } }`;
    const flat = await api.data(query(false));
    expect(flat.figures.groups).toEqual([
      { place: { slug: "d1" }, aggregate: { count: 3, sum: 700, approximate: true, overlapping: false } },
      { place: { slug: "d2" }, aggregate: { count: 2, sum: 50, approximate: false, overlapping: false } },
      { place: { slug: "city" }, aggregate: { count: 2, sum: null, approximate: false, overlapping: true } },
    ]);
    const rolled = await api.data(query(true));
    expect(rolled.figures.groups).toEqual([
      { place: { slug: "d1" }, aggregate: { count: 3, sum: 700, approximate: true, overlapping: false } },
      { place: { slug: "d2" }, aggregate: { count: 2, sum: 50, approximate: false, overlapping: false } },
      { place: { slug: "p" }, aggregate: { count: 7, sum: null, approximate: true, overlapping: true } },
      { place: { slug: "city" }, aggregate: { count: 7, sum: null, approximate: true, overlapping: true } },
    ]);
  });

  test("groups by event and organization", async () => {
    const data = await api.data(`{
      byEvent: figures(where: { unit: { equals: CNY } }) { groups(by: EVENT) { event { slug } aggregate { count sum excluded { slug } } } }
      byOrg: figures(where: { metric: { equals: INVESTMENT } }) { groups(by: ORGANIZATION) { organization { slug } aggregate { count sum } } }
    }`);
    expect(data.byEvent.groups).toEqual([{ event: { slug: "e1" }, aggregate: { count: 2, sum: 1000, excluded: slugs("fa") } }]);
    expect(data.byOrg.groups).toEqual([{ organization: { slug: "o" }, aggregate: { count: 2, sum: 150 } }]);
  });

  test("project investment, root and nested lists: d's 30 is a phase inside c's 50", async () => {
    const data = await api.data(`{
      projects { investment { count sum approximate excluded { slug } } }
      d2: place(slug: "d2") { projects { investment { count sum avg excluded { slug } } } }
      organization(slug: "o") { projects { investment { count sum } } }
      event(slug: "e1") { projects { investment { count sum } } }
    }`);
    expect(data.projects.investment).toEqual({ count: 4, sum: 350, approximate: true, excluded: slugs("fd") });
    expect(data.d2.projects.investment).toEqual({ count: 2, sum: 50, avg: 50, excluded: slugs("fd") });
    expect(data.organization.projects.investment).toEqual({ count: 2, sum: 150 });
    expect(data.event.projects.investment).toEqual({ count: 1, sum: 100 });
  });

  test("investment by place applies the rule to the totals SQL groups, rolled up", async () => {
    const data = await api.data(`{ investmentByPlace(rollup: true) { place { slug } projectCount investment { count sum min max avg approximate overlapping excluded { slug } } } }`);
    expect(data.investmentByPlace).toEqual([
      { place: { slug: "p" }, projectCount: 4, investment: { count: 4, sum: 350, min: 30, max: 200, avg: 350 / 3, approximate: true, overlapping: false, excluded: slugs("fd") } },
      { place: { slug: "city" }, projectCount: 4, investment: { count: 4, sum: 350, min: 30, max: 200, avg: 350 / 3, approximate: true, overlapping: false, excluded: slugs("fd") } },
      { place: { slug: "d1" }, projectCount: 2, investment: { count: 2, sum: 300, min: 100, max: 200, avg: 150, approximate: true, overlapping: false, excluded: [] } },
      { place: { slug: "d2" }, projectCount: 2, investment: { count: 2, sum: 50, min: 30, max: 50, avg: 50, approximate: false, overlapping: false, excluded: slugs("fd") } },
    ]);
  });

  test("Figure.parts and Figure.partOf show the containment, through projects too", async () => {
    const data = await api.data(`{
      fa: figure(slug: "fa") { partOf { whole { slug } project { slug } figure { slug } } }
      w3: figure(slug: "w3") { parts { figure { slug } project { slug } mayOverlap } }
      a: project(slug: "a") { countedIn { whole { slug } } }
    }`);
    expect(data.fa.partOf).toEqual([
      { whole: { slug: "w1" }, project: { slug: "a" }, figure: null },
      { whole: { slug: "w2" }, project: { slug: "a" }, figure: null },
    ]);
    expect(data.w3.parts).toEqual([
      { figure: { slug: "w2" }, project: null, mayOverlap: false },
      { figure: { slug: "x" }, project: null, mayOverlap: true },
    ]);
    expect(data.a.countedIn).toEqual([{ whole: { slug: "w1" } }, { whole: { slug: "w2" } }]);
  });
});
