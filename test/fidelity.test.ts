import { chineseNumeral, parseFigureText } from "../src/seed/numbers";
import { type TestApi, startTestApi } from "./support/api";

/**
 * Walks every record the API serves and asserts what the article can prove:
 * every passage at its offsets, every direct quote verbatim, every value the
 * text does not state flagged as inferred, every number read back from its
 * printed wording, and no yuan (or counted item) twice in any sum.
 */
let api: TestApi;
let all: any;
let text: string;
beforeAll(async () => {
  api = await startTestApi();
  all = await api.data(WALK);
  text = all.article.text;
});
afterAll(() => api.close());

const S = "source { start end excerpt }";
const NAMES = "name aliases { alias }";
const WALK = `{
  article { text dateText year yearInferred ${S} }
  places(first: 100) { totalCount nodes { id slug name parentInferred parent { id name } ${S} candidateFor { edges { ${S} node { slug } } } } }
  organizations(first: 100) {
    totalCount
    nodes {
      id slug name parentInferred parent { ${NAMES} } place { id } aliases { alias ${S} } ${S}
      projects { edges { ${S} node { id } } } people { edges { ${S} } } placements { slug }
    }
  }
  people(first: 100) {
    totalCount
    nodes {
      id slug name ${S}
      placements { slug title programmeInferred ${S} person { name } programme { ${NAMES} } host { ${NAMES} } }
      projects { edges { ${S} node { id } } }
    }
  }
  positions(first: 100) { totalCount nodes { slug title person { name } ${S} } }
  events(first: 100) {
    totalCount
    nodes { id slug dateText startDate datePrecision yearInferred timeOfDay timeOfDayInferred startTimeOfDay endTimeOfDay ${S} parent { slug } place { id } }
  }
  projects(first: 100) {
    totalCount
    nodes {
      id slug name dateText date yearInferred ${S} place { id } investment { id }
      organizations { edges { ${S} node { id } } } events { edges { ${S} node { id } } }
      people { edges { ${S} node { name } } } candidatePlaces { edges { ${S} node { name } } }
    }
  }
  technologies(first: 100) { totalCount nodes { slug name ${S} organization { ${NAMES} } } }
  participations(first: 100) { totalCount nodes { slug ${S} } }
  quotes(first: 100) { totalCount nodes { slug kind text ${S} speakerPerson { name } speakerOrganization { name } } }
  figures(first: 100) {
    totalCount
    nodes {
      id slug metric value unit qualifier approximate originalText ${S}
      project { id } place { id } event { id } organization { id }
      parts { inferred mayOverlap note ${S} figure { id originalText } project { id name } }
      partOf { whole { id } }
    }
  }
}`;

const LISTS = ["places", "organizations", "people", "positions", "events", "projects", "technologies", "participations", "quotes", "figures"];

describe("every passage stands in the article", () => {
  test("the walk saw every record (no list is longer than one page)", () => {
    for (const list of LISTS) expect(all[list].nodes).toHaveLength(all[list].totalCount);
  });

  test("every record's, link's, alias's and containment's excerpt is the article at its offsets (code points)", () => {
    const points = Array.from(text);
    const passages = [
      all.article.source,
      ...LISTS.flatMap((l) => all[l].nodes.map((n: any) => n.source)),
      ...all.organizations.nodes.flatMap((o: any) => [...o.aliases, ...o.projects.edges, ...o.people.edges].map((x: any) => x.source)),
      ...all.people.nodes.flatMap((p: any) => [...p.placements, ...p.projects.edges].map((x: any) => x.source)),
      ...all.projects.nodes.flatMap((p: any) => [...p.organizations.edges, ...p.events.edges, ...p.people.edges, ...p.candidatePlaces.edges].map((x: any) => x.source)),
      ...all.places.nodes.flatMap((p: any) => p.candidateFor.edges.map((x: any) => x.source)),
      ...all.figures.nodes.flatMap((f: any) => f.parts.map((x: any) => x.source)),
    ];
    expect(passages.length).toBeGreaterThan(180);
    for (const s of passages) expect(points.slice(s.start, s.end).join("")).toBe(s.excerpt);
  });
});

describe("quotes", () => {
  test("every direct quote is verbatim in the article, inside quotation marks; reported speech is the passage's own wording", () => {
    for (const q of all.quotes.nodes) {
      if (q.kind === "DIRECT") expect(text).toContain(`“${q.text}”`);
      expect(q.source.excerpt).toContain(q.text);
    }
  });

  test("every quote's speaker is named in its passage", () => {
    for (const q of all.quotes.nodes) {
      const speaker = q.speakerPerson?.name ?? q.speakerOrganization?.name;
      if (speaker) expect([q.slug, q.source.excerpt.includes(speaker)]).toEqual([q.slug, true]);
    }
  });
});

/** The names an organization goes by in the article. */
const namesOf = (o: { name: string; aliases?: { alias: string }[] }) => [o.name, ...(o.aliases ?? []).map((a) => a.alias)];
const says = (excerpt: string, names: string[]) => names.some((n) => excerpt.includes(n));
/** [slug, passes]: failures name the record. */
const check = (slug: string, ok: boolean) => expect([slug, ok]).toEqual([slug, true]);

describe("what the text does not state is flagged as inferred", () => {
  test("a parent not flagged inferred is named in the child's passage (海尔 for its units is general knowledge, so flagged)", () => {
    for (const p of all.places.nodes) if (p.parent && !p.parentInferred) check(p.slug, p.source.excerpt.includes(p.parent.name));
    for (const o of all.organizations.nodes) if (o.parent && !o.parentInferred) check(o.slug, says(o.source.excerpt, namesOf(o.parent)));
    const haier = all.organizations.nodes.filter((o: any) => o.parent?.name === "海尔");
    expect(haier).toHaveLength(4);
    expect(haier.every((o: any) => o.parentInferred)).toBe(true);
  });

  test("an alias is another name, not the name with a descriptor (深企 means a Shenzhen company)", () => {
    for (const o of all.organizations.nodes) {
      for (const a of o.aliases) {
        check(`${o.slug}: ${a.alias}`, a.source.excerpt.includes(a.alias) && !a.alias.includes(o.name));
      }
    }
  });

  /** A date as printed: its year, month and day where given. */
  const printed = (dateText: string) => ({
    year: /(\d{4})年/.exec(dateText)?.[1],
    month: /(\d{1,2})月/.exec(dateText)?.[1],
    day: /(\d{1,2})日/.exec(dateText)?.[1],
  });
  const agrees = (dateText: string, iso: string | null, yearInferred: boolean) => {
    if (!iso) return true;
    const [y, m, d] = iso.split("-");
    const p = printed(dateText);
    return (yearInferred ? !p.year : p.year === y) && (!p.month || Number(p.month) === Number(m)) && (!p.day || Number(p.day) === Number(d));
  };

  test("every date is printed in the record's passage (or its parent event's), and the ISO date says the same, the year flagged when not printed", () => {
    const events = new Map(all.events.nodes.map((e: any) => [e.slug, e]));
    const chain = (e: any): any[] => (e ? [e, ...chain(e.parent ? events.get(e.parent.slug) : null)] : []);
    for (const e of all.events.nodes) {
      if (!e.dateText) continue;
      check(e.slug, chain(e).some((x) => x.source.excerpt.includes(e.dateText)));
      check(e.slug, agrees(e.dateText, e.startDate, e.yearInferred));
    }
    for (const p of all.projects.nodes) {
      if (!p.dateText) continue;
      check(p.slug, p.source.excerpt.includes(p.dateText));
      check(p.slug, agrees(p.dateText, p.date, p.yearInferred));
    }
    expect(all.article.yearInferred).toBe(!text.includes(`${all.article.year}年`));
  });

  test("a time of day is printed where it is not flagged inferred; when an event began and ended is in its own passage", () => {
    const events = new Map(all.events.nodes.map((e: any) => [e.slug, e]));
    const chain = (e: any): any[] => (e ? [e, ...chain(e.parent ? events.get(e.parent.slug) : null)] : []);
    for (const e of all.events.nodes) {
      if (e.timeOfDay && !e.timeOfDayInferred) check(e.slug, chain(e).some((x) => x.source.excerpt.includes(e.timeOfDay)));
      if (e.timeOfDayInferred) check(e.slug, e.timeOfDay !== null);
      for (const t of [e.startTimeOfDay, e.endTimeOfDay]) if (t) check(e.slug, e.source.excerpt.includes(t));
    }
    const byslug = (slug: string) => events.get(slug) as any;
    expect(byslug("founding-conference")).toMatchObject({ timeOfDay: null, endTimeOfDay: "中午" });
    expect(byslug("field-inspections")).toMatchObject({ startTimeOfDay: "中午" });
  });

  test("a training placement names its person, title and host in its passage, and its programme unless flagged inferred", () => {
    const placements = all.people.nodes.flatMap((p: any) => p.placements);
    expect(placements.length).toBeGreaterThan(0);
    for (const p of placements) {
      check(p.slug, p.source.excerpt.includes(p.person.name) && p.source.excerpt.includes(p.title));
      if (p.host) check(p.slug, says(p.source.excerpt, namesOf(p.host)));
      if (!p.programmeInferred) check(p.slug, says(p.source.excerpt, namesOf(p.programme)));
    }
  });

  test("positions, project people, candidate places and technologies are named in their passages", () => {
    for (const p of all.positions.nodes) check(p.slug, p.source.excerpt.includes(p.title) && p.source.excerpt.includes(p.person.name));
    for (const p of all.projects.nodes) {
      for (const e of p.people.edges) check(p.slug, e.source.excerpt.includes(e.node.name));
      for (const e of p.candidatePlaces.edges) check(p.slug, e.source.excerpt.includes(e.node.name));
    }
    for (const t of all.technologies.nodes) check(t.slug, t.source.excerpt.includes(t.name) && (!t.organization || says(t.source.excerpt, namesOf(t.organization))));
  });

  test("a containment not flagged inferred is stated in its passage, part and whole; an inferred one says why", () => {
    const parts = all.figures.nodes.flatMap((f: any) => f.parts.map((p: any) => ({ ...p, whole: f })));
    expect(parts.length).toBeGreaterThan(10);
    for (const p of parts) {
      const label = `${p.whole.slug} ⊃ ${p.figure?.originalText ?? p.project?.name}`;
      if (p.inferred) check(label, Boolean(p.note));
      else check(label, p.source.excerpt.includes(p.whole.originalText) && p.source.excerpt.includes(p.figure?.originalText ?? p.project.name));
    }
  });
});

describe("numbers", () => {
  test("the reader of printed numbers reads the article's kinds of wording", () => {
    expect(chineseNumeral("三")).toBe(3);
    expect(chineseNumeral("十四")).toBe(14);
    expect(chineseNumeral("二十")).toBe(20);
    expect(chineseNumeral("百")).toBe(100);
    expect(chineseNumeral("三百零五")).toBe(305);
    expect(parseFigureText("182.9亿元")).toEqual({ value: 18_290_000_000n, unit: "CNY", qualifier: "EXACT" });
    expect(parseFigureText("约75亿元")).toEqual({ value: 7_500_000_000n, unit: "CNY", qualifier: "APPROXIMATE" });
    expect(parseFigureText("582亿元以上")).toEqual({ value: 58_200_000_000n, unit: "CNY", qualifier: "AT_LEAST" });
    expect(parseFigureText("百余位")).toEqual({ value: 100n, unit: "COUNT", qualifier: "MORE_THAN" });
    expect(parseFigureText("20多位")).toEqual({ value: 20n, unit: "COUNT", qualifier: "MORE_THAN" });
    expect(parseFigureText("连续三批")).toEqual({ value: 3n, unit: "COUNT", qualifier: "EXACT" });
    expect(parseFigureText("18个项目")).toEqual({ value: 18n, unit: "COUNT", qualifier: "EXACT" });
    expect(parseFigureText("榜首")).toEqual({ value: 1n, unit: "RANK", qualifier: "EXACT" });
    expect(parseFigureText("NO.1")).toEqual({ value: 1n, unit: "RANK", qualifier: "EXACT" });
    expect(parseFigureText("1.234567891亿元")).toBeNull();
    expect(parseFigureText("约582亿元以上")).toBeNull();
  });

  test("every figure's number, unit and qualifier are what its printed wording says, and the wording is in its passage", () => {
    for (const f of all.figures.nodes) {
      const parsed = parseFigureText(f.originalText);
      expect([f.slug, parsed && { value: Number(parsed.value), unit: parsed.unit, qualifier: parsed.qualifier }]).toEqual([f.slug, { value: f.value, unit: f.unit, qualifier: f.qualifier }]);
      expect([f.slug, f.approximate]).toEqual([f.slug, f.qualifier !== "EXACT"]);
      check(f.slug, f.source.excerpt.includes(f.originalText));
    }
  });
});

describe("no sum the API serves counts a yuan twice", () => {
  /** Containment as the API reports it (Figure.partOf and Figure.parts), closed over chains, computed here on its own. */
  let figure: Map<string, any>;
  const above = (id: string, seen = new Set<string>()): Set<string> => {
    for (const { whole } of figure.get(id)!.partOf) {
      if (!seen.has(whole.id)) {
        seen.add(whole.id);
        above(whole.id, seen);
      }
    }
    return seen;
  };
  /** What a figure covers: itself, its project and metric, and every part below it. */
  const covers = (id: string, out = new Set<string>()): Set<string> => {
    const f = figure.get(id)!;
    out.add(id);
    if (f.project) out.add(`${f.project.id}:${f.metric}`);
    for (const p of f.parts) {
      if (p.figure) covers(p.figure.id, out);
      else {
        out.add(`${p.project.id}:${f.metric}`);
        for (const g of figure.values()) if (g.project?.id === p.project.id && g.metric === f.metric) covers(g.id, out);
      }
    }
    return out;
  };
  /** Figures under a part that may overlap its whole's other parts, with the whole. */
  const overlappingScopes = () =>
    [...figure.values()].flatMap((w) => w.parts.filter((p: any) => p.mayOverlap && p.figure).map((p: any) => ({ whole: w.id, part: p.figure.id })));

  beforeAll(() => {
    figure = new Map(all.figures.nodes.map((f: any) => [f.id, f]));
  });

  let checked = 0;
  /** The served aggregate of a set of figures keeps the rule: what it leaves out is inside what it keeps, and what it adds shares nothing. */
  function assertCountedOnce(label: string, ids: string[], agg: any) {
    checked++;
    const set = new Set(ids);
    expect([label, agg.count]).toEqual([label, set.size]);
    const units = new Set(ids.map((id) => figure.get(id).unit));
    if (set.size === 0 || units.size > 1) {
      expect([label, agg.sum]).toEqual([label, null]);
      return;
    }
    const excluded = new Set(agg.excluded.map((f: any) => f.id));
    for (const e of excluded) check(`${label}: ${e} left out`, set.has(e as string) && [...above(e as string)].some((w) => set.has(w)));
    const kept = ids.filter((id) => !excluded.has(id));
    for (const k of kept) check(`${label}: ${figure.get(k).slug} kept though inside another`, ![...above(k)].some((w) => set.has(w) && w !== k));
    const pairs = kept.flatMap((a, i) => kept.slice(i + 1).map((b) => [a, b]));
    const share = ([a, b]: string[]) => {
      const ca = covers(a);
      if ([...covers(b)].some((n) => ca.has(n))) return true;
      return overlappingScopes().some(({ whole, part }) => {
        const under = (x: string) => x === part || above(x).has(part);
        return above(a).has(whole) && above(b).has(whole) && under(a) !== under(b);
      });
    };
    const sharing = pairs.filter(share);
    if (agg.sum === null) {
      check(`${label}: no sum though nothing overlaps`, agg.overlapping && sharing.length > 0);
      expect([label, new Set(agg.overlaps.map((f: any) => f.id))]).toEqual([label, new Set(sharing.flat())]);
    } else {
      expect([label, sharing.map((p) => p.map((id) => figure.get(id).slug))]).toEqual([label, []]);
      expect([label, agg.overlapping, agg.overlaps]).toEqual([label, false, []]);
      expect([label, agg.sum]).toEqual([label, kept.reduce((n, id) => n + figure.get(id).value, 0)]);
    }
  }

  const AGG = "count sum overlapping excluded { id } overlaps { id }";
  /** Many root fields, a few at a time (the query budget allows 15 aliases), as a client paging through questions would ask them. */
  async function ask(fields: string[]): Promise<any> {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i += 10) Object.assign(out, await api.data(`{ ${fields.slice(i, i + 10).join("\n")} }`));
    return out;
  }

  test("figure aggregates over every filter, every subset of the yuan figures and every pair of the counts", async () => {
    const cny = all.figures.nodes.filter((f: any) => f.unit === "CNY");
    const counts = all.figures.nodes.filter((f: any) => f.unit === "COUNT");
    const subsets: string[][] = [];
    for (let mask = 1; mask < 1 << cny.length; mask++) subsets.push(cny.filter((_: any, i: number) => mask & (1 << i)).map((f: any) => f.slug));
    counts.forEach((a: any, i: number) => counts.slice(i + 1).forEach((b: any) => subsets.push([a.slug, b.slug])));
    const filters = [
      "{}", "{ unit: { equals: CNY } }", "{ unit: { equals: COUNT } }", "{ unit: { equals: RANK } }", "{ approximate: { equals: true } }",
      "{ unit: { equals: CNY }, event: { isNull: true } }", "{ project: { isNull: false } }",
      ...["INVESTMENT", "COMPLETED_INVESTMENT", "ANNUAL_OUTPUT", "PROJECTS", "COMPANIES", "PARTICIPANTS"].map((m) => `{ metric: { equals: ${m} } }`),
      ...subsets.map((s) => `{ slug: { in: ${JSON.stringify(s)} } }`),
    ];
    const data = await ask(filters.map((w, i) => `f${i}: figures(where: ${w}, first: 100) { nodes { id } aggregate { ${AGG} } }`));
    filters.forEach((w, i) => assertCountedOnce(w, data[`f${i}`].nodes.map((n: any) => n.id), data[`f${i}`].aggregate));
    expect(checked).toBeGreaterThan(150);
  });

  test("figure groups by place (flat and rolled up), organization and event", async () => {
    const places = new Map(all.places.nodes.map((p: any) => [p.id, p]));
    const ancestors = (id: string): string[] => [id, ...((places.get(id) as any)?.parent ? ancestors((places.get(id) as any).parent.id) : [])];
    const projects = new Map(all.projects.nodes.map((p: any) => [p.id, p]));
    const events = new Map(all.events.nodes.map((e: any) => [e.id, e]));
    const orgs = new Map(all.organizations.nodes.map((o: any) => [o.id, o]));
    const placeOf = (f: any) => f.place?.id ?? (projects.get(f.project?.id) as any)?.place?.id ?? (events.get(f.event?.id) as any)?.place?.id ?? (orgs.get(f.organization?.id) as any)?.place?.id;
    const keysOf: Record<string, (f: any, rollup: boolean) => string[]> = {
      PLACE: (f, rollup) => (placeOf(f) ? (rollup ? ancestors(placeOf(f)) : [placeOf(f)]) : []),
      ORGANIZATION: (f) => [f.organization?.id, ...((projects.get(f.project?.id) as any)?.organizations.edges.map((e: any) => e.node.id) ?? [])].filter(Boolean),
      EVENT: (f) => [f.event?.id, ...((projects.get(f.project?.id) as any)?.events.edges.map((e: any) => e.node.id) ?? [])].filter(Boolean),
    };
    const filters = ["{}", "{ unit: { equals: CNY } }", "{ metric: { equals: INVESTMENT } }", "{ unit: { equals: COUNT } }", "{ metric: { in: [INVESTMENT, COMPLETED_INVESTMENT] } }"];
    const shapes = [["PLACE", false], ["PLACE", true], ["ORGANIZATION", false], ["EVENT", false]] as const;
    const fields = filters.flatMap((w, i) =>
      shapes.map(([by, rollup], j) => `g${i}_${j}: figures(where: ${w}, first: 100) { nodes { id } groups(by: ${by}, rollup: ${rollup}) { place { id } organization { id } event { id } aggregate { ${AGG} } } }`),
    );
    const data = await ask(fields);
    let groups = 0;
    filters.forEach((w, i) =>
      shapes.forEach(([by, rollup], j) => {
        const served = data[`g${i}_${j}`];
        const inGroup = new Map<string, string[]>();
        for (const { id } of served.nodes) for (const key of keysOf[by](figure.get(id), rollup)) inGroup.set(key, [...(inGroup.get(key) ?? []), id]);
        expect(served.groups).toHaveLength(inGroup.size);
        for (const g of served.groups) {
          const key = (g.place ?? g.organization ?? g.event).id;
          assertCountedOnce(`${w} by ${by}${rollup ? " rolled up" : ""}: ${key}`, inGroup.get(key)!, g.aggregate);
          groups++;
        }
      }),
    );
    expect(groups).toBeGreaterThan(50);
  });

  test("nested figure lists of every place, organization, event and project", async () => {
    const lists = ["places", "organizations", "events", "projects"];
    const data = await api.data(`{ ${lists.map((l) => `${l}(first: 100) { nodes { figures(first: 100) { nodes { id } aggregate { ${AGG} } } } }`).join(" ")} }`);
    for (const l of lists) for (const [i, n] of data[l].nodes.entries()) assertCountedOnce(`${l}[${i}].figures`, n.figures.nodes.map((f: any) => f.id), n.figures.aggregate);
  });

  test("project investment of every project list, root and nested, and investment by place", async () => {
    const invest = `investment { ${AGG} }`;
    const list = `(first: 100) { nodes { id } ${invest} }`;
    const data = await api.data(`{
      projects${list}
      places(first: 100) { nodes { id projects${list} candidateFor${list} } }
      organizations(first: 100) { nodes { projects${list} } }
      events(first: 100) { nodes { projects${list} } }
      people(first: 100) { nodes { projects${list} } }
      flat: investmentByPlace { place { id } ${invest} }
      rolled: investmentByPlace(rollup: true) { place { id } ${invest} }
    }`);
    const investmentOf = new Map(all.projects.nodes.map((p: any) => [p.id, p.investment?.id]));
    const ids = (conn: any) => conn.nodes.map((p: any) => investmentOf.get(p.id)).filter(Boolean);
    assertCountedOnce("projects", ids(data.projects), data.projects.investment);
    for (const p of data.places.nodes) {
      assertCountedOnce(`place ${p.id} projects`, ids(p.projects), p.projects.investment);
      assertCountedOnce(`place ${p.id} candidateFor`, ids(p.candidateFor), p.candidateFor.investment);
    }
    for (const l of ["organizations", "events", "people"]) for (const n of data[l].nodes) assertCountedOnce(`${l} projects`, ids(n.projects), n.projects.investment);
    const places = new Map(all.places.nodes.map((p: any) => [p.id, p]));
    const ancestors = (id: string): string[] => [id, ...((places.get(id) as any)?.parent ? ancestors((places.get(id) as any).parent.id) : [])];
    for (const [name, rollup] of [["flat", false], ["rolled", true]] as const) {
      const inPlace = new Map<string, string[]>();
      for (const p of all.projects.nodes) {
        if (!p.investment || !p.place) continue;
        for (const key of rollup ? ancestors(p.place.id) : [p.place.id]) inPlace.set(key, [...(inPlace.get(key) ?? []), p.investment.id]);
      }
      expect(data[name]).toHaveLength(inPlace.size);
      for (const g of data[name]) assertCountedOnce(`investmentByPlace ${name} ${g.place.id}`, inPlace.get(g.place.id)!, g.investment);
    }
  });
});
