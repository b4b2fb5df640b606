import { type TestApi, startTestApi } from "./support/api";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const names = (conn: { nodes: { name: string }[] }) => conn.nodes.map((n) => n.name);

describe("places", () => {
  test("one query lists places with the projects that landed there and their investment as numbers", async () => {
    const data = await api.data(`{
      places(first: 100) { nodes { name projects { nodes { name investment { value approximate originalText } } } } }
    }`);
    const byPlace = Object.fromEntries(data.places.nodes.map((p: any) => [p.name, p.projects.nodes]));
    expect(byPlace["城阳区"].map((p: any) => p.name)).toEqual([
      "青岛天安科创城",
      "青岛天安数码城",
      "全国工商联(青岛)科技装备产业园",
      "深商青岛科创园",
      "深商日韩贸易港",
      "正威供应链",
    ]);
    expect(byPlace["城阳区"][0].investment).toEqual({ value: 7_500_000_000, approximate: true, originalText: "约75亿元" });
    expect(byPlace["平度"]).toEqual([
      { name: "爱能森清洁能源高端装备产业园项目", investment: { value: 3_500_000_000, approximate: false, originalText: "35亿元" } },
    ]);
    expect(byPlace["西海岸新区"].map((p: any) => p.name)).toEqual(["爱能森总部落子青岛西海岸新区"]);
    expect(byPlace["山东"]).toEqual([]);
  });

  test("中德生态园 sits under 西海岸新区 under 青岛, and the tree reads both ways", async () => {
    const data = await api.data(`{
      place(slug: "sino-german-ecopark") { name kind parent { name parent { name parentInferred } } ancestors { name } }
      qingdao: place(slug: "qingdao") { children { totalCount nodes { name } } }
    }`);
    expect(data.place).toEqual({
      name: "中德生态园",
      kind: "ZONE",
      parent: { name: "西海岸新区", parent: { name: "青岛", parentInferred: true } },
      ancestors: [{ name: "西海岸新区" }, { name: "青岛" }, { name: "山东" }],
    });
    expect(names(data.qingdao.children)).toEqual(["西海岸新区", "城阳区", "平度", "山东自贸区青岛片区", "上合示范区"]);
  });

  test("城阳区 has its own figures, events are found by place, organizations by seat", async () => {
    const data = await api.data(`{
      chengyang: place(slug: "chengyang") { figures { nodes { metric value qualifier originalText } } }
      ecopark: place(slug: "sino-german-ecopark") { events { nodes { name } } organizations { nodes { name } } }
    }`);
    expect(data.chengyang.figures.nodes).toEqual([
      { metric: "PROJECTS", value: 43, qualifier: "EXACT", originalText: "43个" },
      { metric: "INVESTMENT", value: 58_200_000_000, qualifier: "AT_LEAST", originalText: "582亿元以上" },
      { metric: "PROJECTS_BUILDING_OR_OPERATING", value: 18, qualifier: "EXACT", originalText: "18个项目" },
      { metric: "COMPLETED_INVESTMENT", value: 22_100_000_000, qualifier: "EXACT", originalText: "221亿元" },
    ]);
    expect(names(data.ecopark.events)).toEqual(["工业互联网方向考察"]);
    expect(names(data.ecopark.organizations)).toEqual(["海尔卡奥斯工业互联网平台"]);
  });
});

describe("projects", () => {
  test("a project leads to its place, organizations with roles, events and figures", async () => {
    const data = await api.data(`{
      project(slug: "tianan-sci-tech-city") {
        name status place { name }
        organizations { edges { role node { name } source { excerpt } } }
        events { edges { role node { name } } }
        figures { nodes { metric value approximate } }
      }
    }`);
    expect(data.project.place.name).toBe("城阳区");
    expect(data.project.status).toBe("SIGNED");
    expect(data.project.organizations.edges).toEqual([
      { role: "落地", node: { name: "天安数码城集团" }, source: { excerpt: "天安数码城集团“加码”布局青岛,在城阳区再落地青岛天安科创城项目" } },
    ]);
    expect(data.project.events.edges).toEqual([{ role: "签约", node: { name: "“深圳企业家青岛行”暨青岛市“学深圳、赶深圳”学会成立大会" } }]);
    expect(data.project.figures.nodes).toEqual([{ metric: "INVESTMENT", value: 7_500_000_000, approximate: true }]);
  });

  test("the 平度 industrial park has investment, output and phases", async () => {
    const data = await api.data(`{ project(slug: "enesoon-equipment-park") { dateText date datePrecision yearInferred figures { nodes { metric value unit } } } }`);
    expect(data.project).toMatchObject({ dateText: "2018年8月", date: "2018-08", datePrecision: "MONTH", yearInferred: false });
    expect(data.project.figures.nodes).toEqual([
      { metric: "INVESTMENT", value: 3_500_000_000, unit: "CNY" },
      { metric: "PHASES", value: 3, unit: "COUNT" },
      { metric: "ANNUAL_OUTPUT", value: 20_000_000_000, unit: "CNY" },
    ]);
  });
});

describe("organizations", () => {
  test("爱能森 leads to its people, projects, technology, events and aliases", async () => {
    const data = await api.data(`{
      organization(slug: "enesoon") {
        name kind aliases { alias }
        people { edges { role node { name } } }
        positions { nodes { title person { name } } }
        projects { edges { role node { name } } }
        technologies { nodes { name role organization { slug } } }
        events { edges { role node { name } } }
        participations { nodes { role event { name } } }
      }
    }`);
    const org = data.organization;
    expect(org.kind).toBe("COMPANY");
    expect(org.aliases.map((a: any) => a.alias)).toEqual(["深圳爱能森", "深圳爱能森清洁能源投资公司", "爱能森"]);
    expect(org.people.edges).toEqual([
      { role: "董事长", node: { name: "聂源" } },
      { role: "负责技术的副总裁", node: { name: "黄贝" } },
    ]);
    expect(org.positions.nodes).toEqual([
      { title: "董事长", person: { name: "聂源" } },
      { title: "负责技术的副总裁", person: { name: "黄贝" } },
    ]);
    expect(org.projects.edges.map((e: any) => e.node.name)).toEqual(["爱能森清洁能源高端装备产业园项目", "爱能森总部落子青岛西海岸新区"]);
    expect(org.technologies.nodes).toEqual([{ name: "爱能森赫爱斯系统", role: "核心项目", organization: { slug: "enesoon" } }]);
    expect(org.events.edges).toEqual([
      { role: null, node: { name: "爱能森明确将总部从深圳迁到青岛的计划" } },
      { role: "对接对象", node: { name: "宝山镇对接爱能森总部北迁" } },
    ]);
    expect(org.participations.nodes.map((p: any) => p.event.name)).toEqual(["爱能森明确将总部从深圳迁到青岛的计划", "宝山镇对接爱能森总部北迁"]);
  });

  test("海尔 has its units as children, each pointing back to its parent", async () => {
    const data = await api.data(`{
      organization(slug: "haier") { children { nodes { name parent { name } } } }
      cosmoplat: organization(slug: "cosmoplat") { place { name } figures { nodes { metric value originalText } } quotes { totalCount } }
    }`);
    expect(data.organization.children.nodes).toEqual([
      { name: "海尔卡奥斯工业互联网平台", parent: { name: "海尔" } },
      { name: "海尔卡奥斯物联生态科技有限公司", parent: { name: "海尔" } },
      { name: "海尔中央空调互联工厂", parent: { name: "海尔" } },
      { name: "海尔工业智能研究院", parent: { name: "海尔" } },
    ]);
    expect(data.cosmoplat.place.name).toBe("中德生态园");
    expect(data.cosmoplat.figures.nodes.map((f: any) => f.originalText)).toEqual(["榜首", "NO.1", "三大国际标准"]);
    expect(data.cosmoplat.quotes.totalCount).toBe(0);
  });
});

describe("people and quotes", () => {
  test("who said what at which event", async () => {
    const data = await api.data(`{
      quotes(first: 100) { nodes { kind text speaker { __typename ... on Person { name } } event { name } } }
    }`);
    const atIndustrialRoute = data.quotes.nodes.filter((q: any) => q.event?.name === "工业互联网方向考察");
    expect(atIndustrialRoute.map((q: any) => `${q.speaker.name}/${q.kind}`)).toEqual([
      "严鹏飞/DIRECT",
      "严鹏飞/REPORTED",
      "徐晓良/DIRECT",
      "徐晓良/REPORTED",
      "周吉萍/DIRECT",
      "周吉萍/REPORTED",
    ]);
    const lede = data.quotes.nodes[0];
    expect(lede).toEqual({ kind: "DIRECT", text: "投资青岛就是投资国家战略。", speaker: null, event: null });
  });

  test("a person leads to positions, organizations, quotes and events", async () => {
    const data = await api.data(`{
      jin: person(slug: "jin-haitao") {
        positions { nodes { title organization { name } } }
        organizations { edges { role node { name } } }
        events { edges { node { name } } }
        participations { nodes { event { slug } } }
      }
      nie: person(slug: "nie-yuan") { quotes { nodes { kind speakerPerson { name } speakerOrganization { name } } } }
    }`);
    expect(data.jin.positions.nodes).toEqual([
      { title: "会长", organization: { name: "青深企业家联谊会" } },
      { title: "董事长", organization: { name: "前海方舟资产管理有限公司" } },
    ]);
    expect(data.jin.organizations.edges.map((e: any) => `${e.node.name}${e.role}`)).toEqual(["青深企业家联谊会会长", "前海方舟资产管理有限公司董事长"]);
    expect(data.jin.events.edges).toEqual([{ node: { name: "工业互联网方向考察" } }]);
    expect(data.jin.participations.nodes).toEqual([{ event: { slug: "industrial-internet-route" } }]);
    expect(data.nie.quotes.nodes).toHaveLength(4);
    expect(data.nie.quotes.nodes.every((q: any) => q.speakerPerson.name === "聂源" && q.speakerOrganization === null)).toBe(true);
  });
});

describe("events", () => {
  test("the trip contains the conference and the inspections, which contain the routes and visits", async () => {
    const data = await api.data(`{
      event(slug: "shenzhen-entrepreneurs-qingdao-trip") {
        name kind place { name } parent { name }
        subEvents { nodes { slug subEvents { nodes { slug parent { slug } subEvents { nodes { slug } } } } } }
      }
    }`);
    expect(data.event).toMatchObject({ name: "深圳企业家青岛行", kind: "TRIP", place: { name: "青岛" }, parent: null });
    const [conference, inspections] = data.event.subEvents.nodes;
    expect(conference.slug).toBe("founding-conference");
    expect(inspections.subEvents.nodes.map((e: any) => e.slug)).toEqual([
      "industrial-internet-route",
      "shandong-ftz-route",
      "sco-zone-route",
      "marine-economy-route",
    ]);
    expect(inspections.subEvents.nodes[0].parent.slug).toBe("field-inspections");
    expect(inspections.subEvents.nodes[0].subEvents.nodes.map((e: any) => e.slug)).toEqual(["haier-hvac-factory-visit", "haier-institute-visit"]);
  });

  test("the conference has its participants, signed projects and figures; the route has its quotes", async () => {
    const data = await api.data(`{
      conference: event(slug: "founding-conference") {
        dateText startDate datePrecision timeOfDay startTimeOfDay endTimeOfDay yearInferred status
        participants { nodes { role participant { __typename ... on Organization { name } } organization { slug } person { slug } } }
        projects { edges { role node { name } } }
        figures { nodes { metric value unit originalText } }
      }
      route: event(slug: "industrial-internet-route") { quotes { totalCount } participants { nodes { person { name } role } } }
      forum: event(slug: "qingdao-shenzhen-youth-forum") { status startDate }
    }`);
    expect(data.conference).toMatchObject({
      dateText: "7月16日", startDate: "2020-07-16", datePrecision: "DAY", timeOfDay: null, startTimeOfDay: null, endTimeOfDay: "中午", yearInferred: true, status: "HELD",
    });
    expect(data.conference.participants.nodes).toEqual([
      { role: "成立", participant: { __typename: "Organization", name: "青岛市“学深圳、赶深圳”学会" }, organization: { slug: "learn-from-shenzhen-society" }, person: null },
    ]);
    expect(data.conference.projects.edges).toEqual([{ role: "签约", node: { name: "青岛天安科创城" } }]);
    expect(data.conference.figures.nodes).toEqual([
      { metric: "PROJECTS", value: 20, unit: "COUNT", originalText: "20个" },
      { metric: "INVESTMENT", value: 18_290_000_000, unit: "CNY", originalText: "182.9亿元" },
    ]);
    expect(data.route.quotes.totalCount).toBe(6);
    expect(data.route.participants.nodes.filter((p: any) => p.person).map((p: any) => p.person.name)).toEqual(["靳海涛", "严鹏飞", "徐晓良", "周吉萍"]);
    expect(data.forum).toEqual({ status: "PLANNED", startDate: "2020-07-17" });
  });
});

describe("figures and the article", () => {
  test("each figure leads to its one subject", async () => {
    const data = await api.data(`{
      figures(first: 100) { nodes { slug subject { __typename ... on Project { slug } ... on Place { slug } ... on Organization { slug } ... on Event { slug } } } }
    }`);
    const subjects = Object.fromEntries(data.figures.nodes.map((f: any) => [f.slug, `${f.subject.__typename}:${f.subject.slug}`]));
    expect(subjects["tianan-sci-tech-city-investment"]).toBe("Project:tianan-sci-tech-city");
    expect(subjects["chengyang-planned-investment"]).toBe("Place:chengyang");
    expect(subjects["cosmoplat-global-ranking"]).toBe("Organization:cosmoplat");
    expect(subjects["founding-conference-planned-investment"]).toBe("Event:founding-conference");
  });

  test("the article has its outlet, reporters in byline order and the inferred year", async () => {
    const data = await api.data(`{ article { title outletName outlet { name kind } reporters { name positions { nodes { title organization { name } } } } year yearInferred dateText } }`);
    expect(data.article).toMatchObject({ outletName: "半岛", outlet: { name: "半岛", kind: "MEDIA" }, year: 2020, yearInferred: true, dateText: "7月16日" });
    expect(data.article.reporters.map((r: any) => r.name)).toEqual(["李红梅", "李兵", "景毅"]);
    expect(data.article.reporters[0].positions.nodes).toEqual([{ title: "记者", organization: { name: "半岛" } }]);
  });
});
