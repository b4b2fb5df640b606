import type { Db } from "../db";
import type { Dataset, SourceRef } from "./dataset";
import { loadArticleText, readDatasetJson } from "./dataset";
import { validateDataset } from "./validate";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** A write failed: nothing was kept. Names the record that was being written. */
export class SeedWriteError extends Error {
  constructor(readonly record: string, cause: unknown) {
    super(`Seeding stopped at ${record} and was rolled back: ${cause instanceof Error ? cause.message.split("\n").pop() : String(cause)}`, { cause });
    this.name = "SeedWriteError";
  }
}

export interface SeedSummary {
  article: number;
  places: number;
  organizations: number;
  aliases: number;
  people: number;
  positions: number;
  events: number;
  projects: number;
  participations: number;
  quotes: number;
  figures: number;
}

const src = (s: SourceRef) => ({ sourceStart: s.start, sourceEnd: s.end, sourceExcerpt: s.excerpt });

/** Orders records so that every parent comes before its children. */
function parentsFirst<T extends { slug: string; parent: string | null }>(records: T[]): T[] {
  const bySlug = new Map(records.map((r) => [r.slug, r]));
  const done = new Set<string>();
  const out: T[] = [];
  const visit = (r: T) => {
    if (done.has(r.slug)) return;
    done.add(r.slug);
    if (r.parent) visit(bySlug.get(r.parent)!);
    out.push(r);
  };
  records.forEach(visit);
  return out;
}

/**
 * Writes the dataset in one transaction: validated first, then upserted by
 * slug (so a second run changes nothing), then records that left the
 * dataset are removed. Any failure rolls the whole run back.
 */
export async function seedDatabase(
  db: Db,
  input: unknown = readDatasetJson(),
  articleText: string = loadArticleText(),
): Promise<SeedSummary> {
  const data = validateDataset(input, articleText);
  await db.$transaction(async (tx) => writeDataset(tx as Tx, data, articleText), { timeout: 120_000, maxWait: 30_000 });
  return {
    article: 1,
    places: data.places.length,
    organizations: data.organizations.length,
    aliases: data.organizations.reduce((n, o) => n + o.aliases.length, 0),
    people: data.people.length,
    positions: data.positions.length,
    events: data.events.length,
    projects: data.projects.length,
    participations: data.participations.length,
    quotes: data.quotes.length,
    figures: data.figures.length,
  };
}

async function writeDataset(tx: Tx, data: Dataset, articleText: string): Promise<void> {
  let current = "the dataset";
  const step = async <T>(record: string, work: () => Promise<T>): Promise<T> => {
    current = record;
    return work();
  };
  try {
    const placeId = new Map<string, number>();
    for (const p of parentsFirst(data.places)) {
      const row = { name: p.name, kind: p.kind, parentId: p.parent ? placeId.get(p.parent)! : null, parentInferred: p.parentInferred, description: p.description, ...src(p.source) };
      const { id } = await step(`place "${p.slug}"`, () => tx.place.upsert({ where: { slug: p.slug }, create: { slug: p.slug, ...row }, update: row, select: { id: true } }));
      placeId.set(p.slug, id);
    }
    const ref = (map: Map<string, number>, slug: string | null) => (slug ? map.get(slug)! : null);

    const orgId = new Map<string, number>();
    for (const o of parentsFirst(data.organizations)) {
      const row = { name: o.name, kind: o.kind, parentId: ref(orgId, o.parent), placeId: ref(placeId, o.place), description: o.description, ...src(o.source) };
      const { id } = await step(`organization "${o.slug}"`, () => tx.organization.upsert({ where: { slug: o.slug }, create: { slug: o.slug, ...row }, update: row, select: { id: true } }));
      orgId.set(o.slug, id);
      for (const a of o.aliases) {
        await step(`organization "${o.slug}" alias "${a.alias}"`, () =>
          tx.organizationAlias.upsert({
            where: { organizationId_alias: { organizationId: id, alias: a.alias } },
            create: { organizationId: id, alias: a.alias, ...src(a.source) },
            update: src(a.source),
          }),
        );
      }
      await tx.organizationAlias.deleteMany({ where: { organizationId: id, alias: { notIn: o.aliases.map((a) => a.alias) } } });
    }

    const personId = new Map<string, number>();
    for (const p of data.people) {
      const row = { name: p.name, description: p.description, ...src(p.source) };
      const { id } = await step(`person "${p.slug}"`, () => tx.person.upsert({ where: { slug: p.slug }, create: { slug: p.slug, ...row }, update: row, select: { id: true } }));
      personId.set(p.slug, id);
    }
    for (const p of data.positions) {
      const row = { personId: personId.get(p.person)!, organizationId: orgId.get(p.organization)!, title: p.title, current: p.current, ...src(p.source) };
      await step(`position "${p.slug}"`, () => tx.position.upsert({ where: { slug: p.slug }, create: { slug: p.slug, ...row }, update: row }));
    }

    const a = data.article;
    const articleRow = { title: a.title, outletName: a.outletName, outletId: ref(orgId, a.outlet), byline: a.byline, dateText: a.dateText, year: a.year, yearInferred: a.yearInferred, text: articleText, ...src(a.source) };
    const article = await step(`article "${a.slug}"`, () => tx.article.upsert({ where: { slug: a.slug }, create: { slug: a.slug, ...articleRow }, update: articleRow, select: { id: true } }));
    for (const r of a.reporters) {
      const row = { articleId: article.id, personId: personId.get(r.person)!, ordinal: r.ordinal, ...src(r.source) };
      await step(`reporter "${r.slug}"`, () => tx.articleReporter.upsert({ where: { slug: r.slug }, create: { slug: r.slug, ...row }, update: row }));
    }

    const eventId = new Map<string, number>();
    for (const e of parentsFirst(data.events)) {
      const row = {
        name: e.name, kind: e.kind, status: e.status, dateText: e.dateText, startDate: e.startDate, endDate: e.endDate,
        datePrecision: e.datePrecision, timeOfDay: e.timeOfDay, yearInferred: e.yearInferred,
        placeId: ref(placeId, e.place), parentId: ref(eventId, e.parent), description: e.description, ...src(e.source),
      };
      const { id } = await step(`event "${e.slug}"`, () => tx.event.upsert({ where: { slug: e.slug }, create: { slug: e.slug, ...row }, update: row, select: { id: true } }));
      eventId.set(e.slug, id);
    }

    const projectId = new Map<string, number>();
    const investment = new Map(data.figures.filter((f) => f.project && f.metric === "INVESTMENT").map((f) => [f.project!, f]));
    for (const p of data.projects) {
      const figure = investment.get(p.slug);
      const row = {
        name: p.name, kind: p.kind, status: p.status, placeId: ref(placeId, p.place), dateText: p.dateText, date: p.date,
        datePrecision: p.datePrecision, yearInferred: p.yearInferred, description: p.description, ...src(p.source),
        investment: figure ? BigInt(figure.value) : null,
        investmentApproximate: figure ? figure.qualifier !== "EXACT" : null,
      };
      const { id } = await step(`project "${p.slug}"`, () => tx.project.upsert({ where: { slug: p.slug }, create: { slug: p.slug, ...row }, update: row, select: { id: true } }));
      projectId.set(p.slug, id);
      for (const o of p.organizations) {
        const organizationId = orgId.get(o.organization)!;
        const link = { role: o.role, ...src(o.source) };
        await step(`project "${p.slug}" organization "${o.organization}"`, () =>
          tx.projectOrganization.upsert({ where: { projectId_organizationId: { projectId: id, organizationId } }, create: { projectId: id, organizationId, ...link }, update: link }),
        );
      }
      await tx.projectOrganization.deleteMany({ where: { projectId: id, organizationId: { notIn: p.organizations.map((o) => orgId.get(o.organization)!) } } });
      for (const e of p.events) {
        const evId = eventId.get(e.event)!;
        const link = { role: e.role, ...src(e.source) };
        await step(`project "${p.slug}" event "${e.event}"`, () =>
          tx.eventProject.upsert({ where: { eventId_projectId: { eventId: evId, projectId: id } }, create: { eventId: evId, projectId: id, ...link }, update: link }),
        );
      }
      await tx.eventProject.deleteMany({ where: { projectId: id, eventId: { notIn: p.events.map((e) => eventId.get(e.event)!) } } });
    }

    for (const p of data.participations) {
      const row = { eventId: eventId.get(p.event)!, personId: ref(personId, p.person), organizationId: ref(orgId, p.organization), role: p.role, ...src(p.source) };
      await step(`participation "${p.slug}"`, () => tx.participation.upsert({ where: { slug: p.slug }, create: { slug: p.slug, ...row }, update: row }));
    }
    for (const q of data.quotes) {
      const row = {
        text: q.text, kind: q.kind, speakerPersonId: ref(personId, q.speakerPerson), speakerOrganizationId: ref(orgId, q.speakerOrganization),
        eventId: ref(eventId, q.event), ...src(q.source),
      };
      await step(`quote "${q.slug}"`, () => tx.quote.upsert({ where: { slug: q.slug }, create: { slug: q.slug, ...row }, update: row }));
    }
    for (const f of data.figures) {
      const row = {
        metric: f.metric, label: f.label, value: BigInt(f.value), unit: f.unit, qualifier: f.qualifier, originalText: f.originalText,
        projectId: ref(projectId, f.project), placeId: ref(placeId, f.place), organizationId: ref(orgId, f.organization), eventId: ref(eventId, f.event),
        ...src(f.source),
      };
      await step(`figure "${f.slug}"`, () => tx.figure.upsert({ where: { slug: f.slug }, create: { slug: f.slug, ...row }, update: row }));
    }

    current = "removing records that left the dataset";
    const keep = <T extends { slug: string }>(records: T[]) => ({ slug: { notIn: records.map((r) => r.slug) } });
    await tx.figure.deleteMany({ where: keep(data.figures) });
    await tx.quote.deleteMany({ where: keep(data.quotes) });
    await tx.participation.deleteMany({ where: keep(data.participations) });
    await tx.position.deleteMany({ where: keep(data.positions) });
    await tx.articleReporter.deleteMany({ where: keep(a.reporters) });
    await tx.article.deleteMany({ where: { slug: { not: a.slug } } });
    await tx.project.deleteMany({ where: keep(data.projects) });
    await tx.event.updateMany({ where: keep(data.events), data: { parentId: null } });
    await tx.event.deleteMany({ where: keep(data.events) });
    await tx.person.deleteMany({ where: keep(data.people) });
    await tx.organization.updateMany({ where: keep(data.organizations), data: { parentId: null } });
    await tx.organization.deleteMany({ where: keep(data.organizations) });
    await tx.place.updateMany({ where: keep(data.places), data: { parentId: null } });
    await tx.place.deleteMany({ where: keep(data.places) });
  } catch (error) {
    throw new SeedWriteError(current, error);
  }
}

/** True when no article has been seeded yet: `npm start` seeds only then. */
export async function isEmpty(db: Db): Promise<boolean> {
  return (await db.article.count()) === 0;
}
