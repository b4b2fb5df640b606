import type { Db } from "../db";
import type { Dataset, SourceRef } from "./dataset";
import { loadArticleText, readDatasetJson } from "./dataset";
import { validateDataset } from "./validate";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
/** What the seed reads and writes through: the client, or the client inside a transaction. */
type Client = Db | Tx;

/** A write failed: nothing was kept. Names the record that was being written. */
export class SeedWriteError extends Error {
  constructor(readonly record: string, cause: unknown) {
    super(`Seeding stopped at ${record} and was rolled back: ${cause instanceof Error ? cause.message.split("\n").pop() : String(cause)}`, { cause });
    this.name = "SeedWriteError";
  }
}

type Scalar = string | number | boolean | null;
/** A record as the seed compares it: columns by name, references by the key (slug) of the record they point at. */
type Rec = Record<string, Scalar>;

/** What changed in one entity, each record named by its key. */
export interface EntityChanges {
  entity: string;
  added: string[];
  changed: { record: string; columns: string[] }[];
  removed: string[];
}

/** What a seed run changed (or, with dryRun, would change). */
export interface SeedReport {
  dryRun: boolean;
  /** Every entity, in the order they are written, with its changes (empty lists when none). */
  entities: EntityChanges[];
  /** How many records the dataset holds in all. */
  records: number;
  /** True when anything was (or would be) added, changed or removed. */
  changed: boolean;
}

interface Entity {
  /** The name the report uses, plural. */
  name: string;
  /** The Prisma model. */
  model: string;
  /** Columns compared and written; references are among them. */
  columns: string[];
  /** Reference columns and the entity they point at. */
  refs: Record<string, string>;
  /** The column of a reference to the same entity (a parent), written parents first. */
  selfRef?: string;
  /** The key of a record: its slug, or for link rows the keys of what they link. */
  key: (r: Rec) => string;
  /** A record's name in messages. */
  label: (key: string) => string;
  records: Rec[];
}

const src = (s: SourceRef) => ({ sourceStart: s.start, sourceEnd: s.end, sourceExcerpt: s.excerpt });
const SOURCE = ["sourceStart", "sourceEnd", "sourceExcerpt"];
const bySlug = (r: Rec) => r.slug as string;
const named = (what: string) => (key: string) => `${what} "${key}"`;

/** The dataset as rows per entity, in the order they must be written (what is referenced first). */
function entitiesOf(data: Dataset, articleText: string): Entity[] {
  const investment = new Map(data.figures.filter((f) => f.project && f.metric === "INVESTMENT").map((f) => [f.project!, f]));
  const a = data.article;
  const link = (left: string, right: string) => (r: Rec) => `${r[left]} ${r[right]}`;
  return [
    {
      name: "places", model: "place", refs: { parentId: "places" }, selfRef: "parentId", key: bySlug, label: named("place"),
      columns: ["slug", "name", "kind", "parentId", "parentInferred", "description", ...SOURCE],
      records: data.places.map((p) => ({ slug: p.slug, name: p.name, kind: p.kind, parentId: p.parent, parentInferred: p.parentInferred, description: p.description, ...src(p.source) })),
    },
    {
      name: "organizations", model: "organization", refs: { parentId: "organizations", placeId: "places" }, selfRef: "parentId", key: bySlug, label: named("organization"),
      columns: ["slug", "name", "kind", "parentId", "parentInferred", "placeId", "description", ...SOURCE],
      records: data.organizations.map((o) => ({
        slug: o.slug, name: o.name, kind: o.kind, parentId: o.parent, parentInferred: o.parentInferred, placeId: o.place, description: o.description, ...src(o.source),
      })),
    },
    {
      name: "aliases", model: "organizationAlias", refs: { organizationId: "organizations" }, key: link("organizationId", "alias"),
      label: (k) => `alias "${k.split(" ")[1]}" of organization "${k.split(" ")[0]}"`,
      columns: ["organizationId", "alias", ...SOURCE],
      records: data.organizations.flatMap((o) => o.aliases.map((al) => ({ organizationId: o.slug, alias: al.alias, ...src(al.source) }))),
    },
    {
      name: "people", model: "person", refs: {}, key: bySlug, label: named("person"),
      columns: ["slug", "name", "description", ...SOURCE],
      records: data.people.map((p) => ({ slug: p.slug, name: p.name, description: p.description, ...src(p.source) })),
    },
    {
      name: "positions", model: "position", refs: { personId: "people", organizationId: "organizations" }, key: bySlug, label: named("position"),
      columns: ["slug", "personId", "organizationId", "title", "current", ...SOURCE],
      records: data.positions.map((p) => ({ slug: p.slug, personId: p.person, organizationId: p.organization, title: p.title, current: p.current, ...src(p.source) })),
    },
    {
      name: "article", model: "article", refs: { outletId: "organizations" }, key: bySlug, label: named("article"),
      columns: ["slug", "title", "outletName", "outletId", "byline", "dateText", "year", "yearInferred", "text", ...SOURCE],
      records: [{ slug: a.slug, title: a.title, outletName: a.outletName, outletId: a.outlet, byline: a.byline, dateText: a.dateText, year: a.year, yearInferred: a.yearInferred, text: articleText, ...src(a.source) }],
    },
    {
      name: "reporters", model: "articleReporter", refs: { articleId: "article", personId: "people" }, key: bySlug, label: named("reporter"),
      columns: ["slug", "articleId", "personId", "ordinal", ...SOURCE],
      records: a.reporters.map((r) => ({ slug: r.slug, articleId: a.slug, personId: r.person, ordinal: r.ordinal, ...src(r.source) })),
    },
    {
      name: "events", model: "event", refs: { placeId: "places", parentId: "events" }, selfRef: "parentId", key: bySlug, label: named("event"),
      columns: [
        "slug", "name", "kind", "status", "dateText", "startDate", "endDate", "datePrecision", "timeOfDay", "timeOfDayInferred", "startTimeOfDay", "endTimeOfDay",
        "yearInferred", "placeId", "parentId", "description", ...SOURCE,
      ],
      records: data.events.map((e) => ({
        slug: e.slug, name: e.name, kind: e.kind, status: e.status, dateText: e.dateText, startDate: e.startDate, endDate: e.endDate, datePrecision: e.datePrecision,
        timeOfDay: e.timeOfDay, timeOfDayInferred: e.timeOfDayInferred, startTimeOfDay: e.startTimeOfDay, endTimeOfDay: e.endTimeOfDay, yearInferred: e.yearInferred,
        placeId: e.place, parentId: e.parent, description: e.description, ...src(e.source),
      })),
    },
    {
      name: "projects", model: "project", refs: { placeId: "places" }, key: bySlug, label: named("project"),
      columns: ["slug", "name", "kind", "status", "placeId", "dateText", "date", "datePrecision", "yearInferred", "description", "investment", "investmentApproximate", ...SOURCE],
      records: data.projects.map((p) => {
        const figure = investment.get(p.slug);
        return {
          slug: p.slug, name: p.name, kind: p.kind, status: p.status, placeId: p.place, dateText: p.dateText, date: p.date, datePrecision: p.datePrecision,
          yearInferred: p.yearInferred, description: p.description, investment: figure ? figure.value : null, investmentApproximate: figure ? figure.qualifier !== "EXACT" : null,
          ...src(p.source),
        };
      }),
    },
    {
      name: "project organizations", model: "projectOrganization", refs: { projectId: "projects", organizationId: "organizations" }, key: link("projectId", "organizationId"),
      label: (k) => `project "${k.split(" ")[0]}" organization "${k.split(" ")[1]}"`,
      columns: ["projectId", "organizationId", "role", ...SOURCE],
      records: data.projects.flatMap((p) => p.organizations.map((o) => ({ projectId: p.slug, organizationId: o.organization, role: o.role, ...src(o.source) }))),
    },
    {
      name: "project events", model: "eventProject", refs: { eventId: "events", projectId: "projects" }, key: link("projectId", "eventId"),
      label: (k) => `project "${k.split(" ")[0]}" event "${k.split(" ")[1]}"`,
      columns: ["eventId", "projectId", "role", ...SOURCE],
      records: data.projects.flatMap((p) => p.events.map((e) => ({ eventId: e.event, projectId: p.slug, role: e.role, ...src(e.source) }))),
    },
    {
      name: "project people", model: "projectPerson", refs: { projectId: "projects", personId: "people" }, key: link("projectId", "personId"),
      label: (k) => `project "${k.split(" ")[0]}" person "${k.split(" ")[1]}"`,
      columns: ["projectId", "personId", "role", ...SOURCE],
      records: data.projects.flatMap((p) => p.people.map((x) => ({ projectId: p.slug, personId: x.person, role: x.role, ...src(x.source) }))),
    },
    {
      name: "candidate places", model: "projectCandidatePlace", refs: { projectId: "projects", placeId: "places" }, key: link("projectId", "placeId"),
      label: (k) => `project "${k.split(" ")[0]}" candidate place "${k.split(" ")[1]}"`,
      columns: ["projectId", "placeId", "role", ...SOURCE],
      records: data.projects.flatMap((p) => p.candidatePlaces.map((x) => ({ projectId: p.slug, placeId: x.place, role: x.role, ...src(x.source) }))),
    },
    {
      name: "technologies", model: "technology", refs: { organizationId: "organizations" }, key: bySlug, label: named("technology"),
      columns: ["slug", "name", "organizationId", "role", "description", ...SOURCE],
      records: data.technologies.map((t) => ({ slug: t.slug, name: t.name, organizationId: t.organization, role: t.role, description: t.description, ...src(t.source) })),
    },
    {
      name: "placements", model: "trainingPlacement", refs: { personId: "people", programmeId: "organizations", hostId: "organizations" }, key: bySlug, label: named("placement"),
      columns: ["slug", "personId", "programmeId", "programmeInferred", "hostId", "title", "description", ...SOURCE],
      records: data.placements.map((p) => ({
        slug: p.slug, personId: p.person, programmeId: p.programme, programmeInferred: p.programmeInferred, hostId: p.host, title: p.title, description: p.description, ...src(p.source),
      })),
    },
    {
      name: "participations", model: "participation", refs: { eventId: "events", personId: "people", organizationId: "organizations" }, key: bySlug, label: named("participation"),
      columns: ["slug", "eventId", "personId", "organizationId", "role", ...SOURCE],
      records: data.participations.map((p) => ({ slug: p.slug, eventId: p.event, personId: p.person, organizationId: p.organization, role: p.role, ...src(p.source) })),
    },
    {
      name: "quotes", model: "quote", refs: { speakerPersonId: "people", speakerOrganizationId: "organizations", eventId: "events" }, key: bySlug, label: named("quote"),
      columns: ["slug", "text", "kind", "speakerPersonId", "speakerOrganizationId", "eventId", ...SOURCE],
      records: data.quotes.map((q) => ({
        slug: q.slug, text: q.text, kind: q.kind, speakerPersonId: q.speakerPerson, speakerOrganizationId: q.speakerOrganization, eventId: q.event, ...src(q.source),
      })),
    },
    {
      name: "figures", model: "figure", refs: { projectId: "projects", placeId: "places", organizationId: "organizations", eventId: "events" }, key: bySlug, label: named("figure"),
      columns: ["slug", "metric", "label", "value", "unit", "qualifier", "originalText", "projectId", "placeId", "organizationId", "eventId", ...SOURCE],
      records: data.figures.map((f) => ({
        slug: f.slug, metric: f.metric, label: f.label, value: f.value, unit: f.unit, qualifier: f.qualifier, originalText: f.originalText,
        projectId: f.project, placeId: f.place, organizationId: f.organization, eventId: f.event, ...src(f.source),
      })),
    },
    {
      name: "figure parts", model: "figurePart", refs: { wholeId: "figures", partFigureId: "figures", partProjectId: "projects" },
      key: (r) => `${r.wholeId} ${r.partFigureId ? `figure:${r.partFigureId}` : `project:${r.partProjectId}`}`,
      label: (k) => `figure "${k.split(" ")[0]}" part ${k.split(" ")[1].replace(/^(\w+):(.*)$/, '$1 "$2"')}`,
      columns: ["wholeId", "partFigureId", "partProjectId", "inferred", "mayOverlap", "note", ...SOURCE],
      records: data.figures.flatMap((f) =>
        f.parts.map((p) => ({ wholeId: f.slug, partFigureId: p.figure, partProjectId: p.project, inferred: p.inferred, mayOverlap: p.mayOverlap, note: p.note, ...src(p.source) })),
      ),
    },
  ];
}

/** Orders records so that every parent comes before its children. */
function parentsFirst(records: Rec[], column: string): Rec[] {
  const index = new Map(records.map((r) => [r.slug as string, r]));
  const done = new Set<string>();
  const out: Rec[] = [];
  const visit = (r: Rec) => {
    if (done.has(r.slug as string)) return;
    done.add(r.slug as string);
    const parent = r[column] as string | null;
    if (parent && index.has(parent)) visit(index.get(parent)!);
    out.push(r);
  };
  records.forEach(visit);
  return out;
}

type Delegate = {
  findMany(args: object): Promise<Record<string, unknown>[]>;
  create(args: object): Promise<{ id: number }>;
  update(args: object): Promise<unknown>;
  updateMany(args: object): Promise<unknown>;
  deleteMany(args: object): Promise<unknown>;
};
const delegate = (client: Client, model: string) => (client as unknown as Record<string, Delegate>)[model];

/** Database values as the dataset spells them: BigInt as decimal strings. */
const normal = (v: unknown): Scalar => (typeof v === "bigint" ? v.toString() : ((v ?? null) as Scalar));

interface Plan {
  entities: Entity[];
  /** Per entity: the id of every record already stored, by key. */
  stored: Map<string, Map<string, number>>;
  changes: EntityChanges[];
  /** Per entity: the records to add, and the records to update with their changed columns. */
  added: Map<string, Rec[]>;
  updated: Map<string, { id: number; record: Rec; columns: string[] }[]>;
  removed: Map<string, number[]>;
}

/** Compares the dataset with what the database holds, entity by entity; reads only. */
async function planSeed(client: Client, entities: Entity[]): Promise<Plan> {
  const rows = new Map<string, Record<string, unknown>[]>();
  for (const e of entities) rows.set(e.name, await delegate(client, e.model).findMany({ orderBy: { id: "asc" } }));
  // Keys of stored rows, so references can be compared by what they point at rather than by id.
  const keyOfId = new Map<string, Map<number, string>>();
  const stored = new Map<string, Map<string, number>>();
  const current = new Map<string, Map<string, Rec>>();
  for (const e of entities) {
    const byId = new Map<number, string>();
    const byKey = new Map<string, number>();
    const recs = new Map<string, Rec>();
    keyOfId.set(e.name, byId);
    // Slugs first, so a row can refer to a parent stored after it.
    if (e.columns.includes("slug")) for (const row of rows.get(e.name)!) byId.set(row.id as number, row.slug as string);
    for (const row of rows.get(e.name)!) {
      const rec: Rec = {};
      for (const c of e.columns) {
        rec[c] = e.refs[c] ? (row[c] == null ? null : (keyOfId.get(e.refs[c])!.get(row[c] as number) ?? `#${row[c]}`)) : normal(row[c]);
      }
      const key = e.key(rec);
      byId.set(row.id as number, key);
      byKey.set(key, row.id as number);
      recs.set(key, rec);
    }
    stored.set(e.name, byKey);
    current.set(e.name, recs);
  }
  const plan: Plan = { entities, stored, changes: [], added: new Map(), updated: new Map(), removed: new Map() };
  for (const e of entities) {
    const have = current.get(e.name)!;
    const want = new Map(e.records.map((r) => [e.key(r), r]));
    const added = e.records.filter((r) => !have.has(e.key(r)));
    const updated: { id: number; record: Rec; columns: string[] }[] = [];
    for (const [key, record] of want) {
      const old = have.get(key);
      if (!old) continue;
      const columns = e.columns.filter((c) => normal(record[c]) !== old[c]);
      if (columns.length) updated.push({ id: stored.get(e.name)!.get(key)!, record, columns });
    }
    const removedKeys = [...have.keys()].filter((k) => !want.has(k));
    plan.added.set(e.name, added);
    plan.updated.set(e.name, updated);
    plan.removed.set(e.name, removedKeys.map((k) => stored.get(e.name)!.get(k)!));
    plan.changes.push({
      entity: e.name,
      added: added.map((r) => e.key(r)),
      changed: updated.map((u) => ({ record: e.key(u.record), columns: u.columns })),
      removed: removedKeys,
    });
  }
  return plan;
}

const CHUNK = 500;

/** Writes a plan: additions and updates entity by entity (parents first), then removals, children first. */
async function applyPlan(tx: Tx, plan: Plan): Promise<void> {
  let current = "the dataset";
  const ids = plan.stored;
  try {
    for (const e of plan.entities) {
      const model = delegate(tx, e.model);
      const row = (record: Rec, columns: string[]) =>
        Object.fromEntries(
          columns.map((c) => {
            const v = record[c];
            if (e.refs[c]) return [c, v === null ? null : ids.get(e.refs[c])!.get(v as string)!];
            return [c, c === "value" || c === "investment" ? (v === null ? null : BigInt(v as string)) : v];
          }),
        );
      const updates = new Map(plan.updated.get(e.name)!.map((u) => [e.key(u.record), u]));
      const adds = new Set(plan.added.get(e.name)!.map((r) => e.key(r)));
      const order = e.selfRef ? parentsFirst(e.records, e.selfRef) : e.records;
      for (const record of order) {
        const key = e.key(record);
        current = e.label(key);
        if (adds.has(key)) {
          const { id } = await model.create({ data: row(record, e.columns), select: { id: true } });
          ids.get(e.name)!.set(key, id);
        } else if (updates.has(key)) {
          const u = updates.get(key)!;
          await model.update({ where: { id: u.id }, data: row(record, u.columns) });
        }
      }
    }
    current = "removing records that left the dataset";
    for (const e of [...plan.entities].reverse()) {
      const removed = plan.removed.get(e.name)!;
      for (let i = 0; i < removed.length; i += CHUNK) {
        const where = { id: { in: removed.slice(i, i + CHUNK) } };
        if (e.selfRef) await delegate(tx, e.model).updateMany({ where, data: { [e.selfRef]: null } });
        await delegate(tx, e.model).deleteMany({ where });
      }
    }
  } catch (error) {
    throw new SeedWriteError(current, error);
  }
}

/**
 * Makes the database hold the dataset: validated first, then compared with
 * what is stored, record by record (keys are slugs, or for link rows what
 * they link), and only what differs is written, in one transaction. Any
 * failure rolls the whole run back. With dryRun nothing is written; the
 * report says what would change.
 */
export async function seedDatabase(
  db: Db,
  input: unknown = readDatasetJson(),
  articleText: string = loadArticleText(),
  options: { dryRun?: boolean } = {},
): Promise<SeedReport> {
  const data = validateDataset(input, articleText);
  const entities = entitiesOf(data, articleText);
  const plan = options.dryRun
    ? await planSeed(db, entities)
    : await db.$transaction(
        async (tx) => {
          const p = await planSeed(tx as Tx, entities);
          await applyPlan(tx as Tx, p);
          return p;
        },
        { timeout: 120_000, maxWait: 30_000 },
      );
  const changes = plan.changes;
  return {
    dryRun: Boolean(options.dryRun),
    entities: changes,
    records: entities.reduce((n, e) => n + e.records.length, 0),
    changed: changes.some((c) => c.added.length + c.changed.length + c.removed.length > 0),
  };
}

const LISTED = 12;

/** The report as the CLI prints it: per entity, how many records were added, changed and removed, and which. */
export function formatSeedReport(report: SeedReport): string {
  if (!report.changed) {
    return `Nothing changed: the database already holds the dataset (${report.records} records).${report.dryRun ? " Dry run: nothing was written." : ""}`;
  }
  const lines = [report.dryRun ? "Dry run: nothing was written. Seeding would make these changes:" : "Seeded the dataset:"];
  const width = Math.max(...report.entities.map((e) => e.entity.length));
  for (const { entity, added, changed, removed } of report.entities) {
    if (!added.length && !changed.length && !removed.length) continue;
    lines.push(`  ${entity.padEnd(width)}  ${added.length} added, ${changed.length} changed, ${removed.length} removed`);
    const items = [...added.map((k) => `+ ${k}`), ...changed.map((c) => `~ ${c.record} (${c.columns.join(", ")})`), ...removed.map((k) => `- ${k}`)];
    for (const item of items.slice(0, LISTED)) lines.push(`      ${item}`);
    if (items.length > LISTED) lines.push(`      … and ${items.length - LISTED} more`);
  }
  return lines.join("\n");
}

/** True when no article has been seeded yet: `npm start` seeds only then. */
export async function isEmpty(db: Db): Promise<boolean> {
  return (await db.article.count()) === 0;
}
