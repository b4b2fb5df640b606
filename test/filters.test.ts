import { type TestApi, startTestApi } from "./support/api";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const names = (conn: { nodes: { name: string }[] }) => conn.nodes.map((n) => n.name);

describe("the questions from the README, one query each", () => {
  test("projects of 50亿元 or more in districts of 青岛, largest first", async () => {
    const data = await api.data(`{
      projects(
        where: { investment: { gte: 5000000000 }, place: { is: { kind: { equals: DISTRICT }, within: { slug: "qingdao" } } } }
        orderBy: [{ field: INVESTMENT, direction: DESC }]
      ) { nodes { name place { name } investment { value approximate } } }
    }`);
    expect(data.projects.nodes).toEqual([{ name: "青岛天安科创城", place: { name: "城阳区" }, investment: { value: 7_500_000_000, approximate: true } }]);
  });

  test("projects of 30亿元 or more anywhere under 青岛 include 平度 (a county-level city), largest first", async () => {
    const data = await api.data(`{ projects(where: { investment: { gte: 3000000000 }, place: { is: { within: { slug: "qingdao" } } } }, orderBy: [{ field: INVESTMENT, direction: DESC }]) { nodes { name } } }`);
    expect(names(data.projects)).toEqual(["青岛天安科创城", "爱能森清洁能源高端装备产业园项目"]);
  });

  test("quotes that mention 工业互联网", async () => {
    const data = await api.data(`{ quotes(where: { text: { contains: "工业互联网" } }) { totalCount nodes { speakerPerson { name } } } }`);
    expect(data.quotes.totalCount).toBe(5);
    expect(data.quotes.nodes.map((q: any) => q.speakerPerson.name)).toEqual(["严鹏飞", "严鹏飞", "徐晓良", "徐晓良", "周吉萍"]);
  });

  test("organizations with a project in 城阳区", async () => {
    const data = await api.data(`{ organizations(where: { projects: { some: { place: { is: { slug: { equals: "chengyang" } } } } } }) { nodes { name } } }`);
    expect(names(data.organizations)).toEqual(["天安数码城集团"]);
  });
});

describe("operators", () => {
  test("text: equals, in, contains, startsWith, isNull", async () => {
    const data = await api.data(`{
      a: places(where: { name: { equals: "平度" } }) { nodes { name } }
      b: places(where: { name: { in: ["平度", "东莞", "nowhere"] } }) { nodes { name } }
      c: places(where: { name: { contains: "青" } }) { nodes { name } }
      d: projects(where: { name: { startsWith: "深商" } }) { nodes { name } }
      e: places(where: { description: { isNull: false } }) { nodes { name } }
    }`);
    expect(names(data.a)).toEqual(["平度"]);
    expect(names(data.b)).toEqual(["东莞", "平度"]);
    expect(names(data.c)).toEqual(["青岛", "山东自贸区青岛片区"]);
    expect(names(data.d)).toEqual(["深商青岛科创园", "深商日韩贸易港"]);
    expect(names(data.e)).toEqual(["西海岸新区"]);
  });

  test("text in a list matches whole values only, whatever commas, braces and quotes they hold (PostgreSQL gets them as an array, not a joined literal)", async () => {
    const data = await api.data(`{ places(where: { name: { in: ["平度,东莞", "{平度}", "\\"平度\\"", "青岛", "平度"] } }) { nodes { name } } }`);
    expect(names(data.places).sort()).toEqual(["平度", "青岛"].sort());
  });

  test("numbers: gt, gte, lt, lte, in, equals on exact yuan beyond 32 bits", async () => {
    const data = await api.data(`{
      a: figures(where: { value: { gt: 20000000000 } }) { nodes { originalText } }
      b: figures(where: { unit: { equals: COUNT }, value: { gte: 20, lte: 43 } }) { nodes { originalText } }
      c: figures(where: { value: { equals: 18290000000 } }) { nodes { originalText } }
      d: figures(where: { value: { in: [9, 14] }, unit: { in: [COUNT] } }) { nodes { originalText } }
      e: figures(where: { value: { lt: 2 } }) { nodes { originalText } }
    }`);
    expect(data.a.nodes.map((f: any) => f.originalText)).toEqual(["582亿元以上", "221亿元"]);
    expect(data.b.nodes.map((f: any) => f.originalText)).toEqual(["20个", "20多位", "21家", "43个"]);
    expect(data.c.nodes.map((f: any) => f.originalText)).toEqual(["182.9亿元"]);
    expect(data.d.nodes.map((f: any) => f.originalText)).toEqual(["14家", "9家"]);
    expect(data.e.nodes.map((f: any) => f.originalText)).toEqual(["榜首", "NO.1"]);
  });

  test("dates: ranges and startsWith over partial ISO dates, isNull for unknown dates", async () => {
    const data = await api.data(`{
      a: events(where: { startDate: { gte: "2020-07-17" } }) { nodes { name } }
      b: events(where: { startDate: { startsWith: "2020-04" } }) { nodes { name } }
      c: projects(where: { date: { isNull: true } }, orderBy: [{ field: NAME }]) { totalCount }
      d: projects(where: { date: { lt: "2020" } }) { nodes { name } }
    }`);
    expect(names(data.a)).toEqual(["“深青相拥·链接未来”(第二届)青岛-深圳青年企业家创新创意论坛"]);
    expect(names(data.b)).toEqual(["爱能森明确将总部从深圳迁到青岛的计划", "宝山镇对接爱能森总部北迁"]);
    expect(data.c.totalCount).toBe(6);
    expect(names(data.d)).toEqual(["爱能森清洁能源高端装备产业园项目"]);
  });

  test("booleans and enums", async () => {
    const data = await api.data(`{
      a: figures(where: { approximate: { equals: true } }) { nodes { originalText qualifier } }
      b: places(where: { parentInferred: { equals: true }, kind: { in: [CITY, COUNTY_LEVEL_CITY] } }) { nodes { name } }
      c: events(where: { status: { equals: PLANNED } }) { nodes { name } }
    }`);
    expect(data.a.nodes).toEqual([
      { originalText: "百余位", qualifier: "MORE_THAN" },
      { originalText: "20多位", qualifier: "MORE_THAN" },
      { originalText: "约75亿元", qualifier: "APPROXIMATE" },
      { originalText: "582亿元以上", qualifier: "AT_LEAST" },
    ]);
    expect(names(data.b)).toEqual(["青岛", "深圳", "东莞", "平度"]);
    expect(names(data.c)).toEqual(["“深青相拥·链接未来”(第二届)青岛-深圳青年企业家创新创意论坛"]);
  });

  test("AND, OR and NOT combine", async () => {
    const data = await api.data(`{
      a: projects(where: { OR: [{ status: { equals: LANDED } }, { kind: { equals: HEADQUARTERS } }] }) { nodes { name } }
      b: projects(where: { AND: [{ place: { is: { slug: { equals: "chengyang" } } } }, { NOT: { status: { equals: SIGNED } } }] }) { nodes { name } }
      c: projects(where: { NOT: { OR: [{ investment: { isNull: true } }, { investmentApproximate: { equals: true } }] } }) { nodes { name } }
    }`);
    expect(names(data.a)).toEqual(["爱能森清洁能源高端装备产业园项目", "爱能森总部落子青岛西海岸新区"]);
    expect(names(data.b)).toEqual(["青岛天安数码城"]);
    expect(names(data.c)).toEqual(["爱能森清洁能源高端装备产业园项目"]);
  });

  test("ids filter by global id", async () => {
    const ids = await api.data(`{ a: place(slug: "qingdao") { id } b: place(slug: "pingdu") { id } }`);
    const data = await api.data(`query($ids: [ID!]) { places(where: { id: { in: $ids } }) { nodes { name } } }`, { ids: [ids.a.id, ids.b.id] });
    expect(names(data.places)).toEqual(["青岛", "平度"]);
  });
});

describe("relation filters", () => {
  test("some, none and every on lists", async () => {
    const data = await api.data(`{
      some: people(where: { quotes: { some: { kind: { equals: DIRECT } } } }) { nodes { name } }
      none: events(where: { parent: { isNull: true }, subEvents: { none: {} } }) { nodes { name } }
      every: people(where: { quotes: { some: {} , every: { event: { is: { slug: { equals: "industrial-internet-route" } } } } } }) { nodes { name } }
    }`);
    expect(names(data.some)).toEqual(["严鹏飞", "徐晓良", "周吉萍", "聂源", "黄贝"]);
    expect(names(data.none)).toEqual(["爱能森明确将总部从深圳迁到青岛的计划", "宝山镇对接爱能森总部北迁", "“深青相拥·链接未来”(第二届)青岛-深圳青年企业家创新创意论坛"]);
    expect(names(data.every)).toEqual(["严鹏飞", "徐晓良", "周吉萍"]);
  });

  test("is and isNot on single relations, through several hops", async () => {
    const data = await api.data(`{
      a: quotes(where: { speakerPerson: { is: { positions: { some: { organization: { is: { name: { contains: "商会" } } } } } } } }) { nodes { slug } }
      b: organizations(where: { parent: { isNot: { slug: { equals: "haier" } } }, kind: { equals: COMPANY } }) { nodes { name } }
      c: figures(where: { project: { is: { organizations: { some: { slug: { equals: "enesoon" } } } } } }) { totalCount }
    }`);
    expect(data.a.nodes.map((q: any) => q.slug)).toEqual(["xu-xiaoliang-qingdao-leads", "xu-xiaoliang-promote-cosmoplat"]);
    expect(names(data.b)).toEqual(["海尔", "前海方舟资产管理有限公司", "深圳爱能森清洁能源投资有限公司", "天安数码城集团"]);
    expect(data.c.totalCount).toBe(3);
  });

  test("an organization is found by any alias", async () => {
    const data = await api.data(`{ organizations(where: { alias: { equals: "卡奥斯平台" } }) { nodes { name } } }`);
    expect(names(data.organizations)).toEqual(["海尔卡奥斯工业互联网平台"]);
  });

  test("within means the place and every place under it", async () => {
    const data = await api.data(`{
      places(where: { within: { slug: "west-coast-new-area" } }) { nodes { name } }
      events(where: { place: { is: { within: { slug: "qingdao" } } } }) { totalCount }
    }`);
    expect(names(data.places)).toEqual(["西海岸新区", "中德生态园", "宝山镇"]);
    expect(data.events.totalCount).toBe(6);
  });
});

describe("nested connections filter and order too", () => {
  test("a place's projects, an organization's linked projects, an event's participants", async () => {
    const data = await api.data(`{
      place(slug: "chengyang") { projects(where: { status: { equals: SIGNED } }, orderBy: [{ field: NAME, direction: DESC }]) { totalCount nodes { name } } }
      organization(slug: "enesoon") { projects(where: { place: { isNull: false } }, orderBy: [{ field: DATE, direction: DESC }]) { edges { role node { name } } } }
      event(slug: "industrial-internet-route") { participants(where: { person: { isNull: false } }, orderBy: [{ field: ROLE }]) { nodes { role person { name } } } }
    }`);
    expect(data.place.projects.totalCount).toBe(5);
    expect(names(data.place.projects)).toEqual(["青岛天安科创城", "深商青岛科创园", "深商日韩贸易港", "正威供应链", "全国工商联(青岛)科技装备产业园"]);
    expect(data.organization.projects.edges).toEqual([
      { role: "投资方", node: { name: "爱能森清洁能源高端装备产业园项目" } },
      { role: "总部", node: { name: "爱能森总部落子青岛西海岸新区" } },
    ]);
    expect(data.event.participants.nodes).toEqual([
      { role: "推介", person: { name: "严鹏飞" } },
      { role: null, person: { name: "靳海涛" } },
      { role: null, person: { name: "徐晓良" } },
      { role: null, person: { name: "周吉萍" } },
    ]);
  });
});

describe("bad filters are BAD_USER_INPUT", () => {
  test.each([
    ["an unknown place in within", `{ projects(where: { place: { is: { within: { slug: "atlantis" } } } }) { totalCount } }`, /atlantis/],
    ["within with both id and slug", `{ places(where: { within: { slug: "qingdao", id: "UGxhY2U6MQ==" } }) { totalCount } }`, /either an id or a slug/],
    ["a malformed date", `{ events(where: { startDate: { gte: "July 2020" } }) { totalCount } }`, /ISO/],
    ["an in list over 100 items", `{ places(where: { name: { in: [${Array.from({ length: 101 }, (_, i) => `"p${i}"`).join(",")}] } }) { totalCount } }`, /100/],
    ["more than three sort keys", `{ projects(orderBy: [{ field: NAME }, { field: DATE }, { field: SLUG }, { field: INVESTMENT }]) { totalCount } }`, /no more than 3/],
    ["a malformed id in a filter", `{ places(where: { id: { equals: "nope" } }) { totalCount } }`, /not a valid id/],
  ])("%s", async (_name, query, message) => {
    const result = await api.run(query);
    expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0].message).toMatch(message);
  });
});
