import { type TestApi, startTestApi } from "./support/api";

/** The readings of the article that issue 9 corrected, each asked through the API. */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const names = (list: { name: string }[]) => list.map((x) => x.name);

test("天安数码城集团 has no alias 深企天安数码城集团 (深企 is 'Shenzhen company', not part of the name)", async () => {
  const data = await api.data(`{
    organization(slug: "tianan") { aliases { alias } }
    organizations(where: { alias: { equals: "深企天安数码城集团" } }) { totalCount }
  }`);
  expect(data.organization.aliases).toEqual([]);
  expect(data.organizations.totalCount).toBe(0);
});

test("韩锡宏 and 徐宗禹 are cadres on a placement at 天安数码城集团, of the third batch, who helped bring 青岛天安科创城", async () => {
  const data = await api.data(`{
    tianan: organization(slug: "tianan") { people { nodes { name } } placements { person { name } title host { name } } }
    han: person(slug: "han-xihong") {
      positions { totalCount }
      placements { title programmeInferred description programme { name } host { name } source { excerpt } }
      projects { edges { role node { name } } }
    }
    project(slug: "tianan-sci-tech-city") { people { edges { role node { name } } } }
  }`);
  expect(names(data.tianan.people.nodes)).toEqual(["张建清"]);
  expect(data.tianan.placements).toEqual([
    { person: { name: "韩锡宏" }, title: "第三批实训干部", host: { name: "天安数码城集团" } },
    { person: { name: "徐宗禹" }, title: "第三批实训干部", host: { name: "天安数码城集团" } },
  ]);
  expect(data.han.positions.totalCount).toBe(0);
  expect(data.han.placements).toEqual([
    {
      title: "第三批实训干部",
      programmeInferred: true,
      description: "以企业员工的身份与青岛后方就落地细节精敲细打、全力冲刺",
      programme: { name: "第三批赴深圳体悟实训队" },
      host: { name: "天安数码城集团" },
      source: { excerpt: expect.stringContaining("连续三批青岛干部在天安数码城集团体悟实训") },
    },
  ]);
  expect(data.han.projects.edges).toEqual([{ role: "助力项目顺利落地", node: { name: "青岛天安科创城" } }]);
  expect(data.project.people.edges).toEqual([
    { role: "助力项目顺利落地", node: { name: "韩锡宏" } },
    { role: "助力项目顺利落地", node: { name: "徐宗禹" } },
  ]);
});

test("a training placement is a node: found by slug and by its global id", async () => {
  const data = await api.data(`{ trainingPlacement(slug: "han-xihong-tianan-placement") { id person { name } } }`);
  const again = await api.data(`query($id: ID!) { node(id: $id) { __typename ... on TrainingPlacement { slug } } }`, { id: data.trainingPlacement.id });
  expect(data.trainingPlacement.person.name).toBe("韩锡宏");
  expect(again.node).toEqual({ __typename: "TrainingPlacement", slug: "han-xihong-tianan-placement" });
});

test("the third training team's placements: 胡文国 named as its 实训队员, the two at 天安数码城集团 read as its third batch", async () => {
  const data = await api.data(`{ organization(slug: "third-training-team") { placements { person { name } title programmeInferred host { name } } } }`);
  expect(data.organization.placements).toEqual([
    { person: { name: "胡文国" }, title: "实训队员", programmeInferred: false, host: null },
    { person: { name: "韩锡宏" }, title: "第三批实训干部", programmeInferred: true, host: { name: "天安数码城集团" } },
    { person: { name: "徐宗禹" }, title: "第三批实训干部", programmeInferred: true, host: { name: "天安数码城集团" } },
  ]);
});

test("爱能森赫爱斯系统 is 爱能森's technology (its 核心项目), not a project in any list, count or search for projects", async () => {
  const data = await api.data(`{
    technology(slug: "enesoon-heais-system") { name role organization { name } }
    technologies { totalCount }
    projects { totalCount }
    named: projects(where: { name: { contains: "赫爱斯" } }) { totalCount }
    search(query: "赫爱斯") { nodes { __typename } }
  }`);
  expect(data.technology).toEqual({ name: "爱能森赫爱斯系统", role: "核心项目", organization: { name: "深圳爱能森清洁能源投资有限公司" } });
  expect(data.technologies.totalCount).toBe(1);
  expect(data.projects.totalCount).toBe(8);
  expect(data.named.totalCount).toBe(0);
  expect(data.search.nodes).toEqual([{ __typename: "Technology" }]);
});

test("all four inspection routes ran on the afternoon of 7月16日; the 落地考察 began at noon, when the conference closed", async () => {
  const data = await api.data(`{
    inspections: event(slug: "field-inspections") {
      dateText startDate startTimeOfDay timeOfDay timeOfDayInferred
      subEvents { nodes { slug dateText startDate datePrecision yearInferred timeOfDay timeOfDayInferred } }
    }
    conference: event(slug: "founding-conference") { dateText timeOfDay endTimeOfDay }
  }`);
  expect(data.inspections).toMatchObject({ dateText: "7月16日", startDate: "2020-07-16", startTimeOfDay: "中午", timeOfDay: "下午", timeOfDayInferred: true });
  expect(data.inspections.subEvents.nodes).toEqual(
    ["industrial-internet-route", "shandong-ftz-route", "sco-zone-route", "marine-economy-route"].map((slug, i) => ({
      slug,
      dateText: i === 0 ? "7月16日下午" : "7月16日",
      startDate: "2020-07-16",
      datePrecision: "DAY",
      yearInferred: true,
      timeOfDay: "下午",
      timeOfDayInferred: i > 0,
    })),
  );
  expect(data.conference).toEqual({ dateText: "7月16日", timeOfDay: null, endTimeOfDay: "中午" });
});

test("no separate 爱能森 signing ceremony; the headquarters decision is undated, the plan to move to 青岛 dated three months before the trip", async () => {
  const data = await api.data(`{
    ceremonies: events(where: { name: { contains: "签约仪式" } }) { totalCount }
    project(slug: "enesoon-headquarters") { dateText date description events { edges { role node { slug kind dateText startDate datePrecision yearInferred } } } }
  }`);
  expect(data.ceremonies.totalCount).toBe(0);
  expect(data.project).toMatchObject({ dateText: null, date: null, description: expect.stringContaining("在签约仪式前,公司的“先遣部队”已经进驻青岛") });
  expect(data.project.events.edges).toEqual([
    {
      role: "计划",
      node: { slug: "enesoon-hq-plan", kind: "DECISION", dateText: "此次“深圳企业家青岛行”之前3个月", startDate: "2020-04", datePrecision: "MONTH", yearInferred: true },
    },
    {
      role: "对接服务",
      node: { slug: "baoshan-enesoon-engagement", kind: "ENGAGEMENT", dateText: "今年4月", startDate: "2020-04", datePrecision: "MONTH", yearInferred: true },
    },
  ]);
});

test("福田 is a place (a district of 深圳, inferred), the seat of 福田国家高技术产业创新中心", async () => {
  const data = await api.data(`{
    place(slug: "futian") { name kind parent { name } parentInferred organizations { nodes { name } } }
  }`);
  expect(data.place).toEqual({ name: "福田", kind: "DISTRICT", parent: { name: "深圳" }, parentInferred: true, organizations: { nodes: [{ name: "福田国家高技术产业创新中心" }] } });
});

test("海尔's units have 海尔 as an inferred parent", async () => {
  const data = await api.data(`{ organization(slug: "haier") { children { nodes { name parentInferred } } } }`);
  expect(data.organization.children.nodes.map((o: any) => o.parentInferred)).toEqual([true, true, true, true]);
});

test("山东、河南、河北、陕西 were the candidates for 爱能森's headquarters", async () => {
  const data = await api.data(`{
    project(slug: "enesoon-headquarters") { place { name } candidatePlaces { edges { role node { name } source { excerpt } } } }
    place(slug: "shandong") { candidateFor { nodes { slug } } }
  }`);
  expect(data.project.place.name).toBe("西海岸新区");
  expect(data.project.candidatePlaces.edges.map((e: any) => [e.node.name, e.role])).toEqual([
    ["山东", "考虑范围"],
    ["河南", "考虑范围"],
    ["河北", "考虑范围"],
    ["陕西", "考虑范围"],
  ]);
  expect(data.project.candidatePlaces.edges[0].source.excerpt).toContain("把总部从深圳转移到北方");
  expect(data.place.candidateFor.nodes).toEqual([{ slug: "enesoon-headquarters" }]);
});

test("约75亿元 is inside the 182.9亿元 signed on 7月16日 (stated) and 城阳区's 582亿元以上 (inferred, with the reason)", async () => {
  const data = await api.data(`{
    figure(slug: "tianan-sci-tech-city-investment") { partOf { inferred note whole { originalText } project { name } } }
    chengyang: figure(slug: "chengyang-planned-investment") { parts { inferred mayOverlap figure { originalText } project { name } } }
  }`);
  expect(data.figure.partOf).toEqual([
    { inferred: false, note: null, whole: { originalText: "182.9亿元" }, project: { name: "青岛天安科创城" } },
    { inferred: true, note: expect.stringContaining("累计签约"), whole: { originalText: "582亿元以上" }, project: { name: "青岛天安科创城" } },
  ]);
  expect(data.chengyang.parts.map((p: any) => [p.figure?.originalText ?? p.project.name, p.inferred, p.mayOverlap])).toEqual([
    ["全国工商联(青岛)科技装备产业园", false, false],
    ["深商青岛科创园", false, false],
    ["深商日韩贸易港", false, false],
    ["正威供应链", false, false],
    ["221亿元", true, true],
    ["青岛天安科创城", true, false],
  ]);
});
