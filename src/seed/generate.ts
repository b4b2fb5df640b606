import type { Db } from "../db";

/**
 * A synthetic dataset for scale tests and benchmarks: places, organizations,
 * events and projects with investment figures, generated from a seed so every
 * run makes the same rows. It is not article data: every slug starts with
 * "gen-" and no record has a source passage (offsets 0–0).
 */
export interface GenerateOptions {
  projects: number;
  seed?: number;
  /** Told after each batch of projects is written. */
  onProgress?: (projectsWritten: number, projects: number) => void;
}

export interface GeneratedProject {
  id: number;
  slug: string;
  name: string;
  kind: string;
  status: string | null;
  date: string | null;
  placeId: number;
  investment: bigint | null;
  investmentApproximate: boolean | null;
  organizationIds: number[];
  eventId: number | null;
}

export interface GeneratedDataset {
  cities: { id: number; slug: string }[];
  districts: { id: number; slug: string; parentId: number }[];
  organizationIds: number[];
  eventIds: number[];
  projects: GeneratedProject[];
}

/** mulberry32: small, fast and good enough for fixtures. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NO_SOURCE = { sourceStart: 0, sourceEnd: 0, sourceExcerpt: "" };
const KINDS = ["INDUSTRIAL_PARK", "SCIENCE_PARK", "TRADE_HUB", "SUPPLY_CHAIN", "HEADQUARTERS"];
const STATUSES = ["DECIDED", "SIGNED", "LANDED", "OPERATING", null];
const BATCH = 500;

async function inBatches<T, R>(rows: T[], insert: (batch: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += BATCH) out.push(...(await insert(rows.slice(i, i + BATCH))));
  return out;
}

export async function generateDataset(db: Db, options: GenerateOptions): Promise<GeneratedDataset> {
  const rand = random(options.seed ?? 20200716);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const pad = (n: number, width: number) => String(n).padStart(width, "0");

  const province = await db.place.create({ data: { slug: "gen-province", name: "Gen Province", kind: "PROVINCE", ...NO_SOURCE } });
  const cities = await inBatches(
    [1, 2, 3].map((c) => ({ slug: `gen-city-${c}`, name: `Gen City ${c}`, kind: "CITY" as const, parentId: province.id, ...NO_SOURCE })),
    (data) => db.place.createManyAndReturn({ data, select: { id: true, slug: true } }),
  );
  const districts = await inBatches(
    cities.flatMap((city, c) =>
      Array.from({ length: 10 }, (_, d) => ({ slug: `gen-district-${c + 1}-${pad(d + 1, 2)}`, name: `Gen District ${c + 1}-${pad(d + 1, 2)}`, kind: "DISTRICT" as const, parentId: city.id, ...NO_SOURCE })),
    ),
    (data) => db.place.createManyAndReturn({ data, select: { id: true, slug: true, parentId: true } }),
  );
  const organizations = await inBatches(
    Array.from({ length: 200 }, (_, i) => ({ slug: `gen-org-${pad(i + 1, 4)}`, name: `Gen Org ${pad(i + 1, 4)}`, kind: "COMPANY" as const, ...NO_SOURCE })),
    (data) => db.organization.createManyAndReturn({ data, select: { id: true } }),
  );
  const events = await inBatches(
    Array.from({ length: 50 }, (_, i) => ({ slug: `gen-event-${pad(i + 1, 3)}`, name: `Gen Event ${pad(i + 1, 3)}`, kind: "SIGNING" as const, status: "HELD" as const, ...NO_SOURCE })),
    (data) => db.event.createManyAndReturn({ data, select: { id: true } }),
  );

  const places = [...cities.map((c) => c.id), ...districts.map((d) => d.id)];
  const drafts = Array.from({ length: options.projects }, (_, i) => {
    const hasInvestment = rand() < 0.8;
    // Whole millions of yuan, up to 1000亿元; ties are common on purpose.
    const investment = hasInvestment ? BigInt(Math.floor(rand() * 400) * 250) * 1_000_000n : null;
    const date = rand() < 0.85 ? `${2018 + Math.floor(rand() * 3)}-${pad(1 + Math.floor(rand() * 12), 2)}` : null;
    return {
      row: {
        slug: `gen-project-${pad(i + 1, 6)}`,
        name: `Gen Project ${pad(Math.floor(rand() * options.projects), 6)} 产业园`,
        kind: pick(KINDS) as never,
        status: pick(STATUSES) as never,
        date,
        datePrecision: date ? ("MONTH" as const) : null,
        placeId: pick(places),
        investment,
        investmentApproximate: hasInvestment ? rand() < 0.3 : null,
        ...NO_SOURCE,
      },
      organizationIds: [...new Set([pick(organizations).id, ...(rand() < 0.3 ? [pick(organizations).id] : [])])],
      eventId: rand() < 0.5 ? pick(events).id : null,
    };
  });
  let written = 0;
  const created = await inBatches(drafts.map((d) => d.row), async (data) => {
    const rows = await db.project.createManyAndReturn({ data, select: { id: true, slug: true } });
    options.onProgress?.((written += rows.length), options.projects);
    return rows;
  });
  const projects: GeneratedProject[] = drafts.map((d, i) => ({
    id: created[i].id,
    slug: d.row.slug,
    name: d.row.name,
    kind: d.row.kind,
    status: d.row.status,
    date: d.row.date,
    placeId: d.row.placeId,
    investment: d.row.investment,
    investmentApproximate: d.row.investmentApproximate,
    organizationIds: d.organizationIds,
    eventId: d.eventId,
  }));

  await inBatches(
    projects.flatMap((p) => p.organizationIds.map((organizationId) => ({ projectId: p.id, organizationId, role: "投资方", ...NO_SOURCE }))),
    async (data) => [await db.projectOrganization.createMany({ data })],
  );
  await inBatches(
    projects.filter((p) => p.eventId !== null).map((p) => ({ projectId: p.id, eventId: p.eventId!, role: "签约", ...NO_SOURCE })),
    async (data) => [await db.eventProject.createMany({ data })],
  );
  await inBatches(
    projects
      .filter((p) => p.investment !== null)
      .map((p) => ({
        slug: `${p.slug}-investment`,
        metric: "INVESTMENT" as const,
        label: "总投资",
        value: p.investment!,
        unit: "CNY" as const,
        qualifier: p.investmentApproximate ? ("APPROXIMATE" as const) : ("EXACT" as const),
        originalText: `${p.investmentApproximate ? "约" : ""}${Number(p.investment! / 1_000_000n) / 100}亿元`,
        projectId: p.id,
        ...NO_SOURCE,
      })),
    async (data) => [await db.figure.createMany({ data })],
  );
  return { cities, districts: districts.map((d) => ({ ...d, parentId: d.parentId! })), organizationIds: organizations.map((o) => o.id), eventIds: events.map((e) => e.id), projects };
}
